import { describe, expect, it, vi } from 'vitest';
import { bundleProblemText, checkBundle } from '../../src/domain/bundle';
import type { ResponseRecord } from '../../src/domain/response';
import { importBundleFile } from '../../src/state/study/bundle-import';
import { exportBundle, importBundle, type ImportProgress } from '../../src/state/study/bundles';
import { FacilitatorSession } from '../../src/state/facilitator/facilitator-session.svelte';
import { ParticipantSession } from '../../src/state/participant/participant-session.svelte';
import { fingerprint } from '../../src/sync/admission';
import { MemoryNetwork } from '../fixtures/memory-network';
import { createSession } from '../../src/state/facilitator/sessions';
import { studyJson } from '../fixtures/surveys';
import { collect, fullStudyResponse } from '../fixtures/collected-sessions';
import { freshDatabases } from '../fixtures/databases';
import { putCollected } from '../../src/storage/collected-store';
import { studyBundle } from '../fixtures/study-bundle';

const database = freshDatabases('bundle');
/** Laptops made so far: each one's response ids are its own. */
let laptops = 0;

const rid = (i: number) => `response-${i}`.padEnd(21, 'x');
const response = (
  i: number,
  answers: Record<string, string | number>,
  updatedAt = 10,
): ResponseRecord => ({
  id: rid(i),
  surveyId: 'som_na_corona',
  surveyVersion: 1,
  status: 'submitted',
  language: 'nl',
  startedAt: 1,
  updatedAt,
  submittedAt: updatedAt,
  answers,
});

/** A laptop with one session of the study: two responses, a discussion, a reaction, a note. */
async function laptop(school: string) {
  const db = database();
  const n = ++laptops;
  const session = await createSession(db, {
    definition: JSON.stringify(studyJson()),
    title: `Sessie ${school}`,
    school,
  });
  const put = (deviceId: string, r: ResponseRecord) =>
    putCollected(db, {
      key: `${deviceId}/${r.id}`,
      sessionId: session.id,
      deviceId,
      responseId: r.id,
      status: 'valid',
      response: r,
      receivedAt: 1,
    });
  await put(
    'deviceA',
    response(n * 10 + 1, { 'profiel.role': 'leerkracht', 'prioriteiten.welbevinden': 1 }),
  );
  await put(
    'deviceB',
    response(n * 10 + 2, { 'profiel.role': 'leerling', welbevinden_acties: 'Meer sport' }),
  );
  await putCollected(db, {
    key: 'deviceC/bad',
    sessionId: session.id,
    deviceId: 'deviceC',
    responseId: 'bad',
    status: 'quarantined',
    problems: [{ kind: 'shape', field: 'id' }],
    receivedAt: 1,
  });
  await db.discussions.put({
    sessionId: session.id,
    id: 'd1',
    prompt: 'Welbevinden',
    startedAt: 5,
  });
  await db.reactions.put({
    sessionId: session.id,
    key: 'deviceA/r1',
    seq: 1,
    discussionId: 'd1',
    deviceId: 'deviceA',
    kind: 'text',
    text: 'Meer overleg',
    at: 6,
    status: 'approved',
  });
  await db.notes.put({
    sessionId: session.id,
    id: 'n1',
    text: 'De directie knikt',
    role: 'directie',
    at: 7,
  });
  await db.moderation.put({
    sessionId: session.id,
    key: `welbevinden_acties/deviceB/${rid(n * 10 + 2)}`,
    state: 'approved',
  });
  return { db, session };
}

const withoutTime = (bundle: unknown) => ({ ...(bundle as object), exportedAt: 0 });

describe('session bundles', () => {
  it('export then import gives an identical study; quarantined data never travels', async () => {
    const a = await laptop('Sint-Jozef');
    const exported = await exportBundle(a.db, [a.session.id]);
    expect((exported as { responses: unknown[] }).responses).toHaveLength(2);
    const b = database();
    const result = await importBundle(b, JSON.stringify(exported));
    expect(result).toMatchObject({ ok: true, summary: { sessionsAdded: 1, responsesAdded: 2 } });
    expect(withoutTime(await exportBundle(b, [a.session.id]))).toEqual(withoutTime(exported));
    const imported = await b.sessions.get(a.session.id);
    expect(imported).toMatchObject({ imported: true, closed: false, school: 'Sint-Jozef' });
  });

  it('keeps submitted responses that skip a required question, and says how many', async () => {
    const a = await laptop('De Klimop');
    // A whole questionnaire, beside the two that answered only a question or two.
    const full = fullStudyResponse(1);
    const whole = { ...full, answers: { ...full.answers, 'profiel.school': 'De Klimop' } };
    await collect(a.db, a.session.id, whole, 'deviceF');
    const text = JSON.stringify(await exportBundle(a.db, [a.session.id]));
    const b = database();
    expect(await importBundle(b, text)).toMatchObject({
      ok: true,
      summary: { responsesAdded: 3, incomplete: 2 },
    });
    expect((await b.collected.toArray()).filter((r) => r.status === 'valid')).toHaveLength(3);
    // Nothing new the second time, so nothing to say.
    expect(await importBundle(b, text)).toMatchObject({ ok: true, summary: { incomplete: 0 } });
  });

  it('importing the same bundle twice changes nothing the second time', async () => {
    const a = await laptop('A');
    const text = JSON.stringify(await exportBundle(a.db, [a.session.id]));
    const b = database();
    await importBundle(b, text);
    const before = await exportBundle(b, [a.session.id]);
    const again = await importBundle(b, text);
    expect(again).toMatchObject({
      ok: true,
      summary: { sessionsAdded: 0, responsesAdded: 0, responsesUpdated: 0 },
    });
    expect(withoutTime(await exportBundle(b, [a.session.id]))).toEqual(withoutTime(before));
    expect(await b.collected.count()).toBe(2);
  });

  it('overlapping bundles merge: the union, and a newer version of an unfinished response replaces the older', async () => {
    const a = await laptop('A');
    const c = await laptop('C');
    const first = (await exportBundle(a.db, [a.session.id])) as {
      responses: { response: ResponseRecord }[];
    };
    // The first bundle was made while the respondent was still answering.
    const answering: ResponseRecord = { ...first.responses[0]!.response, status: 'in-progress' };
    delete answering.submittedAt;
    first.responses[0]!.response = answering;
    const both = database();
    await importBundle(both, JSON.stringify(first));
    // The same session later, with that response finished (newer) and a second school's session.
    const newer = structuredClone(first);
    newer.responses[0]!.response = {
      ...newer.responses[0]!.response,
      status: 'submitted',
      updatedAt: 99,
      submittedAt: 99,
      answers: { ...newer.responses[0]!.response.answers, 'prioriteiten.zelfsturing': 2 },
    };
    await importBundle(both, JSON.stringify(newer));
    await importBundle(both, JSON.stringify(await exportBundle(c.db, [c.session.id])));
    expect(await both.sessions.count()).toBe(2);
    expect(await both.collected.count()).toBe(4);
    const edited = await both.collected.get(`deviceA/${first.responses[0]!.response.id}`);
    expect(edited?.response?.answers['prioriteiten.zelfsturing']).toBe(2);
    // An older copy never overwrites a newer one.
    await importBundle(both, JSON.stringify(first));
    expect(
      (await both.collected.get(`deviceA/${first.responses[0]!.response.id}`))?.response?.updatedAt,
    ).toBe(99);
  });

  it('a submitted response, or any of a session collected here, is never replaced: another version is kept aside', async () => {
    const a = await laptop('A');
    const bundle = (await exportBundle(a.db, [a.session.id])) as {
      responses: { deviceId: string; response: ResponseRecord }[];
    };
    const rewritten = structuredClone(bundle);
    const target = rewritten.responses[0]!;
    target.response = {
      ...target.response,
      updatedAt: 500,
      answers: { ...target.response.answers, welbevinden_acties: 'Herschreven' },
    };
    const key = `${target.deviceId}/${target.response.id}`;
    // On the laptop that collected it.
    const here = await importBundle(a.db, JSON.stringify(rewritten));
    expect(here).toMatchObject({ ok: true, summary: { conflicts: 1, responsesUpdated: 0 } });
    expect((await a.db.collected.get(key))?.response?.updatedAt).toBe(10);
    // On another laptop that had the submitted version.
    const other = database();
    await importBundle(other, JSON.stringify(bundle));
    const there = await importBundle(other, JSON.stringify(rewritten));
    expect(there).toMatchObject({ ok: true, summary: { conflicts: 1, responsesUpdated: 0 } });
    expect((await other.collected.get(key))?.response?.updatedAt).toBe(10);
    const [aside] = await other.collected.filter((row) => row.status === 'quarantined').toArray();
    expect(aside).toMatchObject({ problems: [{ kind: 'conflict' }] });
    expect(aside?.conflicting?.answers.welbevinden_acties).toBe('Herschreven');
    // Importing the same again adds no second copy.
    expect(await importBundle(other, JSON.stringify(rewritten))).toMatchObject({
      summary: { conflicts: 0 },
    });
    // The exports and results leave it out.
    const exported = await exportBundle(other, [a.session.id]);
    expect(JSON.stringify(exported)).not.toContain('Herschreven');
  });

  it('cannot take a response from another session (a forged session around a held key): it is kept aside', async () => {
    const a = await laptop('A');
    // A tablet of this laptop's own session is still answering.
    const still = {
      ...response(99, { 'profiel.role': 'leerkracht' }),
      status: 'in-progress' as const,
    };
    delete still.submittedAt;
    await putCollected(a.db, {
      key: `deviceD/${still.id}`,
      sessionId: a.session.id,
      deviceId: 'deviceD',
      responseId: still.id,
      status: 'valid',
      response: still,
      receivedAt: 1,
    });
    const bundle = (await exportBundle(a.db, [a.session.id])) as {
      sessions: { id: string; title: string }[];
      responses: { sessionId: string; deviceId: string; response: ResponseRecord }[];
    };
    // A bundle that claims the same responses, newer, for a session of its own.
    const forged = { ...bundle, discussions: [], reactions: [], notes: [], moderation: [] };
    forged.sessions = [{ ...bundle.sessions[0]!, id: 'sessie-vervalst', title: 'Vervalst' }];
    forged.responses = bundle.responses.map((entry) => ({
      ...entry,
      sessionId: 'sessie-vervalst',
      response: { ...entry.response, updatedAt: 900, answers: { 'profiel.role': 'directie' } },
    }));
    const result = await importBundle(a.db, JSON.stringify(forged));
    expect(result).toMatchObject({ ok: true, summary: { responsesUpdated: 0, responsesAdded: 0 } });
    const held = await a.db.collected.get(`deviceD/${still.id}`);
    expect(held).toMatchObject({
      sessionId: a.session.id,
      response: { updatedAt: still.updatedAt },
    });
    const results = JSON.stringify(await exportBundle(a.db, ['sessie-vervalst']));
    expect(results).not.toContain(still.id);
  });

  it('refuses bad bundles with clear messages and changes nothing', async () => {
    const a = await laptop('A');
    const good = (await exportBundle(a.db, [a.session.id])) as Record<string, unknown> & {
      responses: { response: { answers: Record<string, unknown> } }[];
      sessions: { definition: Record<string, unknown> }[];
    };
    const target = database();
    const cases: [string, string, RegExp][] = [
      ['broken JSON', '{"format": "kring-bundle",', /not valid JSON/],
      ['not a bundle', JSON.stringify({ format: 'kring-survey' }), /not a Kring session bundle/],
      ['newer version', JSON.stringify({ ...good, formatVersion: 7 }), /newer Kring \(format 7\)/],
      [
        'wrong types',
        JSON.stringify({ ...good, sessions: [{ ...good.sessions[0], closed: 'yes' }] }),
        /sessions\.0\.closed: expected boolean/,
      ],
    ];
    const unknownItem = structuredClone(good);
    unknownItem.responses[0]!.response.answers['no_such_item'] = 1;
    cases.push([
      'unknown item id',
      JSON.stringify(unknownItem),
      /responses\.0: unknown answer key "no_such_item"/,
    ]);
    const badDefinition = structuredClone(good);
    badDefinition.sessions[0]!.definition = {
      ...badDefinition.sessions[0]!.definition,
      sections: [],
    };
    cases.push([
      'bad definition',
      JSON.stringify(badDefinition),
      /sessions\.0\.definition: not a valid survey/,
    ]);
    for (const [name, text, message] of cases) {
      const result = await importBundle(target, text);
      expect(result.ok, name).toBe(false);
      if (!result.ok && 'problems' in result)
        expect(result.problems.map(bundleProblemText).join('\n'), name).toMatch(message);
      else expect.fail(`${name}: refused without problems`);
    }
    expect(await target.sessions.count()).toBe(0);
    expect(await target.collected.count()).toBe(0);
    expect(checkBundle(JSON.stringify(good)).ok).toBe(true);
  });
});

describe('an imported session', () => {
  it('takes no tablets on this laptop: its lobby answers "closed"', async () => {
    const a = await laptop('A');
    const b = database();
    await importBundle(b, JSON.stringify(await exportBundle(a.db, [a.session.id])));
    const net = new MemoryNetwork();
    const session = (await FacilitatorSession.open(b, a.session.id, net.network('laptop')))!;
    const imported = await b.sessions.get(a.session.id);
    const tablet = await ParticipantSession.start(
      database(),
      { joinCode: imported!.joinCode, fingerprint: fingerprint(imported!.publicKey) },
      net.network('tablet'),
    );
    for (let i = 0; i < 100 && tablet.phase.kind === 'searching'; i++)
      await new Promise((r) => setTimeout(r, 5));
    expect(tablet.phase.kind).toBe('closed');
    tablet.destroy();
    session.destroy();
  });
});

describe('a large bundle, imported in batches', () => {
  const text = JSON.stringify(studyBundle(10, 2));

  it('tells how far it is after every batch, and stores everything', async () => {
    const db = database();
    const seen: ImportProgress[] = [];
    const phases: string[] = [];
    const result = await importBundle(db, text, {
      batchSize: 4,
      onProgress: (p) => seen.push(p),
      onPhase: (phase, ms) => phases.push(ms >= 0 ? phase : `${phase}: negative`),
    });
    expect(result).toMatchObject({ ok: true, summary: { sessionsAdded: 2, responsesAdded: 10 } });
    expect(seen).toEqual([0, 4, 8, 10].map((stored) => ({ stored, total: 10 })));
    // Each part once, in order, for the page's performance timeline.
    expect(phases).toEqual(['check', 'sessions', 'responses', 'summaries']);
    expect(await db.collected.count()).toBe(10);
  });

  it('stops between batches when asked; importing again completes it, doubling nothing', async () => {
    const db = database();
    const stop = new AbortController();
    const first = await importBundle(db, text, {
      batchSize: 4,
      signal: stop.signal,
      onProgress: ({ stored }) => stored === 4 && stop.abort(),
    });
    expect(first).toEqual({ ok: false, cancelled: { stored: 4, total: 10 } });
    expect(await db.collected.count()).toBe(4);
    const again = await importBundle(db, text, { batchSize: 4 });
    expect(again).toMatchObject({ ok: true, summary: { responsesAdded: 6, sessionsAdded: 0 } });
    expect(await db.collected.count()).toBe(10);
  });

  it('a full disk mid-import leaves whole batches only; importing again completes it', async () => {
    const db = database();
    const full = Object.assign(new Error('QuotaExceededError'), { name: 'QuotaExceededError' });
    const put = db.collected.bulkPut.bind(db.collected);
    let batches = 0;
    vi.spyOn(db.collected, 'bulkPut').mockImplementation((...args: Parameters<typeof put>) =>
      ++batches === 2 ? (Promise.reject(full) as ReturnType<typeof put>) : put(...args),
    );
    await expect(importBundle(db, text, { batchSize: 4 })).rejects.toThrow();
    expect(await db.collected.count()).toBe(4); // the first batch, whole; nothing of the second
    vi.restoreAllMocks(); // space freed
    expect(await importBundle(db, text, { batchSize: 4 })).toMatchObject({
      ok: true,
      summary: { responsesAdded: 6 },
    });
    expect(await db.collected.count()).toBe(10);
  });

  it('in the page, a file that cannot be stored says why instead of failing silently', async () => {
    const db = database();
    const full = Object.assign(new Error('QuotaExceededError'), { name: 'QuotaExceededError' });
    vi.spyOn(db.collected, 'bulkPut').mockImplementation(
      () => Promise.reject(full) as ReturnType<typeof db.collected.bulkPut>,
    );
    const run = importBundleFile(
      db,
      new File([text], 'studie.json'),
      { onProgress: () => {} },
      undefined,
    );
    expect(await run.result).toEqual({ ok: false, failed: 'quota' });
    vi.restoreAllMocks();
    const unreadable = new File([text], 'kapot.json');
    vi.spyOn(unreadable, 'slice').mockImplementation(() =>
      Object.assign(new Blob(), {
        arrayBuffer: () => Promise.reject(new DOMException('gone', 'NotReadableError')),
      }),
    );
    const broken = importBundleFile(db, unreadable, { onProgress: () => {} }, undefined);
    expect(await broken.result).toEqual({ ok: false, unreadable: true });
    // A file that is not JSON at all: parsed where it is read, worded by the check as before.
    const notJson = importBundleFile(
      db,
      new File([text.slice(0, 500)], 'afgebroken.json'),
      { onProgress: () => {} },
      undefined,
    );
    expect(await notJson.result).toMatchObject({ ok: false, problems: [{ code: 'json' }] });
    expect(await db.collected.count()).toBe(0);
  });
});

it('imports in the page when the browser refuses a worker', async () => {
  const db = database();
  const refused = () => {
    throw new DOMException('workers are not allowed here', 'SecurityError');
  };
  const run = importBundleFile(
    db,
    new File([JSON.stringify(studyBundle(3, 1))], 'studie.json'),
    { onProgress: () => {} },
    refused,
  );
  expect(await run.result).toMatchObject({ ok: true, summary: { responsesAdded: 3 } });
});
