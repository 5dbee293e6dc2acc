import { KIT_INFO_PATH, parseKitInfo } from '../../src/shared/kit-info';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startKitServer, type KitServer } from '../../src/server/kit-server';
import { decodeRelayFrame, encodeRelayFrame, RELAY_OP } from '../../src/sync/relay-wire';

let dist: string;
let kit: KitServer;
const script = 'export const answer = 42;\n'.repeat(100);

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'kring-dist-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Kring</title>');
  writeFileSync(join(dist, 'assets', 'app-3f2a1b.js'), script);
  writeFileSync(join(dist, 'assets', 'app-3f2a1b.js.gz'), gzipSync(script));
  writeFileSync(join(dist, 'assets', 'app-3f2a1b.js.br'), brotliCompressSync(script));
  kit = await startKitServer({
    distDir: dist,
    port: 0,
    host: '127.0.0.1',
    lan: () => ['192.0.2.7'],
    iceServers: ['stun:192.0.2.1:3478'],
  });
});

afterAll(async () => {
  await kit.close();
  rmSync(dist, { recursive: true, force: true });
});

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`http://127.0.0.1:${kit.port}${path}`, { headers });

describe('kit server', () => {
  it('sends hashed assets compressed and cached for a year', async () => {
    const br = await get('/assets/app-3f2a1b.js', { 'Accept-Encoding': 'br, gzip' });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const gz = await get('/assets/app-3f2a1b.js', { 'Accept-Encoding': 'gzip' });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(await gz.text()).toBe(script); // fetch decodes the gzip body: it is valid
  });

  it('serves the app shell for app routes, revalidated on every load', async () => {
    const page = await get('/facilitator');
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(await page.text()).toContain('<title>Kring</title>');
  });

  it('answers 404 for a missing asset instead of the app shell', async () => {
    expect((await get('/assets/app-000000.js')).status).toBe(404);
  });

  it('tells the pages the participant URLs on the LAN and the configured ICE servers', async () => {
    const body: unknown = await (await get(KIT_INFO_PATH)).json();
    // The pages read it with the same shape, and keep all of it.
    const info = parseKitInfo(body);
    expect(info).toEqual(body);
    expect(info.participantUrls).toEqual([`http://192.0.2.7:${kit.port}/`]);
    expect(info.iceServers).toEqual([{ urls: 'stun:192.0.2.1:3478' }]);
    expect(kit.facilitatorUrl).toBe(`http://localhost:${kit.port}/facilitator`);
  });

  it('refuses to start without a built app, saying how to build it', async () => {
    await expect(startKitServer({ distDir: join(dist, 'nothing'), port: 0 })).rejects.toThrow(
      /npm run build/,
    );
  });

  it('serves signaling at /signal on the same port, and nothing at other WebSocket paths', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${kit.port}/signal`);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    ws.send(JSON.stringify({ type: 'ping' }));
    const reply = await new Promise<string>((resolve) =>
      ws.once('message', (data) => resolve((data as Buffer).toString())),
    );
    expect(JSON.parse(reply)).toEqual({ type: 'pong' });
    ws.close();
    const other = new WebSocket(`ws://127.0.0.1:${kit.port}/elsewhere`);
    await expect(
      new Promise((resolve, reject) => other.once('open', resolve).once('error', reject)),
    ).rejects.toThrow(/404/);
  });

  it('serves the relay at /relay on the same port: a frame reaches the other member of its topic', async () => {
    const open = async () => {
      const ws = new WebSocket(`ws://127.0.0.1:${kit.port}/relay`);
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
      return ws;
    };
    const [a, b] = [await open(), await open()];
    const topic = 'kring-relay-test-0001';
    a.send(encodeRelayFrame(RELAY_OP.join, topic));
    b.send(encodeRelayFrame(RELAY_OP.join, topic));
    await new Promise((r) => setTimeout(r, 50));
    const arrived = new Promise<Uint8Array>((resolve) =>
      b.once('message', (data) => resolve(new Uint8Array(data as Buffer))),
    );
    a.send(encodeRelayFrame(RELAY_OP.send, topic, new Uint8Array([42])));
    expect(decodeRelayFrame(await arrived)?.payload).toEqual(new Uint8Array([42]));
    a.close();
    b.close();
  });
});
