/**
 * The page's connection to the kit server's relay (`/relay`, relay-wire.ts): one WebSocket for
 * all of the page's relay topics (the facilitator has one per device), opened with the first
 * topic and closed with the last. It comes back by itself after a drop and joins its topics
 * again; each topic hears `up` then, so its link says hello.
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
}

export class RelaySocket implements RelayTransport {
  readonly #o: RelaySocketOptions;
  readonly #topics = new Map<string, RelayTopicHandlers>();
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
      },
    });
    return socket;
  }
}

/** The kit server's relay endpoint, seen from this page (wss on an https page). */
export function relayUrlFor(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/relay`;
}
