import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { SignalingServer } from '../../src/server/signaling';
import { fingerprint, newKeyPair, type KeyPair } from '../../src/sync/admission';
import { LobbyGuest } from '../../src/sync/lobby-guest';
import { LobbyHost } from '../../src/sync/lobby-host';
import { SignalingPubSub, type SocketLike } from '../../src/sync/signaling-pubsub';
import { cleanupAfterEach } from '../fixtures/cleanup';

const joinCode = 'KR7M4QP9';
const cleanup = cleanupAfterEach();
/** A kit server's signaling on a port (the same port again after a restart). */
async function signalingOn(port = 0): Promise<{ port: number; stop: () => Promise<void> }> {
  const signaling = new SignalingServer();
  const http: Server = createServer((_, res) => res.end());
  http.on('upgrade', (req, socket, head) => signaling.handleUpgrade(req, socket, head));
  await new Promise<void>((resolve) => http.listen(port, '127.0.0.1', resolve));
  const stop = async () => {
    await signaling.close();
    http.closeAllConnections();
    await new Promise((resolve) => http.close(resolve));
  };
  return { port: (http.address() as AddressInfo).port, stop };
}

function pubsub(port: number, onConnected?: () => void) {
  const p = new SignalingPubSub({
    url: `ws://127.0.0.1:${port}/signal`,
    createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
    retryDelayMs: { first: 20, max: 100 },
    onConnected: () => onConnected?.(),
  });
  cleanup(() => p.destroy());
  return p;
}

/** A tablet (from the QR code): its own socket, saying hello again whenever it (re)connects. */
function tablet(port: number, facilitator: KeyPair) {
  const holder: { guest?: LobbyGuest } = {};
  const bus = pubsub(port, () => holder.guest?.hello());
  const guest = new LobbyGuest({
    pubsub: bus,
    joinCode,
    keys: newKeyPair(),
    fingerprint: fingerprint(facilitator.publicKey),
  });
  holder.guest = guest;
  return { guest, bus };
}

describe('lobby over the signaling server', () => {
  it('admits a tablet through /signal, and again after the kit server restarts', async () => {
    let server = await signalingOn();
    cleanup(() => server.stop());
    const port = server.port;

    const hostBus = pubsub(port);
    await vi.waitFor(() => expect(hostBus.connected).toBe(true));
    const keys = newKeyPair();
    const host = new LobbyHost({ pubsub: hostBus, joinCode, sessionId: 's1', keys });

    const { guest, bus: guestBus } = tablet(port, keys);
    await vi.waitFor(() => expect(guest.state.state).toBe('admitted'));
    const room = host.devices[0]!.room;
    expect(guest.state).toMatchObject({ state: 'admitted', room });

    await server.stop();
    await vi.waitFor(() => expect(hostBus.connected || guestBus.connected).toBe(false));
    server = await signalingOn(port);
    await vi.waitFor(() => expect(hostBus.connected && guestBus.connected).toBe(true));

    // Both resubscribed: a tablet that arrives now is admitted, and the first keeps its room.
    const { guest: second } = tablet(port, keys);
    await vi.waitFor(() => expect(second.state.state).toBe('admitted'));
    expect(guest.state).toMatchObject({ state: 'admitted', room });
    expect(host.devices.map((d) => d.status)).toEqual(['admitted', 'admitted']);
  });
});
