/**
 * Attacks on the kit server by a second client on the school network (issue 19): each was found
 * by a tester and each test failed on the kit server before it was capped. They run against a
 * real kit server on loopback, with loopback counted like any other address.
 */
import { connect as tcpConnect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { RelaySocket, type RelayTopicHandlers } from '../../src/sync/relay-socket';
import type { SocketLike } from '../../src/sync/reconnecting-socket';
import { encodeRelayFrame, RELAY_OP } from '../../src/sync/relay-wire';
import { eventually } from '../fixtures/settle';
import { closed, openSocket, startTestKit, type TestKit } from './kit';

const kits: TestKit[] = [];
const sockets: (WebSocket | Socket)[] = [];

async function kit(options: Parameters<typeof startTestKit>[0] = {}): Promise<TestKit> {
  const started = await startTestKit(options);
  kits.push(started);
  return started;
}

async function ws(url: string): Promise<WebSocket> {
  const socket = await openSocket(url);
  sockets.push(socket);
  return socket;
}

afterEach(async () => {
  for (const socket of sockets.splice(0))
    if (socket instanceof WebSocket) socket.terminate();
    else socket.destroy();
  for (const started of kits.splice(0)) await started.stop();
});

/** Stops reading: what the server sends piles up on its side. */
function stopReading(socket: WebSocket): void {
  (socket as unknown as { _socket: Socket })._socket.pause();
}

describe('/signal', () => {
  it('drops subscribers that stop reading instead of buffering for them without bound', async () => {
    const server = await kit({ signaling: { limits: { maxBufferedBytes: 1024 * 1024 } } });
    const topic = 'kring-room-stalled';
    const stalled = await Promise.all(Array.from({ length: 20 }, () => ws(server.url('/signal'))));
    const reader = await ws(server.url('/signal'));
    let read = 0;
    reader.on('message', () => read++);
    for (const socket of [...stalled, reader])
      socket.send(JSON.stringify({ type: 'subscribe', topics: [topic] }));
    await new Promise((r) => setTimeout(r, 50));
    stalled.forEach(stopReading);
    const drops = stalled.map(closed);
    // Publishers within their rates (100 messages per second each, 30 KB each).
    const publishers = await Promise.all(
      Array.from({ length: 4 }, () => ws(server.url('/signal'))),
    );
    const data = 'x'.repeat(30_000);
    const rss = process.memoryUsage().rss;
    let sent = 0;
    const end = Date.now() + 4000;
    while (Date.now() < end && server.signaling.stats.connections > 1 + publishers.length) {
      for (const publisher of publishers)
        publisher.send(JSON.stringify({ type: 'publish', topic, data: { type: 'x', data } }));
      sent++;
      await new Promise((r) => setTimeout(r, 12));
    }
    const grown = process.memoryUsage().rss - rss;
    for (const socket of stalled) (socket as unknown as { _socket: Socket })._socket.resume();
    expect(await Promise.all(drops)).toEqual(stalled.map(() => 1006)); // all dropped, unclean
    expect(grown).toBeLessThan(200 * 1024 * 1024);
    await eventually(() => read === sent * publishers.length, 'the reader got every message');
    expect(server.signaling.stats.connections).toBe(1 + publishers.length);
  }, 20_000);

  it('closes a connection that subscribes to nothing', async () => {
    const server = await kit({ signaling: { limits: { idleMs: 200 } } });
    const idle = await ws(server.url('/signal'));
    const busy = await ws(server.url('/signal'));
    busy.send(JSON.stringify({ type: 'subscribe', topics: ['kring-lobby-x'] }));
    expect(await closed(idle)).toBe(1008);
    expect(busy.readyState).toBe(WebSocket.OPEN);
  });

  it('caps the connections one address holds', async () => {
    const server = await kit({ signaling: { limits: { maxConnectionsPerAddress: 5 } } });
    await Promise.all(Array.from({ length: 5 }, () => ws(server.url('/signal'))));
    await expect(openSocket(server.url('/signal'))).rejects.toThrow(/429/);
  });
});

describe('/relay', () => {
  const TOPIC = 'kring-relay-aaaaaaaaaaaaaaaa';

  it('tells a member whose place in a full topic went to a stranger, and its socket joins again', async () => {
    const server = await kit({ relay: { limits: { maxMembersPerTopic: 2 } } });
    const url = server.url('/relay');
    const events: string[] = [];
    const received: number[] = [];
    const laptop = new RelaySocket({
      url,
      rejoinDelayMs: 50,
      createSocket: (u) => new WebSocket(u) as unknown as SocketLike,
    });
    const handlers: RelayTopicHandlers = {
      message: (payload) => received.push(payload[0]!),
      up: () => events.push('up'),
      down: () => events.push('down'),
    };
    const channel = laptop.join(TOPIC, handlers);
    await eventually(() => events.includes('up'), 'the laptop joined');
    // A tablet on the relay: it keeps the link alive, so it is never the quietest member.
    const tablet = await ws(url);
    tablet.send(encodeRelayFrame(RELAY_OP.join, TOPIC));
    let beat = 0;
    const keepalive = setInterval(
      () => tablet.send(encodeRelayFrame(RELAY_OP.send, TOPIC, new Uint8Array([++beat % 250]))),
      20,
    );
    try {
      await eventually(() => received.length > 0, 'the laptop hears the tablet');
      // A stranger who learnt the topic joins it: the quiet laptop's place goes to it.
      const stranger = await ws(url);
      stranger.send(encodeRelayFrame(RELAY_OP.join, TOPIC));
      await eventually(() => events.join() === 'up,down,up', 'the laptop was told, joined again');
      const heard = received.length;
      await eventually(() => received.length > heard + 3, 'the laptop hears the tablet again');
      expect(tablet.readyState).toBe(WebSocket.OPEN);
    } finally {
      clearInterval(keepalive);
      channel.leave();
    }
  });

  it('closes a connection that joins no topic', async () => {
    const server = await kit({ relay: { limits: { idleMs: 200 } } });
    expect(await closed(await ws(server.url('/relay')))).toBe(1008);
  });
});

describe('TCP', () => {
  function raw(server: TestKit): Promise<Socket> {
    const socket = tcpConnect(server.port, '127.0.0.1');
    sockets.push(socket);
    return new Promise((resolve, reject) =>
      socket.once('connect', () => resolve(socket)).once('error', reject),
    );
  }
  const ended = (socket: Socket) =>
    new Promise<void>((resolve) => {
      if (socket.destroyed) resolve();
      socket.once('close', () => resolve());
    });

  it('closes a connection that sends nothing, and one that stops halfway through a request', async () => {
    const server = await kit({ connections: { idleMs: 300 } });
    const silent = await raw(server);
    const slow = await raw(server);
    slow.write('GET / HTTP/1.1\r\nHost: x\r\n');
    await Promise.all([ended(silent), ended(slow)]);
  });

  it('caps the connections one address holds', async () => {
    const server = await kit({ connections: { maxPerAddress: 3 } });
    const held = await Promise.all([raw(server), raw(server), raw(server)]);
    const extra = await raw(server);
    await ended(extra);
    expect(held.every((s) => !s.destroyed)).toBe(true);
  });
});
