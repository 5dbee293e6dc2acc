import { describe, expect, it } from 'vitest';
import { loadBrowserNetwork } from '../../src/sync/network';

const page = { protocol: 'http:', host: '192.0.2.7:8080' } as Location;
const answer =
  (body: unknown): typeof fetch =>
  () =>
    Promise.resolve(new Response(JSON.stringify(body)));

describe('the page network', () => {
  it('uses the signaling endpoint of the kit server that served the page (ws, or wss on https)', async () => {
    const network = await loadBrowserNetwork(answer({}), page);
    expect(network.signalingUrl).toBe('ws://192.0.2.7:8080/signal');
    const secure = await loadBrowserNetwork(answer({}), { ...page, protocol: 'https:' });
    expect(secure.signalingUrl).toBe('wss://192.0.2.7:8080/signal');
  });

  it('takes the ICE servers the kit server was started with, and drops malformed ones', async () => {
    const network = await loadBrowserNetwork(
      answer({ iceServers: [{ urls: 'stun:192.0.2.1:3478' }, { urls: 42 }, 'turn:x'] }),
      page,
    );
    expect(network.iceServers).toEqual([{ urls: 'stun:192.0.2.1:3478' }]);
  });

  it('starts with no ICE servers when the kit server cannot be asked (offline start)', async () => {
    const network = await loadBrowserNetwork(() => Promise.reject(new TypeError('offline')), page);
    expect(network.iceServers).toEqual([]);
  });
});
