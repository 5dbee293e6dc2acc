/**
 * The page's connection to the kit server's relay (`/relay`, relay-wire.ts): one WebSocket for
 * all of the page's relay topics (the facilitator has one per device), opened with the first
 * topic and closed with the last. It comes back by itself after a drop and joins its topics
 * again; each topic hears `up` then, so its link says hello. A topic whose place the server gave
 * to a newer member (it was told: EVICTED) hears `down`, and is joined again after a pause that
 * grows while it keeps being pushed out.
 */
import { ReconnectingSocket, type SocketLike } from './reconnecting-socket';
import { decodeRelayFrame, encodeRelayFrame, RELAY_OP } from './relay-wire';

export interface RelayTopicHandlers {
  message(payload: Uint8Array): void;
  /** The socket is (again) connected and the topic joined. */
  up(): void;
  down(): void;
}

/** One joined topic. */
export interface RelayChannel {
  readonly up: boolean;
  /** Sends to the topic's other members; false (dropped) while the socket is down. */
  send(payload: Uint8Array): boolean;
  leave(): void;
}

/** What a room needs of the relay: the socket here, or an in-memory one in tests. */
export interface RelayTransport {
  join(topic: string, handlers: RelayTopicHandlers): RelayChannel;
}

export interface RelaySocketOptions {
  url: string;
  createSocket?: (url: string) => SocketLike;
  /** The first pause before joining a topic again after an eviction (default 1 s). */
  rejoinDelayMs?: number;
}

/** The pause before rejoining doubles with each eviction, up to this. */
const MAX_REJOIN_DELAY_MS = 30_000;
/** An eviction this long after the last one starts the pauses over. */
const EVICTIONS_FORGOTTEN_MS = 120_000;

export class RelaySocket implements RelayTransport {
  readonly #o: RelaySocketOptions;
  readonly #topics = new Map<string, RelayTopicHandlers>();
  /** Per topic: the last eviction and the pause before the next rejoin. */
  readonly #evictions = new Map<string, { at: number; delayMs: number }>();
  #socket: ReconnectingSocket | undefined;

  constructor(options: RelaySocketOptions) {
    this.#o = options;
  }

  join(topic: string, handlers: RelayTopicHandlers): RelayChannel {
    if (this.#topics.has(topic)) throw new Error(`relay topic ${topic} is joined already`);
    this.#topics.set(topic, handlers);
    const socket = (this.#socket ??= this.#open());
    if (socket.connected) {
      socket.send(encodeRelayFrame(RELAY_OP.join, topic));
      queueMicrotask(() => this.#topics.get(topic) === handlers && handlers.up());
    }
    return {
      get up() {
        return socket.connected;
      },
      send: (payload) => socket.send(encodeRelayFrame(RELAY_OP.send, topic, payload)),
      leave: () => {
        if (this.#topics.get(topic) !== handlers) return;
        this.#topics.delete(topic);
        this.#evictions.delete(topic);
        socket.send(encodeRelayFrame(RELAY_OP.leave, topic));
        if (this.#topics.size === 0) {
          socket.destroy();
          this.#socket = undefined;
        }
      },
    };
  }

  #open(): ReconnectingSocket {
    const socket: ReconnectingSocket = new ReconnectingSocket({
      url: this.#o.url,
      ...(this.#o.createSocket ? { createSocket: this.#o.createSocket } : {}),
      onOpen: () => {
        for (const topic of this.#topics.keys())
          socket.send(encodeRelayFrame(RELAY_OP.join, topic));
        for (const handlers of [...this.#topics.values()]) handlers.up();
      },
      onClose: () => {
        for (const handlers of [...this.#topics.values()]) handlers.down();
      },
      onMessage: (data) => {
        if (!(data instanceof ArrayBuffer)) return;
        const frame = decodeRelayFrame(new Uint8Array(data));
        if (frame?.op === RELAY_OP.send) this.#topics.get(frame.topic)?.message(frame.payload);
        else if (frame?.op === RELAY_OP.evicted) this.#onEvicted(socket, frame.topic);
      },
    });
    return socket;
  }

  #onEvicted(socket: ReconnectingSocket, topic: string): void {
    const handlers = this.#topics.get(topic);
    if (!handlers) return;
    handlers.down();
    const now = Date.now();
    const first = this.#o.rejoinDelayMs ?? 1000;
    const last = this.#evictions.get(topic);
    const delayMs =
      last && now - last.at < EVICTIONS_FORGOTTEN_MS
        ? Math.min(last.delayMs * 2, MAX_REJOIN_DELAY_MS)
        : first;
    this.#evictions.set(topic, { at: now, delayMs });
    setTimeout(() => {
      if (this.#topics.get(topic) !== handlers || this.#socket !== socket) return;
      if (socket.send(encodeRelayFrame(RELAY_OP.join, topic))) handlers.up();
    }, delayMs);
  }
}

/** The kit server's relay endpoint, seen from this page (wss on an https page). */
export function relayUrlFor(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/relay`;
}
