/**
 * The signaling endpoint `/signal`: y-webrtc's publish/subscribe protocol (`subscribe`,
 * `unsubscribe`, `publish`, `ping`), so a stock y-webrtc client works against it. Unlike the
 * sample server in the y-webrtc package it is hardened for a room full of devices it does not
 * trust: a maximum frame size, a cap on topics per connection and on messages per second, a cap
 * on what may wait unsent for a receiver that stopped reading, an origin check, a cap on
 * connections per address, dead and idle connection cleanup and a clean shutdown. A bad frame
 * closes that one connection; everyone else is served on.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { RawData, WebSocket } from 'ws';
import {
  CLOSE,
  DEFAULT_IDLE_MS,
  DEFAULT_MAX_PER_ADDRESS,
  GuardedSockets,
} from './guarded-sockets.ts';
import { TokenBucket } from '../shared/token-bucket.ts';

export interface SignalingLimits {
  /** Largest frame accepted, in bytes (WebRTC offers with ICE candidates are a few KB). */
  maxMessageBytes: number;
  /** Topics one connection may be subscribed to (the facilitator: a lobby plus a room per device). */
  maxTopicsPerConnection: number;
  maxTopicLength: number;
  /** Sustained messages per second per connection, and the burst allowed above it. */
  messagesPerSecond: number;
  burst: number;
  /** How often connections are pinged; one that missed the previous ping is dropped. */
  pingIntervalMs: number;
  /**
   * A receiver with more than this waiting to be sent is dropped: publishers within their rates
   * could otherwise fill the server's memory through receivers that stop reading.
   */
  maxBufferedBytes: number;
  /** Connections per network address (loopback, the laptop itself, is not capped). */
  maxConnectionsPerAddress: number;
  /** A connection subscribed to nothing for this long is closed. */
  idleMs: number;
}

export const DEFAULT_LIMITS: SignalingLimits = {
  maxMessageBytes: 64 * 1024,
  maxTopicsPerConnection: 256,
  maxTopicLength: 200,
  messagesPerSecond: 100,
  burst: 400,
  pingIntervalMs: 30_000,
  maxBufferedBytes: 4 * 1024 * 1024,
  maxConnectionsPerAddress: DEFAULT_MAX_PER_ADDRESS,
  idleMs: DEFAULT_IDLE_MS,
};

export interface SignalingOptions {
  limits?: Partial<SignalingLimits>;
  /**
   * Origins (e.g. `https://kring.example.org`) allowed besides the server's own. Browsers always
   * send Origin; a request without one is not from a web page and is let through.
   */
  allowedOrigins?: readonly string[];
  /** Reports refused requests and closed connections (the kit server prints them). */
  log?: (message: string) => void;
  /** Caps loopback connections per address too (tests, where every device is on loopback). */
  capLoopback?: boolean;
}

export { CLOSE };

type Frame = { type: string; topics?: unknown; topic?: unknown; [key: string]: unknown };

interface Client {
  socket: WebSocket;
  topics: Set<string>;
  rate: TokenBucket;
}

export class SignalingServer {
  readonly #limits: SignalingLimits;
  readonly #sockets: GuardedSockets<Client>;
  readonly #topics = new Map<string, Set<Client>>();

  constructor(options: SignalingOptions = {}) {
    const limits = (this.#limits = { ...DEFAULT_LIMITS, ...options.limits });
    this.#sockets = new GuardedSockets<Client>(
      {
        name: 'signaling',
        maxPayload: limits.maxMessageBytes,
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
          rate: new TokenBucket(limits.messagesPerSecond, limits.burst),
        }),
        message: (client, data, isBinary) => this.#onMessage(client, data, isBinary),
        drop: (client) => this.#drop(client),
        holds: (client) => client.topics.size > 0,
      },
    );
  }

  /** Connections and topics now, for status output and tests. */
  get stats(): { connections: number; topics: number } {
    return { connections: this.#sockets.size, topics: this.#topics.size };
  }

  /** Takes over an HTTP upgrade request for `/signal`, or refuses it (wrong origin). */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.#sockets.handleUpgrade(request, socket, head);
  }

  /** Says goodbye to every connection and stops. */
  close(): Promise<void> {
    return this.#sockets.close();
  }

  #onMessage(client: Client, data: RawData, isBinary: boolean): void {
    if (!client.rate.take()) return this.#reject(client, CLOSE.policy, 'too many messages');
    if (isBinary)
      return this.#reject(client, CLOSE.invalidFrame, 'binary frames are not signaling');
    const frame = parseFrame(data);
    if (!frame) return this.#reject(client, CLOSE.invalidFrame, 'not a signaling message');
    switch (frame.type) {
      case 'subscribe':
        return this.#subscribe(client, frame.topics);
      case 'unsubscribe':
        return this.#unsubscribe(client, frame.topics);
      case 'publish':
        return this.#publish(client, frame);
      case 'ping':
        return send(client, { type: 'pong' });
      default:
        return this.#reject(client, CLOSE.invalidFrame, `unknown message type`);
    }
  }

  #subscribe(client: Client, topics: unknown): void {
    const names = this.#topicList(client, topics);
    if (!names) return;
    for (const name of names) {
      if (!client.topics.has(name) && client.topics.size >= this.#limits.maxTopicsPerConnection) {
        return this.#reject(client, CLOSE.policy, 'too many topics');
      }
      client.topics.add(name);
      let subscribers = this.#topics.get(name);
      if (!subscribers) this.#topics.set(name, (subscribers = new Set()));
      subscribers.add(client);
    }
  }

  #unsubscribe(client: Client, topics: unknown): void {
    for (const name of this.#topicList(client, topics) ?? []) this.#leave(client, name);
  }

  #publish(client: Client, frame: Frame): void {
    const { topic } = frame;
    if (typeof topic !== 'string' || topic.length > this.#limits.maxTopicLength) {
      return this.#reject(client, CLOSE.invalidFrame, 'publish needs a topic');
    }
    const receivers = this.#topics.get(topic);
    if (!receivers) return;
    const message = JSON.stringify({ ...frame, clients: receivers.size });
    for (const receiver of receivers) this.#deliver(receiver, message); // a drop leaves the set: fine mid-loop
  }

  #deliver(receiver: Client, message: string): void {
    const socket = receiver.socket;
    if (socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount + message.length > this.#limits.maxBufferedBytes)
      return this.#sockets.terminate(socket, 'stopped reading');
    socket.send(message);
  }

  #topicList(client: Client, topics: unknown): string[] | undefined {
    const valid =
      Array.isArray(topics) &&
      topics.every(
        (t) => typeof t === 'string' && t.length > 0 && t.length <= this.#limits.maxTopicLength,
      );
    if (!valid) {
      this.#reject(client, CLOSE.invalidFrame, 'topics must be a list of short strings');
      return undefined;
    }
    return topics as string[];
  }

  #leave(client: Client, name: string): void {
    client.topics.delete(name);
    const subscribers = this.#topics.get(name);
    subscribers?.delete(client);
    if (subscribers?.size === 0) this.#topics.delete(name);
  }

  #drop(client: Client): void {
    for (const name of [...client.topics]) this.#leave(client, name);
  }

  #reject(client: Client, code: number, reason: string): void {
    this.#sockets.reject(client.socket, code, reason);
  }
}

function parseFrame(data: RawData): Frame | undefined {
  try {
    const text = Array.isArray(data)
      ? Buffer.concat(data).toString('utf8')
      : Buffer.from(data as ArrayBuffer).toString('utf8');
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    return typeof (value as Frame).type === 'string' ? (value as Frame) : undefined;
  } catch {
    return undefined;
  }
}

function send(client: Client, message: object): void {
  if (client.socket.readyState === client.socket.OPEN) client.socket.send(JSON.stringify(message));
}
