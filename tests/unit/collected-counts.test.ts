/**
 * The kit page's per-session counts come from an index the database keeps on every write
 * (storage/db.ts, version 7), so hundreds of sessions list without loading their responses.
 */
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import type { ResponseRecord } from '../../src/domain/response';
import { countsPerSession } from '../../src/storage/collected-store';
import { KringDb, type CollectedRow } from '../../src/storage/db';
import { freshDatabases } from '../fixtures/databases';

const database = freshDatabases('counts');

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
  it('follow every kind of write: put, bulkPut, update, a response taken out', async () => {
    const db = database();
    await db.collected.bulkPut([
      row('a', 'one', 'valid', 'submitted'),
      row('b', 'one', 'valid', 'in-progress'),
      row('c', 'two', 'quarantined'),
    ]);
    await db.collected.put(row('d', 'two', 'valid', 'submitted'));
    expect(await countsPerSession(db)).toEqual(
      new Map([
        ['one', { submitted: 1, inProgress: 1 }],
        ['two', { submitted: 1, inProgress: 0 }],
      ]),
    );
    await db.collected.update('a', { status: 'removed' }); // a test response, taken out
    await db.collected.put({ ...row('b', 'one', 'valid', 'submitted') }); // now submitted
    expect((await countsPerSession(db)).get('one')).toEqual({ submitted: 1, inProgress: 0 });
  });

  it("a laptop's rows stored before the index get their counts when the database upgrades", async () => {
    const name = `counts-upgrade-${Date.now()}`;
    // The schema as version 6 had it, with rows written then.
    const old = new Dexie(name);
    old.version(6).stores({
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
    });
    await old
      .table('collected')
      .bulkAdd([
        row('a', 'one', 'valid', 'submitted'),
        row('b', 'one', 'valid', 'submitted'),
        row('c', 'one', 'removed', 'submitted'),
      ]);
    old.close();
    const db = new KringDb(name);
    expect(await countsPerSession(db)).toEqual(new Map([['one', { submitted: 2, inProgress: 0 }]]));
    db.close();
  });
});
