/**
 * The study page's online links on a running hub (issue 25): a link made with the study's key
 * (made with the first link), responses fetched page by page, opened, checked and stored in
 * the link's session; a pull cut off goes on from where it was; what does not open is listed
 * and kept; a laptop without the key says how many wait; the key file imported refuses a
 * wrong passphrase, another study and another key.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ResponseRecord } from '../../src/domain/response';
import { startHub, type Hub } from '../../src/server/hub/hub-server';
import { OnlineLinks } from '../../src/state/study/online-links.svelte';
import { onlineSessionId } from '../../src/state/study/online-responses';
import { unopenedOf } from '../../src/state/study/online-pull';
import { importStudyKey, loadStudyKey } from '../../src/state/study/study-key';
import { studyGroups } from '../../src/state/study/study';
import { studyData } from '../../src/state/study/data-export';
import { collectedIn } from '../../src/storage/collected-store';
import { fromBase64Url } from '../../src/sync/admission';
import { hubKey } from '../../src/sync/hub-names';
import { sealResponse } from '../../src/sync/online-inbox';
import { studyKeyPair } from '../../src/sync/online-envelope';
import { writeKeyFile } from '../../src/sync/study-key-file';
import { freshDatabases } from '../fixtures/databases';
import { study, studyJson } from '../fixtures/surveys';

const database = freshDatabases('online-pull');
const survey = study();
const running: Hub[] = [];
afterEach(async () => {
  for (const hub of running.splice(0)) await hub.close();
});

async function hubForStudy() {
  const file = join(mkdtempSync(join(tmpdir(), 'kring-pull-')), 'hub.sqlite');
  const hub = await startHub({
    port: 0,
    host: '127.0.0.1',
    dataFile: file,
    onlineLimits: { perAddressPerMinute: 10_000, perLinkPerMinute: 10_000 },
  });
  running.push(hub);
  const settings = async () => ({
    url: hub.url,
    key: hubKey('som_2022', await hub.store.createToken('som_2022', 'Anna')),
    on: true,
  });
  return { hub, base: hub.url.replace('ws://', 'http://'), settings };
}

const id = (n: number) => `resp-${String(n).padStart(16, '0')}`.slice(0, 21).padEnd(21, 'x');

function response(n: number, answers: object): ResponseRecord {
  return {
    id: id(n),
    surveyId: survey.id,
    surveyVersion: survey.version,
    status: 'submitted',
    language: 'nl',
    startedAt: 1,
    updatedAt: 3,
    submittedAt: 3,
    answers: answers as ResponseRecord['answers'],
  };
}

/** A respondent's browser posting its sealed response, as the link's page does. */
async function respond(base: string, linkId: string, publicKey: string, record: ResponseRecord) {
  const { envelope } = sealResponse(fromBase64Url(publicKey)!, linkId, 3, record);
  return post(base, linkId, record.id, envelope);
}
const post = (base: string, linkId: string, responseId: string, body: Uint8Array) =>
  fetch(`${base}/online/${linkId}/${responseId}?v=3`, {
    method: 'POST',
    headers: { 'X-Kring-Token': `token-${responseId}` },
    body: body as Uint8Array<ArrayBuffer>,
  });

const definition = JSON.stringify(studyJson());
const TEACHER = { 'profiel.role': 'leerkracht', 'profiel.school': 'Klimop' };

describe('online links on the study page', () => {
  it('makes the study key with the first link, then fetches, opens, checks and stores every response, page by page', async () => {
    const { base, settings } = await hubForStudy();
    const db = database();
    const online = OnlineLinks.of(db, await settings())!;
    await online.refresh();
    expect(online.links).toEqual([]);
    expect(await loadStudyKey(db, 'som_2022')).toBeUndefined();

    const made = await online.create({ label: 'Leerkrachten', definition, codes: 0 });
    expect(made).toBeDefined();
    expect(online.client.linkUrl(made!.id)).toBe(`${base}/o/${made!.id}`);
    const key = await loadStudyKey(db, 'som_2022');
    expect(online.publicKey).toBeDefined();
    expect(online.links).toMatchObject([{ label: 'Leerkrachten', envelopes: 0 }]);

    // 520 respondents (more than one page of 500), one whose answer fails the check, and an
    // envelope that is no envelope.
    for (let n = 0; n < 520; n++)
      expect((await respond(base, made!.id, online.publicKey!, response(n, TEACHER))).status).toBe(
        200,
      );
    await respond(
      base,
      made!.id,
      online.publicKey!,
      response(900, { 'profiel.role': 'astronaut' }),
    );
    await post(base, made!.id, id(901), new Uint8Array(80).fill(7));
    await online.refresh();
    expect(online.waiting).toBe(522);

    await online.pull();
    expect(online.lastPull).toEqual({ stored: 520, setAside: 1, unopened: 1 });
    expect(online.waiting).toBe(0);
    const stored = await collectedIn(db, onlineSessionId(made!.id));
    expect(stored.filter((r) => r.status === 'valid')).toHaveLength(520);
    expect(stored.filter((r) => r.status === 'quarantined')).toHaveLength(1);
    // The one set aside is listed with why, for the study page.
    expect(online.setAside).toMatchObject([
      { linkId: made!.id, responseId: id(900), problems: [expect.anything()] },
    ]);
    expect(await unopenedOf(db, 'som_2022')).toMatchObject([
      { responseId: id(901), reason: 'malformed' },
    ]);
    const [group] = await studyGroups(db);
    expect(group!.sessions.map((s) => s.title)).toEqual(['Online · Leerkrachten']);
    // In the exports as any session's responses (the one set aside not counted).
    const exported = await studyData(db, [onlineSessionId(made!.id)], (t) => t?.nl ?? '');
    expect(exported.ok && exported.data.wide.rows).toHaveLength(520);
    expect(key).toBeDefined();

    // Fetching again brings nothing twice; a resend of a response doubles nothing either.
    await respond(base, made!.id, online.publicKey!, response(0, TEACHER));
    await online.pull();
    expect(online.lastPull).toEqual({ stored: 0, setAside: 0, unopened: 0 });
    expect(await collectedIn(db, onlineSessionId(made!.id))).toHaveLength(521);
  }, 60_000); // 522 envelopes posted, pulled in two pages, opened and stored: not a timing

  it('on a laptop without the key: says how many wait, refuses a wrong passphrase, another study and another key', async () => {
    const { base, settings } = await hubForStudy();
    const anna = database();
    const annas = OnlineLinks.of(anna, await settings())!;
    await annas.refresh();
    const made = await annas.create({ label: 'Ouders', definition, codes: 0 });
    await respond(base, made!.id, annas.publicKey!, response(1, TEACHER));

    const bram = database();
    const brams = OnlineLinks.of(bram, await settings())!;
    await brams.refresh();
    expect(brams.publicKey).toBeUndefined();
    expect(brams.keyElsewhere).toBe(true);
    expect(brams.waiting).toBe(1);
    // Bram cannot make a link of his own with a second key: the study has one.
    expect(await brams.create({ label: 'Tweede', definition, codes: 0 })).toBeUndefined();
    expect(brams.problem).toBe('otherKey');

    const annaKey = (await loadStudyKey(anna, 'som_2022'))!;
    const cheap = { N: 2 ** 10, r: 8, p: 1 };
    const file = await writeKeyFile(annaKey, 'paardenbloem-zeven', cheap);
    expect(await brams.importKey(file, 'paardenbloem-acht')).toEqual({
      ok: false,
      problem: 'wrongPassphrase',
    });
    const otherStudy = await writeKeyFile({ ...annaKey, studyId: 'andere' }, 'x', cheap);
    expect(await brams.importKey(otherStudy, 'x')).toEqual({ ok: false, problem: 'otherStudy' });
    expect(await brams.importKey('{"format":"iets anders"}', 'x')).toEqual({
      ok: false,
      problem: 'notKeyFile',
    });
    expect((await brams.importKey(file, 'paardenbloem-zeven')).ok).toBe(true);
    expect(brams.keyElsewhere).toBe(false);
    await brams.pull();
    expect(brams.lastPull).toEqual({ stored: 1, setAside: 0, unopened: 0 });

    // A laptop holding another key for the study keeps its own.
    const carla = database();
    const own = { studyId: 'som_2022', ...studyKeyPair() };
    const ownFile = await writeKeyFile(own, 'x', cheap);
    expect((await importStudyKey(carla, 'som_2022', ownFile, 'x')).ok).toBe(true);
    expect(await importStudyKey(carla, 'som_2022', file, 'paardenbloem-zeven')).toEqual({
      ok: false,
      problem: 'otherKey',
    });
  });

  it('closes a link at once and opens it again; a hub that is down is said, nothing changes', async () => {
    const { hub, base, settings } = await hubForStudy();
    const db = database();
    const online = OnlineLinks.of(db, await settings())!;
    await online.refresh();
    const made = await online.create({ label: 'Klas 5A', definition, codes: 3 });
    expect(made!.codes).toHaveLength(3);
    expect(made!.codes[0]).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    expect(await online.codesOf(made!.id)).toEqual(made!.codes);
    await online.setRevoked(online.links[0]!, true);
    expect(online.links[0]).toMatchObject({ revoked: true, codes: 3 });
    const refused = await respond(base, made!.id, online.publicKey!, response(1, TEACHER));
    expect(await refused.json()).toEqual({ refused: 'closed' });
    await online.setRevoked(online.links[0]!, false);
    expect(online.links[0]!.revoked).toBe(false);

    await hub.close();
    running.splice(0);
    await online.refresh();
    expect(online.problem).toBe('unreachable');
    expect(online.links).toHaveLength(1); // what was read stays shown
  });
});
