/**
 * The relay endpoint `/relay`: when WebRTC cannot connect a tablet and the laptop (no
 * RTCPeerConnection in the tablet's browser, a network that blocks peer-to-peer traffic), their
 * room's sync messages travel through here instead. It forwards opaque bytes between the members
 * of a topic (src/sync/relay-wire.ts) and keeps nothing: the payloads are sealed end to end by
 * the two devices, with a key the server never sees (src/sync/relay-seal.ts).
 *
 * Against hostile clients, per connection: a maximum frame size, a cap on topics, token buckets
 * on messages and on bytes per second, and a cap on what may wait unsent for a slow reader. Per
 * topic: a cap on members (a private room has two; a little more covers a reload whose old
 * socket has not timed out yet); a join to a full topic takes the place of the member that was
 * quiet longest, which is such a stale socket, and that member is told (it joins again if it is
 * not stale: a stranger who learnt the topic cannot push a member out for good). A cap on
 * connections per address and an idle timeout as for `/signal`. A bad frame closes that one
 * connection.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RawData, WebSocket } from 'ws';
import { decodeRelayFrame, encodeRelayFrame, RELAY_OP } from '../sync/relay-wire.ts';
import {
  CLOSE,
  DEFAULT_IDLE_MS,
  DEFAULT_MAX_PER_ADDRESS,
  GuardedSockets,
} from './guarded-sockets.ts';
import { TokenBucket } from '../shared/token-bucket.ts';

export interface RelayLimits {
  /** Largest frame, in bytes: a sealed 64 KiB piece of a sync message with its headers fits. */
  maxFrameBytes: number;
  /** Topics per connection (the facilitator: one per device of the session). */
  maxTopicsPerConnection: number;
  /** Members per topic. */
  maxMembersPerTopic: number;
  messagesPerSecond: number;
  messageBurst: number;
  bytesPerSecond: number;
  byteBurst: number;
  /** A receiver with more than this waiting to be sent is dropped (it reconnects and catches up). */
  maxBufferedBytes: number;
  pingIntervalMs: number;
  /** Connections per network address (loopback, the laptop itself, is not capped). */
  maxConnectionsPerAddress: number;
  /** A connection that joined no topic for this long is closed. */
  idleMs: number;
}

export const DEFAULT_RELAY_LIMITS: RelayLimits = {
  maxFrameBytes: 72 * 1024,
  maxTopicsPerConnection: 256,
  maxMembersPerTopic: 4,
  messagesPerSecond: 400,
  messageBurst: 2000,
  bytesPerSecond: 2 * 1024 * 1024,
  byteBurst: 8 * 1024 * 1024,
  maxBufferedBytes: 16 * 1024 * 1024,
  pingIntervalMs: 30_000,
  maxConnectionsPerAddress: DEFAULT_MAX_PER_ADDRESS,
  idleMs: DEFAULT_IDLE_MS,
};

export interface RelayOptions {
  limits?: Partial<RelayLimits>;
  /** Origins allowed besides the server's own (as for `/signal`). */
  allowedOrigins?: readonly string[];
  log?: (message: string) => void;
  /** Caps loopback connections per address too (tests, where every device is on loopback). */
  capLoopback?: boolean;
}

interface Client {
  socket: WebSocket;
  topics: Set<string>;
  messages: TokenBucket;
  bytes: TokenBucket;
  /** When it last sent anything. */
  activeAt: number;
}

export class RelayServer {
  readonly #limits: RelayLimits;
  readonly #sockets: GuardedSockets<Client>;
  readonly #topics = new Map<string, Set<Client>>();
  /** Bytes forwarded since start, for status output and tests. */
  #forwarded = 0;

  constructor(options: RelayOptions = {}) {
    const limits = (this.#limits = { ...DEFAULT_RELAY_LIMITS, ...options.limits });
    this.#sockets = new GuardedSockets<Client>(
      {
        name: 'relay',
        maxPayload: limits.maxFrameBytes,
        pingIntervalMs: limits.pingIntervalMs,
        maxPerAddress: limits.maxConnectionsPerAddress,
        idleMs: limits.idleMs,
        ...(options.capLoopback ? { capLoopback: true } : {}),
        ...(options.allowedOrigins ? { allowedOrigins: options.allowedOrigins } : {}),
        ...(options.log ? { log: options.log } : {}),
      },
      {
        accept: (socket) => ({
          socket,
          topics: new Set(),
          messages: new TokenBucket(limits.messagesPerSecond, limits.messageBurst),
          bytes: new TokenBucket(limits.bytesPerSecond, limits.byteBurst),
          activeAt: Date.now(),
        }),
        message: (client, data, isBinary) => this.#onMessage(client, data, isBinary),
        drop: (client) => this.#drop(client),
        holds: (client) => client.topics.size > 0,
      },
    );
  }

  get stats(): { connections: number; topics: number; forwardedBytes: number } {
    return {
      connections: this.#sockets.size,
      topics: this.#topics.size,
      forwardedBytes: this.#forwarded,
    };
  }

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.#sockets.handleUpgrade(request, socket, head);
  }

  close(): Promise<void> {
    return this.#sockets.close();
  }

  #onMessage(client: Client, data: RawData, isBinary: boolean): void {
    if (!isBinary) return this.#reject(client, CLOSE.invalidFrame, 'relay frames are binary');
    const bytes = toBytes(data);
    client.activeAt = Date.now();
    if (!client.messages.take() || !client.bytes.take(bytes.length))
      return this.#reject(client, CLOSE.policy, 'too much traffic');
    const frame = decodeRelayFrame(bytes);
    if (!frame || frame.op === RELAY_OP.evicted)
      return this.#reject(client, CLOSE.invalidFrame, 'not a relay frame');
    if (frame.op === RELAY_OP.join) return this.#join(client, frame.topic);
    if (frame.op === RELAY_OP.leave) return this.#leave(client, frame.topic);
    if (!client.topics.has(frame.topic))
      return this.#reject(client, CLOSE.policy, 'sent to a topic it did not join');
    for (const member of this.#topics.get(frame.topic) ?? []) {
      if (member !== client) this.#forward(member, bytes);
    }
  }

  #join(client: Client, topic: string): void {
    if (client.topics.has(topic)) return;
    if (client.topics.size >= this.#limits.maxTopicsPerConnection)
      return this.#reject(client, CLOSE.policy, 'too many topics');
    let members = this.#topics.get(topic);
    if (!members) this.#topics.set(topic, (members = new Set()));
    if (members.size >= this.#limits.maxMembersPerTopic) {
      const quietest = [...members].reduce((a, b) => (b.activeAt < a.activeAt ? b : a));
      this.#sockets.log('a full topic gave the place of its quietest member to a new one');
      this.#leave(quietest, topic);
      this.#forward(quietest, encodeRelayFrame(RELAY_OP.evicted, topic));
      if (!this.#topics.has(topic)) this.#topics.set(topic, members);
    }
    members.add(client);
    client.topics.add(topic);
  }

  #leave(client: Client, topic: string): void {
    client.topics.delete(topic);
    const members = this.#topics.get(topic);
    members?.delete(client);
    if (members?.size === 0) this.#topics.delete(topic);
  }

  #forward(member: Client, bytes: Uint8Array): void {
    const socket = member.socket;
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount + bytes.length > this.#limits.maxBufferedBytes)
      return this.#sockets.terminate(socket, 'stopped reading');
    this.#forwarded += bytes.length;
    socket.send(bytes, { binary: true });
  }

  #drop(client: Client): void {
    for (const topic of [...client.topics]) this.#leave(client, topic);
  }

  #reject(client: Client, code: number, reason: string): void {
    this.#sockets.reject(client.socket, code, reason);
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}
