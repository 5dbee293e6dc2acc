/**
 * Two facilitators' laptops (each its own database) and a study hub on a free port: the laptops
 * push their sessions and pull each other's, code together live, and refuse what does not check.
 */
import WebSocket from 'ws';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { KringDb } from '../../src/storage/db';
import { CodingWorkspace } from '../../src/state/study/coding-workspace.svelte';
import { buildTranscript } from '../../src/domain/transcripts/transcript';
import { hubUrl } from '../../src/state/hub/hub-settings';
import { HubSync } from '../../src/state/hub/hub-sync.svelte';
import { hubDocumentName, hubKey } from '../../src/sync/hub-names';
import { collect, sessionWithResponses, studyResponse } from '../fixtures/collected-sessions';
import { hubLaptops, STUDY, type Closable } from '../fixtures/hub-laptops';
import { eventually } from '../fixtures/settle';

const running: Closable[] = [];
afterEach(async () => {
  for (const item of running.splice(0).reverse()) await item.close();
});
const { laptop, dataFile, hubOn, settingsFor, sync, raw, hubDoc } = hubLaptops(running);

const responses = (db: KringDb) => db.collected.count();

describe('laptops and the study hub', () => {
  it('says so when what the hub sent cannot be stored (a full disk), and stores it with the next change', async () => {
    const hub = await hubOn();
    const anna = laptop();
    const bram = laptop();
    const klimop = await sessionWithResponses(anna, 'De Klimop', 2);
    const full = Object.assign(new Error('QuotaExceededError'), { name: 'QuotaExceededError' });
    const spy = vi
      .spyOn(bram.collected, 'bulkPut')
      .mockImplementation(() => Promise.reject(full) as ReturnType<typeof bram.collected.bulkPut>);

    await sync(anna, await settingsFor(hub, 'Anna'));
    const b = await sync(bram, await settingsFor(hub, 'Bram'));
    await eventually(() => b.problem === 'quota', 'the failure shown');
    expect(await responses(bram)).toBe(0);

    spy.mockRestore(); // space freed
    await collect(anna, klimop.id, studyResponse(7));
    await eventually(async () => (await responses(bram)) === 3, 'all responses stored');
    await eventually(() => b.problem === undefined, 'the failure cleared');
  });

  it("each laptop gets the other's sessions and responses, once, and keeps them offline", async () => {
    const hub = await hubOn();
    const anna = laptop();
    const bram = laptop();
    const klimop = await sessionWithResponses(anna, 'De Klimop', 5);
    await sessionWithResponses(anna, 'Sint-Jozef', 4);
    const atheneum = await sessionWithResponses(bram, 'Atheneum', 3);

    const a = await sync(anna, await settingsFor(hub, 'Anna'));
    const b = await sync(bram, await settingsFor(hub, 'Bram'));
    await eventually(
      async () => (await responses(anna)) === 12 && (await responses(bram)) === 12,
      'all 12 responses on both',
    );
    await eventually(() => a.inSync && b.inSync, 'both in sync');
    // Counted once the import is done (its last step, the sessions' summaries, follows the rows).
    await eventually(() => b.received === 9, 'the responses counted as received');
    expect(a.state.kind).toBe('connected');
    expect(b.sessions).toBe(3);
    expect(await bram.sessions.get(klimop.id)).toMatchObject({
      school: 'De Klimop',
      imported: true,
    });
    expect((await anna.sessions.get(atheneum.id))?.imported).toBe(true);
    expect(b.received).toBe(9);

    // New answers arrive in Anna's live session: they reach Bram.
    await collect(anna, klimop.id, studyResponse(99));
    await eventually(
      async () => (await responses(bram)) === 13,
      'the new response on the second laptop',
    );

    // Starting again (a reload) pushes and pulls nothing new: the hub's documents stay as they are.
    const name = hubDocumentName(STUDY, 'session', klimop.id);
    await eventually(() => a.inSync, 'in sync');
    const before = Y.encodeStateVector(await hubDoc(hub, name));
    a.stop();
    const again = await sync(anna, await settingsFor(hub));
    await eventually(() => again.inSync, 'in sync again');
    await new Promise((r) => setTimeout(r, 200));
    expect(Y.encodeStateVector(await hubDoc(hub, name))).toEqual(before);
    expect(await responses(anna)).toBe(13);
    expect(again.received).toBe(0);

    // Offline, the laptop keeps everything it pulled.
    b.stop();
    await hub.close();
    expect(await responses(bram)).toBe(13);
  }, 30_000);

  it('imports a session that keeps changing while it changes (a live session elsewhere)', async () => {
    const hub = await hubOn();
    const anna = laptop();
    const klimop = await sessionWithResponses(anna, 'De Klimop', 1);
    await sync(anna, await settingsFor(hub));
    const bram = laptop();
    const b = new HubSync(bram, { WebSocketPolyfill: WebSocket, pullEveryMs: 1000 });
    running.push({ close: () => b.stop() });
    await b.start(await settingsFor(hub));
    await eventually(async () => (await responses(bram)) === 1, 'the first response');
    // Answers every 100 ms for 3 s: each change to the document comes well within 1 s of the
    // last, yet the second laptop imports during the stream, not only after it.
    const during: number[] = [];
    for (let i = 0; i < 30; i++) {
      await collect(anna, klimop.id, studyResponse(10 + i));
      await new Promise((r) => setTimeout(r, 100));
      if (i === 25) during.push(await responses(bram));
    }
    expect(during[0]).toBeGreaterThan(1);
    await eventually(async () => (await responses(bram)) === 31, 'all 31 responses');
  }, 20_000);

  it('refuses a wrong hub key, and says so; nothing is sent or received', async () => {
    const hub = await hubOn();
    const anna = laptop();
    await sessionWithResponses(anna, 'De Klimop', 2);
    const a = await sync(anna, { url: hub.url, key: hubKey(STUDY, 'x'.repeat(43)), on: true });
    await eventually(() => a.state.kind === 'refused', 'the refusal');
    const other = await sync(laptop(), {
      url: hub.url,
      key: hubKey(STUDY, await hub.store.createToken('andere_studie')),
      on: true,
    });
    await eventually(() => other.state.kind === 'refused', 'the refusal of another study');
    await new Promise((r) => setTimeout(r, 300));
    expect(await hub.store.fetch(hubDocumentName(STUDY, 'index', 'sessions'))).toBeNull();
  });

  it('stopped means stopped, even after two starts in a row: nothing more reaches the hub', async () => {
    const hub = await hubOn();
    const anna = laptop();
    const klimop = await sessionWithResponses(anna, 'De Klimop', 1);
    const a = new HubSync(anna, { WebSocketPolyfill: WebSocket, maxDelayMs: 500 });
    running.push({ close: () => a.stop() });
    const first = a.start(await settingsFor(hub)); // a click, and another before it connected
    await a.start(await settingsFor(hub));
    await first;
    const bram = laptop();
    await sync(bram, await settingsFor(hub));
    await eventually(async () => (await responses(bram)) === 1, 'the first response');
    const an = await CodingWorkspace.open(anna);
    const bert = await CodingWorkspace.open(bram);
    running.push({ close: () => an.destroy() }, { close: () => bert.destroy() });
    await an.setCoder('An');
    const [source] = an.context.sources;
    await an.code(source!, 0, 3, ['welbevinden']);
    await eventually(() => bert.codings.length === 1, 'the coding, live');

    a.stop();
    await collect(anna, klimop.id, studyResponse(2));
    await an.code(source!, 0, 5, ['welbevinden']);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await responses(bram)).toBe(1);
    expect(bert.codings).toHaveLength(1);
  });

  it('checks its settings before it connects', async () => {
    const a = await sync(laptop(), { url: 'not a url', key: 'x', on: true });
    expect(a.state).toEqual({ kind: 'badSettings', field: 'url' });
    const b = await sync(laptop(), { url: 'ws://127.0.0.1:1', key: 'no key', on: true });
    expect(b.state).toEqual({ kind: 'badSettings', field: 'key' });
    expect(hubUrl('10.0.0.5:8090')).toBe('ws://10.0.0.5:8090');
    expect(hubUrl('https://hub.school.be')).toBe('wss://hub.school.be');
  });

  it('says "in sync" only once its own sessions are on the hub, not when the documents it has so far are', async () => {
    const hub = await hubOn();
    const anna = laptop();
    const klimop = await sessionWithResponses(anna, 'De Klimop', 3);
    // Anna's laptop is slow to read its sessions (a big study on an old disk).
    let release: () => void = () => {};
    const held = new Promise<void>((r) => (release = r));
    const orderBy = anna.sessions.orderBy.bind(anna.sessions);
    vi.spyOn(anna.sessions, 'orderBy').mockImplementation((index) => {
      const collection = orderBy(index);
      const toArray = collection.toArray.bind(collection);
      return Object.assign(collection, {
        toArray: async () => (await held, toArray()),
      });
    });
    const a = await sync(anna, await settingsFor(hub, 'Anna'));
    await eventually(() => a.state.kind === 'connected', 'connected');
    await new Promise((r) => setTimeout(r, 300)); // the study's index and coding synced meanwhile
    expect(a.inSync).toBe(false);

    release();
    await eventually(() => a.inSync, 'in sync');
    // At that moment the hub has the session: stopping now loses nothing.
    a.stop();
    const bram = laptop();
    await sync(bram, await settingsFor(hub, 'Bram'));
    await eventually(async () => (await responses(bram)) === 3, 'the 3 responses via the hub');
    expect(await bram.sessions.get(klimop.id)).toMatchObject({ imported: true });
  });

  it('a hub restart mid-sync loses nothing', async () => {
    const file = dataFile();
    let hub = await hubOn(file);
    const port = hub.port;
    const anna = laptop();
    const klimop = await sessionWithResponses(anna, 'De Klimop', 10);
    const settings = await settingsFor(hub);
    const a = await sync(anna, settings);
    await eventually(() => a.inSync, 'the first push');
    await eventually(
      async () => (await hub.store.fetch(hubDocumentName(STUDY, 'session', klimop.id))) !== null,
      'stored (debounced 2 s)',
    );

    await hub.close(); // the hub's machine restarts
    running.splice(running.indexOf(hub), 1);
    await eventually(() => a.state.kind !== 'connected', 'the laptop noticing');
    for (let i = 0; i < 10; i++) await collect(anna, klimop.id, studyResponse(100 + i)); // offline
    hub = await hubOn(file, port);

    const bram = laptop();
    await sync(bram, settings);
    await eventually(
      async () => (await responses(bram)) === 20,
      'all 20 responses on the second laptop',
      15_000,
    );
  }, 30_000);

  it('a laptop started while the hub is down catches up once it is up', async () => {
    const file = dataFile();
    const hub = await hubOn(file);
    const port = hub.port;
    const settings = await settingsFor(hub);
    await hub.close();
    running.splice(running.indexOf(hub), 1);
    const anna = laptop();
    await sessionWithResponses(anna, 'De Klimop', 4);
    const a = await sync(anna, settings);
    await eventually(() => a.state.kind === 'offline', 'offline');
    await hubOn(file, port); // back up, with what it had stored
    await eventually(() => a.inSync, 'in sync once the hub is up', 15_000);
    const bram = laptop();
    await sync(bram, settings);
    await eventually(
      async () => (await responses(bram)) === 4,
      'the responses on the second laptop',
    );
  }, 30_000);

  it('two coders code at once: each sees the other live, kappa follows, offline work converges', async () => {
    const hub = await hubOn();
    const anna = laptop();
    const bram = laptop();
    await sessionWithResponses(anna, 'De Klimop', 3);
    await sync(anna, await settingsFor(hub));
    const b = await sync(bram, await settingsFor(hub));
    await eventually(async () => (await responses(bram)) === 3, 'the answers on the second laptop');

    const an = await CodingWorkspace.open(anna);
    const bert = await CodingWorkspace.open(bram);
    running.push({ close: () => an.destroy() }, { close: () => bert.destroy() });
    await an.setCoder('An');
    await bert.setCoder('Bert');
    await bert.reloadSources();
    const sources = an.context.sources.filter((s) => s.kind === 'open');
    expect(bert.context.sources.map((s) => s.key)).toEqual(
      expect.arrayContaining(sources.map((s) => s.key)),
    );

    const code = (w: CodingWorkspace, i: number, codes: string[]) =>
      w.code(sources[i]!, 0, sources[i]!.text.length, codes);
    await code(an, 0, ['welbevinden']);
    await code(an, 1, ['gelijke_kansen']);
    await code(an, 2, ['welbevinden']);
    await eventually(() => bert.codings.length === 3, "An's codings on Bert's laptop, live");
    expect(bert.kappa('An', 'Bert', 'welbevinden')).toBeUndefined(); // Bert has not coded yet

    await code(bert, 0, ['welbevinden']);
    await code(bert, 1, ['gelijke_kansen']);
    // Over the two sources both coded, they agree: kappa 1 on An's laptop, without a reload.
    await eventually(() => an.kappa('An', 'Bert', 'welbevinden') === 1, "kappa 1 on An's laptop");

    // Bert goes offline; both go on coding; back online, both have everything.
    b.stop();
    await code(bert, 2, ['gelijke_kansen']);
    await an.code(sources[0]!, 0, 5, ['digitalisering']);
    await new Promise((r) => setTimeout(r, 200));
    expect(an.codings).toHaveLength(6);
    expect(bert.codings).toHaveLength(6);
    expect(an.kappa('An', 'Bert', 'welbevinden')).toBe(1);
    await sync(bram, await settingsFor(hub));
    await eventually(
      () => an.codings.length === 7 && bert.codings.length === 7,
      'both coders converged',
    );
    expect(an.codings.map((c) => c.id).sort()).toEqual(bert.codings.map((c) => c.id).sort());
    // An yes/no/yes, Bert yes/no/no: po 2/3, pe 4/9, kappa 0.4 on both laptops.
    expect(an.kappa('An', 'Bert', 'welbevinden')).toBeCloseTo(0.4, 10);
    expect(bert.kappa('An', 'Bert', 'welbevinden')).toBeCloseTo(0.4, 10);
  }, 30_000);

  it('a transcript reaches the other coder live; both code it and kappa by turn follows on both', async () => {
    const hub = await hubOn();
    const anna = laptop();
    const bram = laptop();
    await sync(anna, await settingsFor(hub));
    await sync(bram, await settingsFor(hub));
    const an = await CodingWorkspace.open(anna);
    const bert = await CodingWorkspace.open(bram);
    running.push({ close: () => an.destroy() }, { close: () => bert.destroy() });
    await an.setCoder('An');
    await bert.setCoder('Bert');
    await an.addTranscript(
      buildTranscript({
        id: 'interview-1',
        title: 'Interview zorgcoördinator',
        kind: 'interview',
        school: '',
        createdAt: 1,
        turns: [
          { speaker: 'I', text: 'Hoe ging het?' },
          { speaker: 'Z', text: 'Zwaar, veel te veel werk.' },
          { speaker: 'Z', text: 'Maar het team hielp.' },
        ],
        speakers: new Map([
          ['I', { role: 'interviewer', pseudonym: 'Interviewer' }],
          ['Z', { role: 'zorg', pseudonym: 'Zorgcoördinator 1' }],
        ]),
        replacements: [],
      }),
    );
    await eventually(() => bert.transcripts.length === 1, "the transcript on Bert's laptop, live");
    const source = [...bert.sourcesByKey.values()].find((s) => s.kind === 'transcript')!;
    const [, work, team] = source.turns!;
    await an.code(source, work!.start, work!.end, ['welbevinden.werkdruk']);
    await bert.code(source, work!.start + 7, team!.end, ['welbevinden.werkdruk']);
    // Turns: both on turn 1, Bert alone on turn 2, neither on turn 0: po 2/3, pe 4/9 → κ 0.4.
    for (const w of [an, bert])
      await eventually(
        () => Math.abs((w.kappa('An', 'Bert', 'welbevinden.werkdruk') ?? 0) - 0.4) < 1e-9,
        `kappa on ${w.coder}'s laptop`,
      );
  }, 30_000);

  it("refuses a session document that does not check, and a stranger's malformed coding", async () => {
    const hub = await hubOn();
    const token = await hub.store.createToken(STUDY, 'hostile');
    const anna = laptop();
    const klimop = await sessionWithResponses(anna, 'De Klimop', 2);
    await sync(anna, await settingsFor(hub));
    const bram = laptop();
    const b = await sync(bram, await settingsFor(hub));
    await eventually(async () => (await responses(bram)) === 2, 'the honest answers');

    // Someone with a token of the study writes a response that fits no question, and junk codings.
    const hostile = await raw(hub, hubDocumentName(STUDY, 'session', klimop.id), token);
    hostile.getMap('responses').set('evil/r1', {
      sessionId: klimop.id,
      deviceId: 'evil',
      response: { ...studyResponse(1), answers: { nope: '<script>' } },
    });
    const coding = await raw(hub, hubDocumentName(STUDY, 'coding', 'main'), token);
    coding.getMap('codings').set('junk', { id: 'junk', codes: 'not a list' });
    coding.getMap('codings').set('big', { ...validCoding(), start: -1 });

    await eventually(() => b.refused.length === 1, 'the refusal listed');
    expect(b.refused[0]).toMatchObject({ sessionId: klimop.id });
    expect(JSON.stringify(b.refused[0]!.problems)).toMatch(/nope/);
    expect(await responses(bram)).toBe(2);
    const bert = await CodingWorkspace.open(bram);
    running.push({ close: () => bert.destroy() });
    await eventually(
      () => bert.codings.length === 0 && bert.codebook.length > 0,
      'the workspace open',
    );
    coding.getMap('codings').set('fine', validCoding());
    await eventually(() => bert.codings.length === 1, 'a valid coding shown');
  }, 20_000);
});

function validCoding() {
  return {
    id: 'fine',
    sourceKey: 'open/x',
    start: 0,
    end: 3,
    codes: ['welbevinden'],
    memo: '',
    coder: 'Eve',
    at: 1,
  };
}
