import { describe, expect, it } from 'vitest';
import { PageServices } from '../../src/state/page-services';
import { KringDb } from '../../src/storage/db';

const page = { protocol: 'http:', host: '192.0.2.7:8080' } as Location;
/** The network a page gets, the kit server answering with `fetcher` (the database is never opened). */
const loadBrowserNetwork = (fetcher: typeof fetch, location: Location) =>
  new PageServices({ db: new KringDb('network-unused'), fetcher, location }).network();
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

describe('the page services', () => {
  it('ask the kit server once per page, however many components want its info or the network', async () => {
    let asked = 0;
    const fetcher: typeof fetch = () => {
      asked++;
      return Promise.resolve(
        new Response(
          JSON.stringify({ participantUrls: ['http://192.0.2.7:8080/', 7], iceServers: [] }),
        ),
      );
    };
    const services = new PageServices({
      db: new KringDb(`page-${Date.now()}`),
      fetcher,
      location: page,
    });
    const [info, again, network] = await Promise.all([
      services.kitInfo(),
      services.kitInfo(),
      services.network(),
    ]);
    expect(info.participantUrls).toEqual(['http://192.0.2.7:8080/']);
    expect(again).toBe(info);
    expect(network.signalingUrl).toBe('ws://192.0.2.7:8080/signal');
    expect(asked).toBe(1);
    await services.db.delete();
  });

  it('show no LAN address when the kit server answers with an error', async () => {
    const fetcher: typeof fetch = () => Promise.resolve(new Response('nope', { status: 502 }));
    const services = new PageServices({
      db: new KringDb(`page-${Date.now()}`),
      fetcher,
      location: page,
    });
    expect(await services.kitInfo()).toEqual({ participantUrls: [], iceServers: [] });
    await services.db.delete();
  });

  it('keep the language picked on this device', async () => {
    const db = new KringDb(`page-lang-${Date.now()}`);
    await new PageServices({ db, location: page }).saveLanguage('en');
    expect(await new PageServices({ db, location: page }).savedLanguage()).toBe('en');
    await db.delete();
  });
});
