/**
 * An online link's respondent page (issue 25): the link read from the hub or, offline, as the
 * device kept it; the submitted response sealed and stored before it is sent, sent again until
 * the hub confirms ("sent" only then), across a reload; refusals said, a code mended.
 */
import { describe, expect, it, vi } from 'vitest';
import type { ResponseRecord } from '../../src/domain/response';
import { linkState, loadLink, type RespondentLink } from '../../src/state/online/online-link';
import { OnlineOutbox, retryDelay } from '../../src/state/online/online-outbox.svelte';
import { toBase64Url } from '../../src/sync/admission';
import { openPulled } from '../../src/sync/online-inbox';
import { studyKeyPair } from '../../src/sync/online-envelope';
import { freshDatabases } from '../fixtures/databases';
import { study, studyJson } from '../fixtures/surveys';

const database = freshDatabases('online-respondent');
const survey = study();
const key = studyKeyPair();
const LINK: RespondentLink = {
  id: 'link-klas-5a',
  label: 'Klas 5A',
  studyId: 'som_2022',
  publicKey: toBase64Url(key.publicKey),
  definition: JSON.stringify(studyJson()),
  opensAt: null,
  closesAt: null,
  open: true,
  codes: false,
};

const submitted: ResponseRecord = {
  id: 'V1StGXR8_Z5jdHi6B-myT',
  surveyId: survey.id,
  surveyVersion: survey.version,
  status: 'submitted',
  language: 'nl',
  startedAt: 1,
  updatedAt: 3,
  submittedAt: 3,
  answers: { 'profiel.role': 'leerkracht', welbevinden_acties: 'Een moestuin.' },
};

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** A hub that answers as told, and keeps what it was sent. */
function fakeHub(...answers: (Response | 'offline')[]) {
  const sent: { url: string; headers: Record<string, string>; body: Uint8Array }[] = [];
  const fetcher = ((url: string, init: RequestInit) => {
    sent.push({
      url,
      headers: init.headers as Record<string, string>,
      body: init.body as Uint8Array,
    });
    const answer = answers.shift() ?? 'offline';
    if (answer === 'offline') return Promise.reject(new TypeError('Failed to fetch'));
    return Promise.resolve(answer);
  }) as unknown as typeof fetch;
  return { fetcher, sent, answer: (next: Response) => answers.push(next) };
}

/** Timers run by hand: the test says when the next try comes. */
function manualTimers() {
  const due: { run: () => void; ms: number }[] = [];
  return {
    due,
    setTimer: (run: () => void, ms: number) => {
      const timer = { run, ms };
      due.push(timer);
      return timer;
    },
    clearTimer: (timer: unknown) => {
      const at = due.indexOf(timer as (typeof due)[number]);
      if (at >= 0) due.splice(at, 1);
    },
    next: () => due.shift()!.run(),
  };
}

/** Until the try under way (started by the outbox itself: on queueing, opening, a timer) is done. */
const settled = (outbox: OnlineOutbox) =>
  vi.waitFor(() => expect(outbox.state.kind).not.toBe('sending'));

describe("an online link's page", () => {
  it('reads the link from the hub, and offline as the device kept it', async () => {
    const db = database();
    const online = await loadLink(db, LINK.id, () => Promise.resolve(json(200, LINK)));
    expect(online).toMatchObject({ ok: true, fromDevice: false, link: { label: 'Klas 5A' } });
    const offline = await loadLink(db, LINK.id, () => Promise.reject(new TypeError('offline')));
    expect(offline).toMatchObject({ ok: true, fromDevice: true });
    expect(offline.ok && offline.survey.id).toBe(survey.id);

    // Never opened here and offline: said so; a link the hub does not know: said so.
    expect(await loadLink(database(), LINK.id, () => Promise.reject(new Error('x')))).toEqual({
      ok: false,
      reason: 'unreachable',
    });
    expect(await loadLink(db, LINK.id, () => Promise.resolve(json(404, {})))).toEqual({
      ok: false,
      reason: 'unknownLink',
    });
    // A questionnaire that fails the check is not shown.
    const broken = await loadLink(database(), LINK.id, () =>
      Promise.resolve(json(200, { ...LINK, definition: '{"id":"x"}' })),
    );
    expect(broken).toMatchObject({ ok: false, reason: 'invalid' });
  });

  it('is open, not yet open, or closed by its dates and revocation', () => {
    expect(linkState(LINK, 5)).toBe('open');
    expect(linkState({ ...LINK, opensAt: 10 }, 5)).toBe('notYet');
    expect(linkState({ ...LINK, closesAt: 5 }, 5)).toBe('closed');
    expect(linkState({ ...LINK, open: false }, 5)).toBe('closed');
  });

  it('stores the sealed response first, retries until the hub confirms, and says "sent" only then', async () => {
    const db = database();
    const hub = fakeHub('offline', json(503, { refused: 'hubError' }), json(200, { ok: true }));
    const timers = manualTimers();
    const outbox = new OnlineOutbox(db, LINK, { fetcher: hub.fetcher, ...timers });
    await outbox.open();
    await outbox.queue(submitted);
    await settled(outbox);
    expect(outbox.state).toMatchObject({ kind: 'waiting', attempts: 1 });
    expect(timers.due[0]!.ms).toBe(retryDelay(1));

    // The page closes: a new one finds the response waiting and sends it.
    outbox.close();
    const reopened = new OnlineOutbox(db, LINK, { fetcher: hub.fetcher, ...timers });
    await reopened.open();
    await settled(reopened);
    expect(reopened.state.kind).toBe('waiting'); // 503: tried again later
    timers.next();
    await settled(reopened);
    expect(reopened.state).toEqual({ kind: 'sent' });

    // Every try sent the same envelope, bound to the response and its version; it opens to
    // the response with the study's key, and to nothing without it.
    expect(hub.sent).toHaveLength(3);
    const bodies = new Set(hub.sent.map((s) => toBase64Url(s.body)));
    expect(bodies.size).toBe(1);
    expect(hub.sent[0]!.url).toBe('/online/link-klas-5a/V1StGXR8_Z5jdHi6B-myT?v=3');
    const token = hub.sent[0]!.headers['X-Kring-Token'];
    expect(token).toMatch(/^[A-Za-z0-9_-]{21}$/);
    const [entry] = await openPulled(
      key,
      [
        {
          seq: 1,
          linkId: LINK.id,
          responseId: submitted.id,
          version: 3,
          receivedAt: 4,
          envelope: [...bodies][0]!,
        },
      ],
      (id, version) => (id === survey.id && version === survey.version ? survey : undefined),
    );
    expect(entry).toMatchObject({
      kind: 'opened',
      check: { status: 'valid', response: { answers: submitted.answers } },
    });

    // Sent is kept: a later visit shows it and sends nothing.
    const later = new OnlineOutbox(db, LINK, { fetcher: hub.fetcher, ...timers });
    await later.open();
    expect(later.state).toEqual({ kind: 'sent' });
    expect(later.holds(submitted.id)).toBe(true);
    expect(later.answered).toBe(true);
    expect(hub.sent).toHaveLength(3);
  });

  it('says when the response could not be stored for sending (a full disk), and stores it on a new try', async () => {
    const db = database();
    const hub = fakeHub(json(200, { ok: true }));
    const outbox = new OnlineOutbox(db, LINK, { fetcher: hub.fetcher, ...manualTimers() });
    await outbox.open();
    const put = db.settings.put.bind(db.settings);
    db.settings.put = (() =>
      Promise.reject(new DOMException('full', 'QuotaExceededError'))) as unknown as typeof put;
    await outbox.queue(submitted);
    expect(outbox.state).toEqual({ kind: 'notStored' });
    expect(hub.sent).toHaveLength(0); // nothing goes out that is not stored first
    db.settings.put = put;
    await outbox.retryStore();
    await settled(outbox);
    expect(outbox.state).toEqual({ kind: 'sent' });
  });

  it('waits on a busy hub, stops on a closed link, and sends again with a mended access code', async () => {
    const db = database();
    const hub = fakeHub(
      json(429, { refused: 'tooFast' }),
      json(409, { refused: 'codeUsed' }),
      json(200, { ok: true }),
    );
    const timers = manualTimers();
    const outbox = new OnlineOutbox(
      db,
      { ...LINK, codes: true },
      { fetcher: hub.fetcher, ...timers },
    );
    await outbox.open();
    await outbox.setCode('K7M2-Q9XQ');
    await outbox.queue(submitted);
    await settled(outbox);
    expect(outbox.state.kind).toBe('waiting');
    timers.next();
    await settled(outbox);
    expect(outbox.state).toEqual({ kind: 'refused', refused: 'codeUsed' });
    expect(hub.sent[1]!.headers['X-Kring-Code']).toBe('K7M2-Q9XQ');
    await outbox.retryWithCode('K7M2-Q9XP');
    expect(outbox.state).toEqual({ kind: 'sent' });
    expect(hub.sent[2]!.headers['X-Kring-Code']).toBe('K7M2-Q9XP');

    // The next pupil at the same computer types their own code: the first response keeps its.
    expect(outbox.code).toBeUndefined();
    await outbox.setCode('B4TT-W2RZ');
    const next = { ...submitted, id: 'W2StGXR8_Z5jdHi6B-myT', submittedAt: 9 };
    hub.answer(json(200, { ok: true }));
    await outbox.queue(next);
    await settled(outbox);
    expect(outbox.state).toEqual({ kind: 'sent' });
    expect(hub.sent.at(-1)).toMatchObject({
      url: `/online/link-klas-5a/${next.id}?v=9`,
      headers: { 'X-Kring-Code': 'B4TT-W2RZ' },
    });
    expect(hub.sent).toHaveLength(4); // the first, sent, is not sent again
    expect(outbox.unsent).toBe(0);

    const closed = fakeHub(json(403, { refused: 'closed' }));
    const late = new OnlineOutbox(database(), LINK, { fetcher: closed.fetcher, ...manualTimers() });
    await late.open();
    await late.queue(submitted);
    await settled(late);
    expect(late.state).toEqual({ kind: 'refused', refused: 'closed' });
  });
});
