/**
 * Attacks on the study hub by someone who holds a key of the study (issue 19): a key is given to
 * each facilitator, so a lost laptop or a careless colleague gives a stranger the hub. The key
 * lets it write into the study's documents; what it writes must not rewrite what laptops
 * collected, nor fill the hub and every laptop, nor the hub's log.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { ResponseRecord } from '../../src/domain/response';
import type { KringDb } from '../../src/storage/db';
import { hubDocumentName } from '../../src/sync/hub-names';
import { sessionWithResponses } from '../fixtures/collected-sessions';
import { hubLaptops, STUDY, type Closable } from '../fixtures/hub-laptops';
import { eventually } from '../fixtures/settle';

const running: Closable[] = [];
afterEach(async () => {
  for (const item of running.splice(0).reverse()) await item.close();
});
const { laptop, dataFile, hubOn, settingsFor, sync, raw, hubDoc } = hubLaptops(running);

type Entry = { sessionId: string; deviceId: string; response: ResponseRecord };
const validRows = (db: KringDb) => db.collected.filter((row) => row.status === 'valid').toArray();

describe('a holder of the study key', () => {
  it('cannot rewrite a response: the laptop that collected it keeps it and puts it back on the hub; a submitted one stays as it was everywhere', async () => {
    const hub = await hubOn();
    const anna = laptop(); // collected the session
    const klimop = await sessionWithResponses(anna, 'De Klimop', 2);
    const a = await sync(anna, await settingsFor(hub, 'Anna'));
    const bram = laptop();
    const b = await sync(bram, await settingsFor(hub, 'Bram'));
    await eventually(async () => (await validRows(bram)).length === 2, 'both responses on Bram');
    const original = (await validRows(anna)).map((row) => row.response!);

    // The stranger sets the same device/response with a later time and other answers.
    const name = hubDocumentName(STUDY, 'session', klimop.id);
    const evil = await raw(hub, name, await hub.store.createToken(STUDY, 'lost laptop'));
    const [key, entry] = [...evil.getMap<Entry>('responses').entries()][0]!;
    const forged = {
      ...entry,
      response: {
        ...entry.response,
        updatedAt: entry.response.updatedAt + 60_000,
        answers: { ...entry.response.answers, welbevinden_acties: 'Herschreven.' },
      },
    };
    evil.getMap<Entry>('responses').set(key, forged);
    // And adds a response to Anna's session that no tablet of hers sent.
    const id = 'plantedXXXXXXXXXXXXXX';
    const planted = { ...entry, deviceId: 'evil', response: { ...entry.response, id } };
    evil.getMap<Entry>('responses').set(`evil/${id}`, planted);

    await eventually(() => a.conflicts === 2 && b.conflicts >= 1, 'the conflicts, on both');
    // Nothing Anna counts changed, and neither did the responses Bram had: versions kept aside.
    expect((await validRows(anna)).map((row) => row.response)).toEqual(original);
    const onBram = new Map((await validRows(bram)).map((row) => [row.key, row.response!]));
    for (const response of original)
      expect([...onBram.values()].find((r) => r.id === response.id)).toEqual(response);
    // (A response added to the hub reaches laptops that did not collect the session: they cannot
    // tell it from one collected elsewhere. docs/security.md says so.)
    const aside = await anna.collected.filter((row) => row.status === 'quarantined').toArray();
    expect(aside.map((row) => row.problems)).toEqual([
      [{ kind: 'conflict' }],
      [{ kind: 'conflict' }],
    ]);
    expect(aside.map((row) => row.conflicting?.answers.welbevinden_acties)).toContain(
      'Herschreven.',
    );
    // The hub holds Anna's version again.
    await eventually(async () => {
      const there = (await hubDoc(hub, name)).getMap<Entry>('responses').get(key);
      return there?.response.answers.welbevinden_acties !== 'Herschreven.';
    }, "the collector's version back on the hub");
  }, 30_000);

  it('cannot fill the hub: a frame or a document past its limit is refused and not stored', async () => {
    const file = dataFile();
    const hub = await hubOn(file, 0, {
      limits: { maxFrameBytes: 512 * 1024, maxDocumentBytes: 1024 * 1024 },
    });
    const name = hubDocumentName(STUDY, 'session', 'vol');
    const evil = await raw(hub, name, await hub.store.createToken(STUDY));
    // Many updates within the frame limit, until the document would pass its limit.
    for (let i = 0; i < 12; i++) evil.getMap('responses').set(`x${i}`, 'y'.repeat(200_000));
    // One update past the frame limit.
    evil.getMap('responses').set('big', 'z'.repeat(2_000_000));
    await new Promise((r) => setTimeout(r, 1000));
    const stored = await hub.store.fetch(name);
    expect(stored?.byteLength ?? 0).toBeLessThanOrEqual(1024 * 1024);
    const seen = await hubDoc(hub, name);
    expect(seen.getMap('responses').has('big')).toBe(false);
    expect(seen.getMap('responses').size).toBeLessThanOrEqual(5);
  }, 20_000);

  it('cannot write into the log: a document name of its choosing is logged escaped and cut', async () => {
    const lines: string[] = [];
    const hub = await hubOn(dataFile(), 0, { log: (line) => lines.push(line) });
    const name = `kring/${STUDY}/session/x\nrefused nothing, all is well\u202e${'a'.repeat(200_000)}`;
    const socket = new HocuspocusProviderWebsocket({ url: hub.url, WebSocketPolyfill: WebSocket });
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name,
      document: new Y.Doc(),
      token: 'no token at all, long enough',
    });
    provider.attach();
    running.push({ close: () => (provider.destroy(), socket.destroy()) });
    await eventually(() => lines.length > 0, 'the refusal logged');
    expect(lines.join('\n').split('\n')).toHaveLength(lines.length); // no line of its own
    expect(lines[0]!.length).toBeLessThan(300);
    expect(lines[0]).not.toContain('\u202e');
    expect(lines[0]).toContain('\\n');
  });
});
