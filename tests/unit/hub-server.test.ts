/**
 * The study hub as two facilitators' laptops use it: Hocuspocus providers (the maintained Yjs
 * client) against a hub on a free port, with study tokens.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { hubDocumentName, startHub, type Hub } from '../../src/server/hub/hub-server';
import { eventually } from '../fixtures/settle';

const running: { close(): unknown }[] = [];
afterEach(async () => {
  for (const item of running.splice(0).reverse()) await item.close();
});

const dataFile = () => join(mkdtempSync(join(tmpdir(), 'kring-hub-')), 'hub.sqlite');

async function hubOn(file: string, port = 0): Promise<Hub> {
  const hub = await startHub({ port, host: '127.0.0.1', dataFile: file });
  running.push(hub);
  return hub;
}

interface Laptop {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  refused: Promise<string>;
  synced: Promise<void>;
}

function laptop(hub: Hub, name: string, token: string, doc = new Y.Doc()): Laptop {
  let refuse: (reason: string) => void = () => {};
  let sync: () => void = () => {};
  const refused = new Promise<string>((r) => (refuse = r));
  const synced = new Promise<void>((r) => (sync = r));
  // Node 20 has no WebSocket of its own; a laptop's browser does.
  const socket = new HocuspocusProviderWebsocket({ url: hub.url, WebSocketPolyfill: WebSocket });
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name,
    document: doc,
    token,
    onAuthenticationFailed: ({ reason }) => refuse(reason),
    onSynced: () => sync(),
  });
  provider.attach(); // a socket given to the provider is not attached by itself
  running.push({
    close: () => {
      provider.destroy();
      socket.destroy();
    },
  });
  return { doc, provider, refused, synced };
}

const name = hubDocumentName('som_2022', 'session', 'sessie-1');

describe('the study hub', () => {
  it("two laptops with tokens of the study see each other's session data", async () => {
    const hub = await hubOn(dataFile());
    const a = laptop(hub, name, await hub.store.createToken('som_2022', 'Anna'));
    const b = laptop(hub, name, await hub.store.createToken('som_2022', 'Bram'));
    await Promise.all([a.synced, b.synced]);
    a.doc.getMap('responses').set('r1', { school: 'De Klimop' });
    await eventually(
      () => b.doc.getMap('responses').has('r1'),
      'the response on the second laptop',
    );
    expect(b.doc.getMap('responses').get('r1')).toEqual({ school: 'De Klimop' });
  });

  it('refuses a wrong token, a token of another study and a name outside the scheme', async () => {
    const hub = await hubOn(dataFile());
    const good = laptop(hub, name, await hub.store.createToken('som_2022'));
    await good.synced;
    good.doc.getMap('responses').set('r1', 1);

    const wrong = laptop(hub, name, 'not-a-token');
    const other = laptop(hub, name, await hub.store.createToken('andere_studie'));
    const odd = laptop(hub, 'kring/som_2022/../x', await hub.store.createToken('som_2022'));
    for (const refused of [wrong, other, odd])
      await expect(refused.refused).resolves.toMatch(/refused|permission/i);
    await new Promise((r) => setTimeout(r, 300));
    expect(wrong.doc.getMap('responses').size).toBe(0);
    expect(other.doc.getMap('responses').size).toBe(0);
  });

  it('gives tokens only for a study id that fits the document names', async () => {
    const hub = await hubOn(dataFile());
    await expect(hub.store.createToken('som 2022/x')).rejects.toThrow(/not a study id/);
    expect(() => hubDocumentName('som_2022', 'session', '../x')).toThrow(/not a hub document/);
  });

  it('keeps only a hash of each token', async () => {
    const file = dataFile();
    const hub = await hubOn(file);
    const token = await hub.store.createToken('som_2022');
    expect((await hub.store.tokenOf(token))?.study).toBe('som_2022');
    await hub.close();
    running.splice(0);
    expect(readFileSync(file).includes(Buffer.from(token))).toBe(false);
  });

  it('a hub restart mid-sync loses nothing: what was stored stays, what was typed meanwhile arrives', async () => {
    const file = dataFile();
    let hub = await hubOn(file);
    const port = hub.port;
    const token = await hub.store.createToken('som_2022');
    const a = laptop(hub, name, token);
    await a.synced;
    const answers = a.doc.getMap('responses');
    for (let i = 0; i < 50; i++) answers.set(`r${i}`, i);
    await eventually(
      async () => (await hub.store.fetch(name)) !== null,
      'the first store (debounced 2 s)',
    );

    await hub.close(); // the hub's machine restarts
    running.splice(running.indexOf(hub), 1);
    for (let i = 50; i < 100; i++) answers.set(`r${i}`, i); // the laptop goes on offline
    hub = await hubOn(file, port);

    const b = laptop(hub, name, token);
    await b.synced;
    await eventually(
      () => b.doc.getMap('responses').size === 100,
      'all 100 responses on the second laptop',
      15_000,
    );
    expect(b.doc.getMap('responses').get('r99')).toBe(99);
  }, 30_000);
});
