import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { RelayServer, type RelayOptions } from '../../src/server/relay';
import { encodeRelayFrame, RELAY_OP } from '../../src/sync/relay-wire';

const running: { http: Server; relay: RelayServer }[] = [];

async function start(options: RelayOptions = {}): Promise<{ url: string; relay: RelayServer }> {
  const relay = new RelayServer(options);
  const http = createServer((_, res) => res.end());
  http.on('upgrade', (req, socket, head) => relay.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  running.push({ http, relay });
  return { url: `ws://127.0.0.1:${(http.address() as AddressInfo).port}/relay`, relay };
}

afterEach(async () => {
  for (const { http, relay } of running.splice(0)) {
    await relay.close();
    http.closeAllConnections();
    await new Promise((resolve) => http.close(resolve));
  }
});

interface Member {
  ws: WebSocket;
  received: Uint8Array[];
  closed: Promise<{ code: number }>;
  join(topic: string): void;
  leave(topic: string): void;
  send(topic: string, payload: Uint8Array): void;
}

async function connect(url: string): Promise<Member> {
  const ws = new WebSocket(url);
  const received: Uint8Array[] = [];
  ws.on('message', (data) => received.push(new Uint8Array(data as Buffer)));
  const closed = new Promise<{ code: number }>((resolve) =>
    ws.on('close', (code) => resolve({ code })),
  );
  await new Promise<void>((resolve, reject) =>
    ws.once('open', () => resolve()).once('error', reject),
  );
  return {
    ws,
    received,
    closed,
    join: (topic) => ws.send(encodeRelayFrame(RELAY_OP.join, topic)),
    leave: (topic) => ws.send(encodeRelayFrame(RELAY_OP.leave, topic)),
    send: (topic, payload) => ws.send(encodeRelayFrame(RELAY_OP.send, topic, payload)),
  };
}

const ROOM = 'room-aaaaaaaaaaaaaaaa';
const OTHER = 'room-bbbbbbbbbbbbbbbb';

/** Waits until the server has handled everything sent so far (its stats show the joins). */
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(check()).toBe(true);
}

describe('relay', () => {
  it('forwards a frame, byte for byte, to the other members of its topic only', async () => {
    const { url, relay } = await start();
    const [a, b, c] = await Promise.all([connect(url), connect(url), connect(url)]);
    a.join(ROOM);
    b.join(ROOM);
    c.join(OTHER);
    await until(() => relay.stats.topics === 2);
    const payload = new Uint8Array([9, 8, 7, 6]);
    a.send(ROOM, payload);
    await until(() => b.received.length === 1);
    expect(b.received[0]).toEqual(encodeRelayFrame(RELAY_OP.send, ROOM, payload));
    b.send(ROOM, new Uint8Array([1]));
    await until(() => a.received.length === 1);
    expect(c.received).toEqual([]);
    expect(b.received).toHaveLength(1); // the sender does not get its own frame back
  });

  it('stops forwarding after leave, and forgets the topics of a closed connection', async () => {
    const { url, relay } = await start();
    const [a, b] = await Promise.all([connect(url), connect(url)]);
    a.join(ROOM);
    b.join(ROOM);
    b.join(OTHER);
    await until(() => relay.stats.topics === 2);
    b.leave(ROOM);
    await until(() => relay.stats.topics === 2); // ROOM still has a
    a.send(ROOM, new Uint8Array([1]));
    b.ws.close();
    await until(() => relay.stats.connections === 1 && relay.stats.topics === 1);
    expect(b.received).toEqual([]);
  });

  it('closes a connection that sends text, a malformed frame, or to a topic it did not join; others go on', async () => {
    const { url } = await start();
    const good = await connect(url);
    const peer = await connect(url);
    good.join(ROOM);
    peer.join(ROOM);

    const text = await connect(url);
    text.ws.send('{"type":"subscribe"}');
    expect((await text.closed).code).toBe(1003);

    const malformed = await connect(url);
    malformed.ws.send(new Uint8Array([RELAY_OP.send, 200, 1, 2]));
    expect((await malformed.closed).code).toBe(1003);

    const badTopic = await connect(url);
    badTopic.ws.send(new Uint8Array([RELAY_OP.join, 3, 0x2f, 0x2e, 0x2e])); // "/.."
    expect((await badTopic.closed).code).toBe(1003);

    const stranger = await connect(url);
    stranger.send(ROOM, new Uint8Array([1]));
    expect((await stranger.closed).code).toBe(1008);

    good.send(ROOM, new Uint8Array([5]));
    await until(() => peer.received.length === 1);
  });

  it('refuses a frame over the size limit (1009)', async () => {
    const { url } = await start({ limits: { maxFrameBytes: 1024 } });
    const a = await connect(url);
    a.join(ROOM);
    a.send(ROOM, new Uint8Array(2000));
    expect((await a.closed).code).toBe(1009);
  });

  it('caps the topics per connection', async () => {
    const { url } = await start({ limits: { maxTopicsPerConnection: 2 } });
    const a = await connect(url);
    a.join('room-1111111111111111');
    a.join('room-2222222222222222');
    a.join('room-3333333333333333');
    expect((await a.closed).code).toBe(1008);
  });

  it('caps the messages per second', async () => {
    const { url } = await start({ limits: { messagesPerSecond: 1, messageBurst: 5 } });
    const a = await connect(url);
    a.join(ROOM);
    for (let i = 0; i < 10; i++) a.send(ROOM, new Uint8Array([i]));
    expect((await a.closed).code).toBe(1008);
  });

  it('caps the bytes per second, whatever the number of messages', async () => {
    const { url } = await start({ limits: { bytesPerSecond: 1000, byteBurst: 10_000 } });
    const [a, b] = await Promise.all([connect(url), connect(url)]);
    a.join(ROOM);
    b.join(ROOM);
    for (let i = 0; i < 4; i++) a.send(ROOM, new Uint8Array(4000));
    expect((await a.closed).code).toBe(1008);
    expect(b.received.length).toBeLessThanOrEqual(2); // what was within the burst went through
  });

  it('gives the place in a full topic to a new member, instead of the quietest one', async () => {
    const { url, relay } = await start({ limits: { maxMembersPerTopic: 2 } });
    const stale = await connect(url);
    stale.join(ROOM);
    await new Promise((r) => setTimeout(r, 20));
    const laptop = await connect(url);
    laptop.join(ROOM);
    await until(() => relay.stats.topics === 1);
    laptop.send(ROOM, new Uint8Array([1])); // the laptop is active; the stale socket is not
    await until(() => stale.received.length === 1);
    const tablet = await connect(url);
    tablet.join(ROOM);
    await new Promise((r) => setTimeout(r, 20));
    laptop.send(ROOM, new Uint8Array([2]));
    await until(() => tablet.received.length === 1);
    // Evicted from the topic and told so; not sent the second frame.
    expect(stale.received.map((frame) => frame[0])).toEqual([RELAY_OP.send, RELAY_OP.evicted]);
  });

  it('drops a member that stops reading, rather than holding what piles up for it', async () => {
    const { url } = await start({
      limits: { maxBufferedBytes: 256 * 1024, bytesPerSecond: 1e9, byteBurst: 1e9 },
    });
    const [sender, reader] = await Promise.all([connect(url), connect(url)]);
    sender.join(ROOM);
    reader.join(ROOM);
    await new Promise((r) => setTimeout(r, 20));
    (reader.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const piece = new Uint8Array(60 * 1024);
    for (let i = 0; i < 1000 && reader.ws.readyState === WebSocket.OPEN; i++) {
      sender.send(ROOM, piece);
      if (i % 20 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    (reader.ws as unknown as { _socket: { resume(): void } })._socket.resume();
    await reader.closed;
    expect(sender.ws.readyState).toBe(WebSocket.OPEN);
  });
});
