/**
 * Limits on the kit server's TCP connections, before any request is read: a connection that
 * sends nothing (or stops in the middle of a request) is closed after an idle timeout, and one
 * network address may hold only so many connections at once. WebSockets leave the idle timeout
 * once upgraded (ws clears it); their endpoints guard them (guarded-sockets.ts).
 */
import type { Server } from 'node:http';
import { isLoopback } from './guarded-sockets.ts';

export interface ConnectionLimits {
  /** A TCP connection with no traffic for this long is closed. */
  idleMs: number;
  /** Connections one address may hold (a tablet's browser opens a handful). */
  maxPerAddress: number;
  /** Caps loopback too (tests, where every device is loopback); else the laptop is not capped. */
  capLoopback: boolean;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  idleMs: 30_000,
  maxPerAddress: 256,
  capLoopback: false,
};

export function guardConnections(server: Server, limits: ConnectionLimits): void {
  server.timeout = limits.idleMs; // idle sockets are destroyed (no 'timeout' listener is added)
  server.headersTimeout = Math.min(server.headersTimeout, limits.idleMs);
  server.requestTimeout = Math.max(server.headersTimeout, 60_000);
  const open = new Map<string, number>();
  server.on('connection', (socket) => {
    const address = socket.remoteAddress ?? '?';
    if (!limits.capLoopback && isLoopback(address)) return;
    const count = (open.get(address) ?? 0) + 1;
    if (count > limits.maxPerAddress) {
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}
