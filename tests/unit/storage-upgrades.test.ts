/**
 * What the kit page reads for hundreds of sessions, kept ready by the database: counts per
 * session from an index that every write keeps (version 7), and sessions without their
 * questionnaire's text, stored once (version 8). A laptop's older data is moved on upgrade.
 */
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import type { ResponseRecord } from '../../src/domain/response';
import {
  collectedFrom,
  collectedIn,
  countsPerSession,
  getCollectedMany,
  putCollected,
  putCollectedMany,
} from '../../src/storage/collected-store';
import {
  addSession,
  getSession,
  sessionListOldestFirst,
  sessionsOldestFirst,
} from '../../src/storage/session-store';
import { definitionKey } from '../../src/storage/definition-key';
import { KringDb, type CollectedRow, type SessionRow } from '../../src/storage/db';
import { freshDatabases } from '../fixtures/databases';

const database = freshDatabases('upgrades');

/** The schema as version 6 had it. */
const V6 = {
  updates: '++seq, room',
  responses: 'id, room, surveyId, status',
  settings: 'key',
  sessions: 'id, joinCode, createdAt',
  sessionDevices: '[sessionId+deviceId], sessionId',
  collected: 'key, sessionId, deviceId, responseId, status',
  moderation: '[sessionId+key], sessionId',
  discussions: '[sessionId+id], sessionId',
  reactions: '[sessionId+key], sessionId',
  notes: '[sessionId+id], sessionId',
  surveys: 'id, surveyId, addedAt',
  drafts: 'id, updatedAt',
};

const row = (
  key: string,
  sessionId: string,
  status: CollectedRow['status'],
  response?: ResponseRecord['status'],
): CollectedRow => ({
  key,
  sessionId,
  deviceId: 'tablet',
  responseId: key,
  status,
  receivedAt: 1,
  ...(response
    ? {
        response: {
          id: key,
          surveyId: 's',
          surveyVersion: 1,
          status: response,
          language: 'nl',
          startedAt: 1,
          updatedAt: 2,
          answers: {},
        },
      }
    : {}),
});

describe('response counts per session', () => {
  it("follow every writer's writes: one row, many, a response taken out, one submitted", async () => {
    const db = database();
    await putCollectedMany(db, [
      row('a', 'one', 'valid', 'submitted'),
      row('b', 'one', 'valid', 'in-progress'),
      row('c', 'two', 'quarantined'),
    ]);
    await putCollected(db, row('d', 'two', 'valid', 'submitted'));
    expect(await countsPerSession(db, ['one', 'two'])).toEqual(
      new Map([
        ['one', { submitted: 1, inProgress: 1 }],
        ['two', { submitted: 1, inProgress: 0 }],
      ]),
    );
    await putCollected(db, { ...row('a', 'one', 'valid', 'submitted'), status: 'removed' }); // a test response, taken out
    await putCollectedMany(db, [row('b', 'one', 'valid', 'submitted')]); // now submitted
    expect((await countsPerSession(db, ['one'])).get('one')).toEqual({
      submitted: 1,
      inProgress: 0,
    });
  });

  it("a laptop's rows stored before the index get their counts when the database upgrades", async () => {
    const name = `counts-upgrade-${Date.now()}`;
    // A laptop of version 6, with rows written then.
    const old = new Dexie(name);
    old.version(6).stores(V6);
    await old
      .table('collected')
      .bulkAdd([
        row('a', 'one', 'valid', 'submitted'),
        row('b', 'one', 'valid', 'submitted'),
        row('c', 'one', 'removed', 'submitted'),
      ]);
    old.close();
    const db = new KringDb(name);
    expect(await countsPerSession(db, ['one'])).toEqual(
      new Map([['one', { submitted: 2, inProgress: 0 }]]),
    );
    db.close();
  });
});

describe('sessions and their questionnaire', () => {
  const session = (id: string, definition: string, createdAt: number): SessionRow => ({
    id,
    joinCode: 'ABC123',
    title: `Sessie ${id}`,
    school: 'School',
    definition,
    createdAt,
    closed: true,
    admitByHand: false,
    secretKey: new Uint8Array(32),
    publicKey: new Uint8Array(32),
  });

  it('two hundred sessions of one questionnaire store its text once; a list reads none of it', async () => {
    const db = database();
    for (let i = 0; i < 200; i++) await addSession(db, session(`s${i}`, '{"id":"som"}', i));
    await addSession(db, session('other', '{"id":"ander"}', 999));
    expect(await db.definitions.count()).toBe(2);
    const list = await sessionListOldestFirst(db);
    expect(list).toHaveLength(201);
    expect(list[0]).not.toHaveProperty('definition');
    expect((await getSession(db, 'other'))?.definition).toBe('{"id":"ander"}');
    expect((await sessionsOldestFirst(db)).map((s) => s.definition)[0]).toBe('{"id":"som"}');
  });

  it('a text whose key another text holds is stored apart, never swapped for it', async () => {
    const db = database();
    // As if another questionnaire hashed to the same key (cyrb53 is not collision-proof).
    await db.definitions.add({ key: definitionKey('{"id":"som"}'), text: '{"id":"vals"}' });
    await addSession(db, session('s', '{"id":"som"}', 1));
    expect((await getSession(db, 's'))?.definition).toBe('{"id":"som"}');
    expect((await db.sessions.get('s'))?.definitionKey).toBe(`${definitionKey('{"id":"som"}')}~2`);
  });

  it("a laptop's sessions from before keep their questionnaire when the database upgrades", async () => {
    const name = `sessions-upgrade-${Date.now()}`;
    const old = new Dexie(name);
    old.version(7).stores({
      ...V6,
      collected: 'key, sessionId, deviceId, responseId, status, [sessionId+counted]',
    });
    await old
      .table('sessions')
      .bulkAdd([
        session('a', '{"id":"som","version":1}', 1),
        session('b', '{"id":"som","version":1}', 2),
        session('c', '{"id":"som","version":2}', 3),
      ]);
    old.close();
    const db = new KringDb(name);
    expect((await sessionsOldestFirst(db)).map((s) => [s.id, s.definition])).toEqual([
      ['a', '{"id":"som","version":1}'],
      ['b', '{"id":"som","version":1}'],
      ['c', '{"id":"som","version":2}'],
    ]);
    expect(await db.definitions.count()).toBe(2);
    expect(await db.sessions.get('a')).not.toHaveProperty('definition');
    db.close();
  });
});

describe("a study's summaries", () => {
  it('are made again after the upgrade from version 9 (whose live writes did not drop them)', async () => {
    const name = `tallies-upgrade-${Date.now()}`;
    const old = new Dexie(name);
    old.version(9).stores({
      ...V6,
      collected: 'key, sessionId, deviceId, responseId, status, [sessionId+counted]',
      definitions: 'key',
      tallies: 'sessionId',
    });
    const stale = { submitted: 'counted before a live answer' };
    await old.table('tallies').put({ sessionId: 'one', revision: 4, basis: 'b', summary: stale });
    old.close();
    const db = new KringDb(name);
    expect(await db.tallies.get('one')).toEqual({ sessionId: 'one', revision: 4 });
    db.close();
  });
});

describe("a laptop's received rows after the upgrade to one index (version 11)", () => {
  it('are still found by session and by device, from the index prefix and the key', async () => {
    const name = `one-index-${Date.now()}`;
    const old = new Dexie(name);
    old.version(10).stores({
      ...V6,
      collected: 'key, sessionId, deviceId, [sessionId+counted]',
      definitions: 'key',
      tallies: 'sessionId',
    });
    const stored = (key: string, sessionId: string, deviceId: string) => ({
      ...row(key, sessionId, 'valid', 'submitted'),
      deviceId,
      counted: 'submitted',
    });
    await old
      .table('collected')
      .bulkPut([
        stored('tab/1', 'a', 'tab'),
        stored('tablet/2', 'a', 'tablet'),
        stored('tablet/3', 'b', 'tablet'),
        { ...row('tab/4', 'b', 'quarantined'), deviceId: 'tab', counted: 'none' },
      ]);
    old.close();
    const db = new KringDb(name);
    const keys = (rows: CollectedRow[]) => rows.map((r) => r.key).sort();
    expect(keys(await collectedIn(db, 'a'))).toEqual(['tab/1', 'tablet/2']);
    expect(keys(await collectedIn(db, ['a', 'b']))).toEqual([
      'tab/1',
      'tab/4',
      'tablet/2',
      'tablet/3',
    ]);
    // A device whose id starts another's gets only its own rows.
    expect(keys(await collectedFrom(db, 'tab'))).toEqual(['tab/1', 'tab/4']);
    expect(keys(await collectedFrom(db, 'tablet'))).toEqual(['tablet/2', 'tablet/3']);
    expect(db.collected.schema.indexes.map((i) => i.name)).toEqual(['[sessionId+counted]']);
    db.close();
  });

  it('are read by key: the stored ones among any keys, in or out of their range', async () => {
    const db = new KringDb(`by-key-${Date.now()}`);
    await putCollectedMany(db, [
      row('b/1', 's', 'valid', 'submitted'),
      row('b/3', 's', 'valid', 'in-progress'),
      row('d/1', 't', 'quarantined'),
    ]);
    const keys = async (asked: string[]) =>
      (await getCollectedMany(db, asked)).map((r) => r.key).sort();
    expect(await keys([])).toEqual([]);
    expect(await keys(['a/1', 'b/2', 'c/1'])).toEqual([]);
    expect(await keys(['b/3', 'a/0', 'b/1', 'z/9'])).toEqual(['b/1', 'b/3']);
    expect(await keys(['d/1'])).toEqual(['d/1']);
    db.close();
  });
});
