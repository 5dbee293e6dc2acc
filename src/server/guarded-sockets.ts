/**
 * What the kit server's WebSocket endpoints (`/signal`, `/relay`) share in guarding a room full
 * of devices they do not trust: an origin check on the upgrade, a cap on connections per network
 * address, a maximum frame size, pings that drop dead connections, a timeout for connections
 * that hold nothing (no topic), token buckets for rates, and a clean shutdown. The endpoint
 * decides what a message means; GuardedSockets keeps the connections.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { logSafe } from './log-safe.ts';

/** Close codes sent to a misbehaving connection. */
export const CLOSE = { invalidFrame: 1003, policy: 1008, tooBig: 1009, goingAway: 1001 } as const;

export interface GuardedSocketsOptions {
  /** Endpoint name in log lines ("signaling", "relay"). */
  name: string;
  /** Largest frame accepted, in bytes (ws closes a larger one with 1009). */
  maxPayload: number;
  /** How often connections are pinged; one that missed the previous ping is dropped. */
  pingIntervalMs: number;
  /**
   * Origins (e.g. `https://kring.example.org`) allowed besides the server's own. Browsers always
   * send Origin; a request without one is not from a web page and is let through.
   */
  allowedOrigins?: readonly string[];
  /**
   * Connections one network address may hold (a tablet holds one or two). Loopback, the laptop
   * itself, is not capped unless `capLoopback` is set (tests, where every device is loopback).
   */
  maxPerAddress?: number;
  capLoopback?: boolean;
  /** A connection that holds nothing (`holds` is false) for this long is closed. */
  idleMs?: number;
  log?: (message: string) => void;
}

export const DEFAULT_MAX_PER_ADDRESS = 100;
export const DEFAULT_IDLE_MS = 60_000;

export interface HubHandlers<C> {
  /** A new connection: returns what the endpoint keeps for it. */
  accept(socket: WebSocket): C;
  message(client: C, data: RawData, isBinary: boolean): void;
  /** The connection is gone (closed, dropped or refused): forget its subscriptions. */
  drop(client: C): void;
  /** Whether the connection holds something (a topic); one that does not for idleMs is closed. */
  holds(client: C): boolean;
}

interface Entry<C> {
  client: C;
  alive: boolean;
  address: string;
  /** Since when it holds nothing (undefined while it holds something). */
  idleSince: number | undefined;
}

export class GuardedSockets<C> {
  readonly #o: GuardedSocketsOptions;
  readonly #handlers: HubHandlers<C>;
  readonly #allowed: Set<string>;
  readonly #wss: WebSocketServer;
  readonly #clients = new Map<WebSocket, Entry<C>>();
  readonly #perAddress = new Map<string, number>();
  readonly #pinger: ReturnType<typeof setInterval>;
  readonly #idleCheck: ReturnType<typeof setInterval>;
  readonly #maxPerAddress: number;
  readonly #idleMs: number;

  constructor(options: GuardedSocketsOptions, handlers: HubHandlers<C>) {
    this.#o = options;
    this.#handlers = handlers;
    this.#allowed = new Set(options.allowedOrigins ?? []);
    this.#maxPerAddress = options.maxPerAddress ?? DEFAULT_MAX_PER_ADDRESS;
    this.#idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
    this.#wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload });
    this.#pinger = setInterval(() => this.#pingAll(), options.pingIntervalMs);
    this.#pinger.unref();
    this.#idleCheck = setInterval(() => this.#closeIdle(), Math.max(50, this.#idleMs / 4));
    this.#idleCheck.unref();
  }

  get size(): number {
    return this.#clients.size;
  }

  log(message: string): void {
    this.#o.log?.(`${this.#o.name}: ${message}`);
  }

  /** Takes over an HTTP upgrade request, or refuses it (wrong origin, too many connections). */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const origin = request.headers.origin;
    if (origin !== undefined && !this.#originAllowed(origin, request.headers.host)) {
      this.log(`refused a connection from origin ${logSafe(origin)}`);
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    const address = request.socket.remoteAddress ?? '?';
    if (this.#capped(address) && (this.#perAddress.get(address) ?? 0) >= this.#maxPerAddress) {
      this.log(`refused a connection from ${address}: it holds ${this.#maxPerAddress} already`);
      socket.end('HTTP/1.1 429 Too Many Requests\r\nConnection: close\r\n\r\n');
      return;
    }
    this.#wss.handleUpgrade(request, socket, head, (ws) => this.#accept(ws, address));
  }

  /** Closes one connection for misbehaving; everyone else is served on. */
  reject(socket: WebSocket, code: number, reason: string): void {
    this.log(`closed a connection (${reason})`);
    this.#forget(socket);
    socket.close(code, reason);
  }

  /** Drops a connection without a closing handshake (it stopped reading, or stopped answering). */
  terminate(socket: WebSocket, reason: string): void {
    this.log(`dropped a connection that ${reason}`);
    this.#forget(socket);
    socket.terminate();
  }

  /** Says goodbye to every connection and stops. */
  async close(): Promise<void> {
    clearInterval(this.#pinger);
    clearInterval(this.#idleCheck);
    for (const socket of this.#clients.keys())
      socket.close(CLOSE.goingAway, 'server shutting down');
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
    for (const socket of this.#clients.keys()) socket.terminate();
  }

  #originAllowed(origin: string, host: string | undefined): boolean {
    if (this.#allowed.has(origin)) return true;
    try {
      return new URL(origin).host === host;
    } catch {
      return false;
    }
  }

  #capped(address: string): boolean {
    return this.#o.capLoopback === true || !isLoopback(address);
  }

  #accept(socket: WebSocket, address: string): void {
    const entry: Entry<C> = {
      client: this.#handlers.accept(socket),
      alive: true,
      address,
      idleSince: Date.now(),
    };
    this.#clients.set(socket, entry);
    this.#perAddress.set(address, (this.#perAddress.get(address) ?? 0) + 1);
    socket.on('pong', () => (entry.alive = true));
    socket.on('message', (data, isBinary) => {
      if (this.#clients.has(socket)) this.#handlers.message(entry.client, data, isBinary);
    });
    socket.on('close', () => this.#forget(socket));
    socket.on('error', () => socket.terminate()); // e.g. a frame over maxPayload: ws closes with 1009
  }

  #forget(socket: WebSocket): void {
    const entry = this.#clients.get(socket);
    if (!entry) return;
    this.#clients.delete(socket);
    const left = (this.#perAddress.get(entry.address) ?? 1) - 1;
    if (left > 0) this.#perAddress.set(entry.address, left);
    else this.#perAddress.delete(entry.address);
    this.#handlers.drop(entry.client);
  }

  /** Closes the connections that held nothing for idleMs (opened and never subscribed, say). */
  #closeIdle(): void {
    const now = Date.now();
    for (const [socket, entry] of this.#clients) {
      if (this.#handlers.holds(entry.client)) entry.idleSince = undefined;
      else if (entry.idleSince === undefined) entry.idleSince = now;
      else if (now - entry.idleSince >= this.#idleMs)
        this.reject(socket, CLOSE.policy, 'held nothing for too long');
    }
  }

  #pingAll(): void {
    for (const [socket, entry] of this.#clients) {
      if (!entry.alive) {
        this.terminate(socket, 'stopped answering');
        continue;
      }
      entry.alive = false;
      socket.ping();
    }
  }
}

/** The laptop itself. */
export function isLoopback(address: string): boolean {
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}
