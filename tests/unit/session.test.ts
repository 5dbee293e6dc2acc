import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { allowedValues, answerKeys } from '../../src/domain/answers';
import { KringDb } from '../../src/storage/db';
import { FacilitatorSession } from '../../src/state/facilitator/facilitator-session.svelte';
import type { ParticipantFlow } from '../../src/state/participant/participant-flow.svelte';
import { ParticipantSession } from '../../src/state/participant/participant-session.svelte';
import { createSession } from '../../src/state/facilitator/sessions';
import { fingerprint } from '../../src/sync/admission';
import { RESPONSES } from '../../src/sync/device-doc';
import { MemoryNetwork } from '../fixtures/memory-network';
import { settle } from '../fixtures/settle';
import { countsPerSession } from '../../src/storage/collected-store';
import { StudySelection } from '../../src/state/study/study-selection.svelte';
import { studyJson } from '../fixtures/surveys';
import { freshDatabases } from '../fixtures/databases';
import { cleanupAfterEach } from '../fixtures/cleanup';

// Closed after each test's cleanup (hooks after a test run in reverse order).
const database = freshDatabases('session');
const cleanup = cleanupAfterEach();
async function facilitator(net: MemoryNetwork, db = database(), existing?: string) {
  const id =
    existing ??
    (await createSession(db, { definition: JSON.stringify(studyJson()), title: 'T', school: 'S' }))
      .id;
  const session = (await FacilitatorSession.open(db, id, net.network()))!;
  cleanup(() => session.destroy());
  return { db, session };
}

async function tablet(net: MemoryNetwork, f: FacilitatorSession, name = 'tablet') {
  const db = database();
  const t = await ParticipantSession.start(
    db,
    { joinCode: f.session.joinCode, fingerprint: fingerprint(f.session.publicKey) },
    net.network(name),
  );
  cleanup(() => t.destroy());
  await settle(() => t.flow !== undefined, 'the survey to arrive on the tablet');
  return { db, t, flow: t.flow!, doc: () => net.docs.get(name)!.at(-1)! };
}

/** Answers every required question with its first allowed value, as a participant would. */
async function answerAll(flow: ParticipantFlow) {
  await flow.acceptConsent('nl');
  for (let round = 0; round < 5 && !flow.canSubmit; round++) {
    for (const { item } of flow.progress.missingRequired) {
      for (const key of answerKeys(item)) {
        if (key.endsWith('.other')) continue;
        await flow.answer(item, key, allowedValues(item, key)?.[0] ?? 'Sint-Jozef');
      }
    }
  }
}

const collected = (db: KringDb) => db.collected.toArray();

describe('a session over the in-memory network', () => {
  it("a tablet joins, receives the survey, and every answer lands in the laptop's tables", async () => {
    const net = new MemoryNetwork();
    const { db, session } = await facilitator(net);
    const { t, flow } = await tablet(net, session);
    await answerAll(flow);
    await flow.submit();
    await settle(() => t.isReceived(flow.response!.id), 'the receipt');
    await session.whenSaved();
    const rows = await collected(db);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'valid', response: { status: 'submitted' } });
    expect(rows[0]!.response!.answers).toEqual(flow.response!.answers);
    expect(session.submitted).toBe(1);
    expect(session.devices[0]).toMatchObject({ online: true, submitted: 1, quarantined: 0 });
  });

  it("a live answer counts at once on the kit page and in the study's results (no stale summary)", async () => {
    const net = new MemoryNetwork();
    const { db, session } = await facilitator(net);
    const { t, flow } = await tablet(net, session);
    await answerAll(flow);
    await settle(() => t.isReceived(flow.response!.id), 'the receipt of the answers');
    await session.whenSaved();
    expect(await countsPerSession(db)).toEqual(
      new Map([[session.session.id, { submitted: 0, inProgress: 1 }]]),
    );
    const study = new StudySelection(db);
    await study.refresh(); // the summary is made now: nothing submitted yet
    expect(study.results!.results.n).toBe(0);

    await flow.submit();
    await settle(() => t.isReceived(flow.response!.id), 'the receipt of the submission');
    await session.whenSaved();
    expect(await countsPerSession(db)).toEqual(
      new Map([[session.session.id, { submitted: 1, inProgress: 0 }]]),
    );
    await study.refresh();
    expect(study.results!.results.n).toBe(1);
  });

  it('a tablet that answers while the network is down delivers everything once when it is back', async () => {
    const net = new MemoryNetwork();
    const { db, session } = await facilitator(net);
    const { t, flow } = await tablet(net, session);
    net.setUp(false);
    await answerAll(flow);
    await flow.submit();
    expect(t.isReceived(flow.response!.id)).toBe(false);
    expect(t.unreceived()).toBe(1);
    expect(await collected(db)).toHaveLength(0);
    net.setUp(true);
    await settle(() => t.isReceived(flow.response!.id), 'the receipt after reconnecting');
    await session.whenSaved();
    const rows = await collected(db);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.response).toMatchObject({ status: 'submitted' });
    expect(t.unreceived()).toBe(0);
  });

  it('a reload of the facilitator page keeps what it received and the tablet syncs on', async () => {
    const net = new MemoryNetwork();
    const first = await facilitator(net);
    const { t, flow } = await tablet(net, first.session);
    await answerAll(flow);
    await first.session.whenSaved();
    const sessionId = first.session.session.id;
    first.session.destroy();

    const again = await facilitator(net, first.db, sessionId);
    await settle(() => again.session.devices[0]?.online === true, 'the tablet to reconnect');
    expect(again.session.devices).toHaveLength(1);
    expect(again.session.started).toBe(1);
    await flow.submit();
    await settle(() => t.isReceived(flow.response!.id), 'the receipt from the reloaded laptop');
    expect(again.session.submitted).toBe(1);
  });

  it('a reload of the tablet goes straight back to its room and response', async () => {
    const net = new MemoryNetwork();
    const { session } = await facilitator(net);
    const first = await tablet(net, session);
    await first.flow.acceptConsent('nl');
    const id = first.flow.response!.id;
    first.t.destroy();
    net.setUp(false); // the reload happens with no network: the remembered room is enough
    const again = await ParticipantSession.start(first.db, first.t.ticket, net.network('again'));
    cleanup(() => again.destroy());
    await settle(() => again.flow?.response?.id === id, 'the resumed response');
    expect(again.phase.kind).toBe('joined');
  });

  it('both ends of a room get the same relay key; the tablet keeps it for rejoins, or gets it back from the lobby', async () => {
    const net = new MemoryNetwork();
    const { session } = await facilitator(net);
    const first = await tablet(net, session);
    const [laptop, device] = [
      net.connections.find((c) => c.name === 'device'),
      net.connections.find((c) => c.name === 'tablet'),
    ];
    expect(laptop?.relay?.role).toBe('facilitator');
    expect(device?.relay?.role).toBe('device');
    expect(device!.relay!.key).toEqual(laptop!.relay!.key);
    expect(device!.room).toBe(laptop!.room);

    // A reload with no network: the kept key lets the room use the relay at once.
    first.t.destroy();
    net.setUp(false);
    const again = await ParticipantSession.start(first.db, first.t.ticket, net.network('again'));
    cleanup(() => again.destroy());
    await settle(() => again.phase.kind === 'joined', 'the rejoin');
    expect(net.connections.find((c) => c.name === 'again')?.relay?.key).toEqual(laptop!.relay!.key);

    // A join remembered by a Kring from before the relay has no key: the lobby gives it back.
    again.destroy();
    const record = (await first.db.settings.get('join'))!.value as Record<string, unknown>;
    await first.db.settings.put({ key: 'join', value: { ...record, relayKey: undefined } });
    await first.db.settings.put({ key: 'pastJoins', value: [] });
    net.setUp(true);
    const old = await ParticipantSession.start(first.db, first.t.ticket, net.network('old'));
    cleanup(() => old.destroy());
    expect(net.connections.find((c) => c.name === 'old')?.relay).toBeUndefined();
    await settle(
      () => net.connections.filter((c) => c.name === 'old').length === 2,
      'the room connected again, with the key',
    );
    expect(net.connections.filter((c) => c.name === 'old').at(-1)?.relay?.key).toEqual(
      laptop!.relay!.key,
    );
  });

  it('a typed join asks for the check code, then shows it and pins that facilitator for later rejoins', async () => {
    const net = new MemoryNetwork();
    const { session } = await facilitator(net);
    const db = database();
    const t = await ParticipantSession.start(
      db,
      { joinCode: session.session.joinCode },
      net.network('typed'),
    );
    cleanup(() => t.destroy());
    await settle(() => t.codeChoices.length > 0, 'the choice of check codes');
    // The laptop's code among made-up ones: at least three to pick from, and it waits for one.
    expect(t.codeChoices).toContain(session.checkCode);
    expect(t.codeChoices.length).toBeGreaterThanOrEqual(3);
    expect(t.laptopsAnswering).toBe(1);
    expect(t.phase.kind).toBe('searching');
    const decoy = t.codeChoices.find((code) => code !== session.checkCode)!;
    expect(t.pickCheckCode(decoy)).toBe(false);
    expect(t.pickCheckCode(session.checkCode)).toBe(true);
    expect(t.codeChoices).toEqual([]);
    await settle(() => t.phase.kind === 'joined', 'the typed join');
    expect(t.checkCode).toBe(session.checkCode);
    expect(await ParticipantSession.remembered(db)).toEqual({
      joinCode: session.session.joinCode,
      fingerprint: session.fingerprint,
    });
  });

  it('closing the session stops new respondents; one in progress is still submitted and received', async () => {
    const net = new MemoryNetwork();
    const { session } = await facilitator(net);
    const { t, flow } = await tablet(net, session);
    await answerAll(flow);
    await session.close();
    await settle(() => t.closed, 'the closed flag on the tablet');
    await flow.submit();
    await settle(() => t.isReceived(flow.response!.id), 'the receipt after closing');
    flow.nextRespondent();
    expect(flow.canStart).toBe(false);
    await flow.acceptConsent('nl');
    expect(flow.response).toBeUndefined();
  });

  it('quarantines what a hostile tablet writes and keeps counting the honest one', async () => {
    const net = new MemoryNetwork();
    const { db, session } = await facilitator(net);
    const honest = await tablet(net, session);
    const hostile = await tablet(net, session, 'hostile');
    await answerAll(honest.flow);
    await honest.flow.submit();
    await hostile.flow.acceptConsent('nl');
    const doc = hostile.doc();
    const responses = doc.getMap<unknown>(RESPONSES);
    doc.transact(() => {
      const own = responses.get(hostile.flow.response!.id) as Y.Map<unknown>;
      const answers = own.get('answers') as Y.Map<unknown>;
      answers.set('prioriteiten.welbevinden', 'DROP TABLE');
      answers.set('no.such.item', 1);
      answers.set('welbevinden_acties', 'x'.repeat(100_000));
      responses.set('junk', 42);
      // The honest tablet's response id, claimed by another device.
      responses.set(honest.flow.response!.id, new Y.Map());
    });
    await settle(() => session.devices[1]?.quarantined === 3, 'three quarantined rows');
    await session.whenSaved();
    const rows = await collected(db);
    const honestRow = rows.find(
      (r) => r.responseId === honest.flow.response!.id && r.status === 'valid',
    );
    expect(honestRow?.response?.status).toBe('submitted');
    expect(
      rows
        .filter((r) => r.status === 'quarantined')
        .map((r) => r.problems![0]!.kind)
        .sort(),
    ).toEqual(['duplicateId', 'invalidAnswer', 'shape']);
    expect(session.submitted).toBe(1);
  });

  it('a full disk on the laptop is reported, the tablet gets no receipt, and "try again" stores it all', async () => {
    const net = new MemoryNetwork();
    const { db, session } = await facilitator(net);
    const { t, flow } = await tablet(net, session);
    await flow.acceptConsent('nl');
    await settle(() => t.isReceived(flow.response!.id), 'the first receipt');
    const full = vi
      .spyOn(db.updates, 'add')
      .mockRejectedValue(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    const item = flow.survey.sections[0]!.items[0]!;
    await flow.answer(item, 'profiel.role', 'leerkracht');
    await settle(() => session.storageError === 'quota', 'the storage error on the laptop');
    expect(t.isReceived(flow.response!.id)).toBe(false);
    full.mockRestore();
    await session.retrySave();
    expect(session.storageError).toBeUndefined();
    await settle(() => t.isReceived(flow.response!.id), 'the receipt after "try again"');
    const rows = await collected(db);
    expect(rows[0]!.response!.answers['profiel.role']).toBe('leerkracht');
  });

  it('blocks a tablet that floods the laptop with data, and stores none of the flood', async () => {
    const net = new MemoryNetwork();
    const db = database();
    const id = (
      await createSession(db, { definition: JSON.stringify(studyJson()), title: 'T', school: 'S' })
    ).id;
    const session = (await FacilitatorSession.open(db, id, net.network(), {
      limits: { maxUpdateBytes: 50_000, maxDocBytes: 200_000 },
    }))!;
    cleanup(() => session.destroy());
    const hostile = await tablet(net, session, 'hostile');
    await hostile.flow.acceptConsent('nl');
    await session.whenSaved();
    const before = await db.updates.toArray();
    const doc = hostile.doc();
    doc.getMap<unknown>(RESPONSES).set('flood', 'x'.repeat(60_000));
    await settle(() => session.devices[0]?.blocked === true, 'the device to be blocked');
    await session.whenSaved();
    const after = await db.updates.toArray();
    expect(after.reduce((s, r) => s + r.update.byteLength, 0)).toBeLessThan(
      before.reduce((s, r) => s + r.update.byteLength, 0) + 10_000,
    );
    const device = await db.sessionDevices.get([id, session.devices[0]!.deviceId]);
    expect(device?.blocked).toBe('oversized');
  });
});
