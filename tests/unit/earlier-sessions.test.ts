import { afterEach, describe, expect, it } from 'vitest';
import { RECEIPTS } from '../../src/sync/device-doc';
import { KringDb } from '../../src/storage/db';
import {
  pastJoinOf,
  rememberJoin,
  undeliveredElsewhere,
} from '../../src/state/participant/earlier-sessions';
import { openDevice } from '../../src/state/participant/open-device';

let n = 0;
const dbs: KringDb[] = [];
afterEach(() => dbs.splice(0).forEach((db) => db.close()));

/** A tablet that answered once in session A (room-a) and now is in session B. */
async function tabletWithAnswerIn(room: string) {
  const db = new KringDb(`earlier-${++n}`);
  dbs.push(db);
  const device = await openDevice(db, { room });
  device.doc.createResponse({
    id: 'resp-a'.padEnd(21, 'x'),
    surveyId: 's',
    surveyVersion: 1,
    language: 'nl',
    now: 10,
  });
  await device.persistence.whenSaved();
  await rememberJoin(db, { joinCode: 'AAAAAA', fingerprint: 'fp-a', room, joinedAt: 1 });
  await rememberJoin(db, { joinCode: 'BBBBBB', room: 'room-b', joinedAt: 2 });
  return { db, device };
}

describe('answers left in an earlier session', () => {
  it('are found after the tablet joined another session, with the way back', async () => {
    const { db, device } = await tabletWithAnswerIn('room-a');
    device.persistence.destroy();
    expect(await undeliveredElsewhere(db, 'room-b')).toEqual([
      { joinCode: 'AAAAAA', fingerprint: 'fp-a', count: 1 },
    ]);
    // In session A itself there is nothing "elsewhere" to point to.
    expect(await undeliveredElsewhere(db, 'room-a')).toEqual([]);
    // Joining code A again goes straight back to its room, where the answers sync.
    expect((await pastJoinOf(db, 'AAAAAA'))?.room).toBe('room-a');
  });

  it('are no longer mentioned once their facilitator has received them', async () => {
    const { db, device } = await tabletWithAnswerIn('room-a');
    const updatedAt = device.doc.read('resp-a'.padEnd(21, 'x'))!.updatedAt;
    device.doc.doc
      .getMap(RECEIPTS)
      .set('resp-a'.padEnd(21, 'x'), { state: 'received', seen: updatedAt });
    await device.persistence.whenSaved();
    device.persistence.destroy();
    expect(await undeliveredElsewhere(db, 'room-b')).toEqual([]);
  });
});
