/**
 * PubSub over the kit server's `/signal` WebSocket (y-webrtc's signaling protocol). Reconnects
 * by itself with a growing delay and subscribes its topics again; what is published while the
 * socket is down is dropped, so callers say hello again on `onConnected` (lobby messages are
 * idempotent).
 */
import type { PubSub } from './pubsub';
import { ReconnectingSocket, type SocketLike } from './reconnecting-socket';

export type { SocketLike };

export interface SignalingPubSubOptions {
  url: string;
  createSocket?: (url: string) => SocketLike;
  /** Called on every (re)connection, after the topics were subscribed again. */
  onConnected?: () => void;
  onDisconnected?: () => void;
  retryDelayMs?: { first: number; max: number };
}

export class SignalingPubSub implements PubSub {
  readonly #handlers = new Map<string, Set<(data: unknown) => void>>();
  readonly #socket: ReconnectingSocket;

  constructor(options: SignalingPubSubOptions) {
    this.#socket = new ReconnectingSocket({
      url: options.url,
      ...(options.createSocket ? { createSocket: options.createSocket } : {}),
      ...(options.retryDelayMs ? { retryDelayMs: options.retryDelayMs } : {}),
      onOpen: () => {
        if (this.#handlers.size > 0)
          this.#send({ type: 'subscribe', topics: [...this.#handlers.keys()] });
        options.onConnected?.();
      },
      onClose: () => options.onDisconnected?.(),
      onMessage: (data) => this.#onMessage(data),
    });
  }

  get connected(): boolean {
    return this.#socket.connected;
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
    this.#socket.destroy();
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
    this.#socket.send(JSON.stringify(message));
  }
}
