import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SignalingServer, type SignalingOptions } from '../../src/server/signaling';

interface Peer {
  ws: WebSocket;
  received: Record<string, unknown>[];
  closed: Promise<{ code: number; reason: string }>;
  send(message: unknown): void;
  /** Resolves with the next message that arrives (or one already waiting). */
  next(): Promise<Record<string, unknown>>;
}

const running: { http: Server; signaling: SignalingServer }[] = [];

async function start(options: SignalingOptions = {}): Promise<string> {
  const signaling = new SignalingServer(options);
  const http = createServer((_, res) => res.end());
  http.on('upgrade', (req, socket, head) => signaling.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  running.push({ http, signaling });
  return `ws://127.0.0.1:${(http.address() as AddressInfo).port}/signal`;
}

afterEach(async () => {
  for (const { http, signaling } of running.splice(0)) {
    await signaling.close();
    http.closeAllConnections();
    await new Promise((resolve) => http.close(resolve));
  }
});

async function connect(url: string, options: WebSocket.ClientOptions = {}): Promise<Peer> {
  const ws = new WebSocket(url, options);
  const received: Record<string, unknown>[] = [];
  const waiting: ((m: Record<string, unknown>) => void)[] = [];
  ws.on('message', (data) => {
    const message = JSON.parse((data as Buffer).toString()) as Record<string, unknown>;
    const waiter = waiting.shift();
    if (waiter) waiter(message);
    else received.push(message);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    ws,
    received,
    closed,
    send: (message) => ws.send(typeof message === 'string' ? message : JSON.stringify(message)),
    next: () => {
      const ready = received.shift();
      return ready ? Promise.resolve(ready) : new Promise((resolve) => waiting.push(resolve));
    },
  };
}

/** A round trip through the server: when the pong is back, everything sent before was handled. */
async function settle(peer: Peer): Promise<void> {
  peer.send({ type: 'ping' });
  expect(await peer.next()).toEqual({ type: 'pong' });
}

describe('signaling (y-webrtc protocol)', () => {
  it('delivers a publish to every subscriber of the topic, the sender included, and nobody else', async () => {
    const url = await start();
    const [a, b, c] = await Promise.all([connect(url), connect(url), connect(url)]);
    a.send({ type: 'subscribe', topics: ['kring-room-1'] });
    b.send({ type: 'subscribe', topics: ['kring-room-1'] });
    c.send({ type: 'subscribe', topics: ['kring-room-2'] });
    await Promise.all([settle(a), settle(b), settle(c)]);
    a.send({ type: 'publish', topic: 'kring-room-1', data: { type: 'announce', from: 'a' } });
    const expected = {
      type: 'publish',
      topic: 'kring-room-1',
      data: { type: 'announce', from: 'a' },
      clients: 2,
    };
    expect(await a.next()).toEqual(expected);
    expect(await b.next()).toEqual(expected);
    await settle(c);
    expect(c.received).toEqual([]);
  });

  it('stops delivering after unsubscribe and forgets the topics of a closed connection', async () => {
    const url = await start();
    const server = running[0]!.signaling;
    const [a, b] = await Promise.all([connect(url), connect(url)]);
    a.send({ type: 'subscribe', topics: ['t'] });
    b.send({ type: 'subscribe', topics: ['t', 'u'] });
    await Promise.all([settle(a), settle(b)]);
    b.send({ type: 'unsubscribe', topics: ['t'] });
    await settle(b);
    a.send({ type: 'publish', topic: 't', data: 1 });
    expect(await a.next()).toMatchObject({ data: 1, clients: 1 });
    await settle(b);
    expect(b.received).toEqual([]);
    b.ws.close();
    await b.closed;
    await settle(a);
    expect(server.stats).toEqual({ connections: 1, topics: 1 });
  });

  const bad: [string, (peer: Peer) => void, number][] = [
    ['not JSON', (p) => p.send('{"type": "subscr'), 1003],
    ['JSON without a type', (p) => p.send({ topics: ['t'] }), 1003],
    ['an unknown type', (p) => p.send({ type: 'flood' }), 1003],
    [
      'topics that are not strings',
      (p) => p.send({ type: 'subscribe', topics: [{ $gt: '' }] }),
      1003,
    ],
    ['a publish without a topic', (p) => p.send({ type: 'publish', data: 1 }), 1003],
    ['a binary frame', (p) => p.ws.send(Buffer.from([1, 2, 3]), { binary: true }), 1003],
    [
      'a frame over the size limit',
      (p) => p.send({ type: 'publish', topic: 't', data: 'x'.repeat(5000) }),
      1009,
    ],
  ];
  it.each(bad)(
    'closes a connection that sends %s, and serves the others on',
    async (_name, misbehave, code) => {
      const url = await start({ limits: { maxMessageBytes: 4096 } });
      const [good, other, evil] = await Promise.all([connect(url), connect(url), connect(url)]);
      good.send({ type: 'subscribe', topics: ['t'] });
      other.send({ type: 'subscribe', topics: ['t'] });
      await Promise.all([settle(good), settle(other)]);
      misbehave(evil);
      expect((await evil.closed).code).toBe(code);
      good.send({ type: 'publish', topic: 't', data: 'still here' });
      expect(await other.next()).toMatchObject({ data: 'still here', clients: 2 });
    },
  );

  it('caps the topics per connection', async () => {
    const url = await start({ limits: { maxTopicsPerConnection: 3 } });
    const peer = await connect(url);
    peer.send({ type: 'subscribe', topics: ['a', 'b', 'c'] });
    await settle(peer);
    peer.send({ type: 'subscribe', topics: ['d'] });
    expect(await peer.closed).toEqual({ code: 1008, reason: 'too many topics' });
  });

  it('caps the messages per second', async () => {
    const url = await start({ limits: { messagesPerSecond: 10, burst: 20 } });
    const [flooder, calm] = await Promise.all([connect(url), connect(url)]);
    for (let n = 0; n < 50; n++) flooder.send({ type: 'ping' });
    expect(await flooder.closed).toEqual({ code: 1008, reason: 'too many messages' });
    expect(flooder.received.length).toBeLessThanOrEqual(20);
    await settle(calm);
  });

  it('refuses web pages from other origins, allows its own and the allow-listed ones', async () => {
    const url = await start({ allowedOrigins: ['https://kring.example.org'] });
    const host = new URL(url).host;
    await expect(connect(url, { origin: 'http://evil.example' })).rejects.toThrow(/403/);
    await settle(await connect(url, { origin: `http://${host}` }));
    await settle(await connect(url, { origin: 'https://kring.example.org' }));
    await settle(await connect(url)); // not a browser: no Origin header
  });

  it('drops a connection that stops answering pings, with its topics', async () => {
    const url = await start({ limits: { pingIntervalMs: 40 } });
    const server = running[0]!.signaling;
    const silent = await connect(url, { autoPong: false });
    const alive = await connect(url);
    silent.send({ type: 'subscribe', topics: ['t'] });
    await settle(silent);
    expect((await silent.closed).code).toBe(1006); // terminated, no close frame
    await settle(alive);
    expect(server.stats).toEqual({ connections: 1, topics: 0 });
  });

  it('says goodbye to every connection when it shuts down', async () => {
    const url = await start();
    const peers = await Promise.all([connect(url), connect(url)]);
    await running[0]!.signaling.close();
    for (const peer of peers)
      expect(await peer.closed).toEqual({ code: 1001, reason: 'server shutting down' });
  });
});
