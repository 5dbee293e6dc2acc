/**
 * PubSub over the kit server's `/signal` WebSocket (y-webrtc's signaling protocol). Reconnects
 * by itself with a growing delay and subscribes its topics again; what is published while the
 * socket is down is dropped, so callers say hello again on `onConnected` (lobby messages are
 * idempotent).
 */
import type { PubSub } from './pubsub';

/** The part of the WebSocket API used here (the browser's, or `ws` in Node tests). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}

export interface SignalingPubSubOptions {
  url: string;
  createSocket?: (url: string) => SocketLike;
  /** Called on every (re)connection, after the topics were subscribed again. */
  onConnected?: () => void;
  onDisconnected?: () => void;
  retryDelayMs?: { first: number; max: number };
}

const OPEN = 1;

export class SignalingPubSub implements PubSub {
  readonly #o: SignalingPubSubOptions;
  readonly #handlers = new Map<string, Set<(data: unknown) => void>>();
  #socket: SocketLike | undefined;
  #delay: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;

  constructor(options: SignalingPubSubOptions) {
    this.#o = options;
    this.#delay = options.retryDelayMs?.first ?? 500;
    this.#connect();
  }

  get connected(): boolean {
    return this.#socket?.readyState === OPEN;
  }

  subscribe(topic: string, onMessage: (data: unknown) => void): () => void {
    let handlers = this.#handlers.get(topic);
    if (!handlers) {
      this.#handlers.set(topic, (handlers = new Set()));
      this.#send({ type: 'subscribe', topics: [topic] });
    }
    handlers.add(onMessage);
    return () => {
      handlers.delete(onMessage);
      if (handlers.size > 0) return;
      this.#handlers.delete(topic);
      this.#send({ type: 'unsubscribe', topics: [topic] });
    };
  }

  publish(topic: string, data: unknown): void {
    this.#send({ type: 'publish', topic, data });
  }

  destroy(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#socket?.close();
  }

  #connect(): void {
    const create =
      this.#o.createSocket ?? ((url: string) => new WebSocket(url) as unknown as SocketLike);
    const socket = create(this.#o.url);
    this.#socket = socket;
    socket.onopen = () => {
      this.#delay = this.#o.retryDelayMs?.first ?? 500;
      if (this.#handlers.size > 0)
        this.#send({ type: 'subscribe', topics: [...this.#handlers.keys()] });
      this.#o.onConnected?.();
    };
    socket.onmessage = (event) => this.#onMessage(event.data);
    socket.onerror = () => socket.close();
    socket.onclose = () => {
      if (this.#socket !== socket) return;
      this.#o.onDisconnected?.();
      if (this.#stopped) return;
      this.#timer = setTimeout(() => this.#connect(), this.#delay);
      this.#delay = Math.min(this.#delay * 2, this.#o.retryDelayMs?.max ?? 10_000);
    };
  }

  #onMessage(raw: unknown): void {
    let message: { type?: unknown; topic?: unknown; data?: unknown };
    try {
      message = JSON.parse(String(raw)) as typeof message;
    } catch {
      return;
    }
    if (message.type !== 'publish' || typeof message.topic !== 'string') return;
    for (const handler of [...(this.#handlers.get(message.topic) ?? [])]) handler(message.data);
  }

  #send(message: object): void {
    if (this.#socket?.readyState === OPEN) this.#socket.send(JSON.stringify(message));
  }
}
