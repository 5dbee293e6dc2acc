/** A kit server for the attack tests: a stand-in app, loopback counted like any address. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startKitServer, type KitServer, type KitServerOptions } from '../../src/server/kit-server';

export interface TestKit extends KitServer {
  url(path: string): string;
  stop(): Promise<void>;
}

export async function startTestKit(
  options: Partial<Omit<KitServerOptions, 'distDir' | 'port'>> = {},
): Promise<TestKit> {
  const dist = mkdtempSync(join(tmpdir(), 'kring-attack-'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Kring</title>');
  const kit = await startKitServer({
    distDir: dist,
    port: 0,
    host: '127.0.0.1',
    lan: () => [],
    ...options,
    signaling: { capLoopback: true, ...options.signaling },
    relay: { capLoopback: true, ...options.relay },
    connections: { capLoopback: true, ...options.connections },
  });
  return {
    ...kit,
    url: (path) => `ws://127.0.0.1:${kit.port}${path}`,
    stop: async () => {
      await kit.close();
      rmSync(dist, { recursive: true, force: true });
    },
  };
}

/** An open WebSocket client, or the error its upgrade got. */
export function openSocket(url: string): Promise<WebSocket> {
  const ws = new WebSocket(url);
  return new Promise((resolve, reject) => ws.once('open', () => resolve(ws)).once('error', reject));
}

/** Resolves with the close code once the server has closed (or dropped) the socket. */
export function closed(ws: WebSocket): Promise<number> {
  if (ws.readyState === WebSocket.CLOSED) return Promise.resolve(1006);
  return new Promise((resolve) => ws.once('close', (code) => resolve(code)));
}
