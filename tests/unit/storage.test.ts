import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FrozenResponseError } from '../../src/domain/response';
import { KringDb } from '../../src/storage/db';
import { classifyStorageError } from '../../src/storage/storage-errors';
import { openDevice, type Device } from '../../src/state/participant/open-device';

let dbCount = 0;
const open: Device[] = [];

/** A device on a fresh database; `reopen` simulates a reload: new connection, same storage. */
async function device(name = `kring-test-${++dbCount}`): Promise<Device> {
  const d = await openDevice(new KringDb(name));
  open.push(d);
  return d;
}
async function reopen(d: Device): Promise<Device> {
  d.persistence.destroy();
  d.db.close();
  return device(d.db.name);
}

afterEach(() => {
  for (const d of open.splice(0)) d.db.close();
  vi.restoreAllMocks();
});

function start(d: Device, id = 'r1') {
  d.doc.createResponse({
    id,
    surveyId: 'som_na_corona',
    surveyVersion: 1,
    language: 'nl',
    now: 1000,
  });
}

describe('device storage', () => {
  it('keeps the device id across reloads', async () => {
    const d = await device();
    expect(d.deviceId).toMatch(/^[\w-]{21}$/);
    expect((await reopen(d)).deviceId).toBe(d.deviceId);
  });

  it('resumes a response after a reload with every saved answer and the cursor', async () => {
    const d = await device();
    start(d);
    d.doc.setAnswer('r1', 'prioriteiten.welbevinden', 1, 2000, {
      at: 'section',
      index: 1,
      item: 'prioriteiten',
    });
    d.doc.setAnswer('r1', 'welbevinden_stellingen.werkdruk', 9, 3000);
    d.doc.setAnswer('r1', 'onderwijsniveau', 'other', 3100);
    d.doc.setAnswer('r1', 'onderwijsniveau.other', 'Deeltijds kunstonderwijs', 3200);
    await d.persistence.whenSaved();

    const again = await reopen(d);
    expect(again.doc.read('r1')).toMatchObject({
      status: 'in-progress',
      updatedAt: 3200,
      cursor: { at: 'section', index: 1, item: 'prioriteiten' },
      answers: {
        'prioriteiten.welbevinden': 1,
        'welbevinden_stellingen.werkdruk': 9,
        onderwijsniveau: 'other',
        'onderwijsniveau.other': 'Deeltijds kunstonderwijs',
      },
    });
  });

  it('materializes the response row in the same commit as the update', async () => {
    const d = await device();
    start(d);
    d.doc.setAnswer('r1', 'multi', ['a', 'c'], 2000);
    d.doc.setAnswer('r1', 'open', 'eerste', 2100);
    d.doc.setAnswer('r1', 'open', undefined, 2200); // cleared: no answer, not an empty one
    await d.persistence.whenSaved();
    const row = await d.db.responses.get('r1');
    expect(row).toMatchObject({
      room: d.room,
      status: 'in-progress',
      answers: { multi: ['a', 'c'] },
    });
    expect(row!.answers).not.toHaveProperty('open');
  });

  it('freezes a submitted response, also after a reload', async () => {
    const d = await device();
    start(d);
    d.doc.setAnswer('r1', 'profiel.role', 'leerkracht', 2000);
    d.doc.submit('r1', 5000);
    await d.persistence.whenSaved();
    expect(() => d.doc.setAnswer('r1', 'profiel.role', 'ouder', 6000)).toThrow(FrozenResponseError);

    const again = await reopen(d);
    expect(again.doc.read('r1')).toMatchObject({
      status: 'submitted',
      submittedAt: 5000,
      answers: { 'profiel.role': 'leerkracht' },
    });
    expect(() => again.doc.setAnswer('r1', 'profiel.role', 'ouder', 6000)).toThrow(
      FrozenResponseError,
    );
    expect((await again.db.responses.get('r1'))!.status).toBe('submitted');
  });

  it('keeps a second respondent separate from the first', async () => {
    const d = await device();
    start(d, 'first');
    d.doc.setAnswer('first', 'open', 'geheim', 2000);
    d.doc.submit('first', 3000);
    start(d, 'second');
    await d.persistence.whenSaved();
    expect(d.doc.read('second')!.answers).toEqual({});
    expect(await d.db.responses.where('status').equals('submitted').primaryKeys()).toEqual([
      'first',
    ]);
  });

  it('on a full disk keeps the answers in memory, reports quota, and saves them all once space is back', async () => {
    const d = await device();
    start(d);
    await d.persistence.whenSaved();
    const full = vi
      .spyOn(d.db.updates, 'add')
      .mockImplementation(() =>
        Dexie.Promise.reject(
          new DOMException('The quota has been exceeded.', 'QuotaExceededError'),
        ),
      );
    d.doc.setAnswer('r1', 'open', 'antwoord 1', 2000);
    await expect(d.persistence.whenSaved()).rejects.toThrow();
    expect(d.persistence.status).toMatchObject({ state: 'error', kind: 'quota' });
    d.doc.setAnswer('r1', 'num', 7, 2100);
    await expect(d.persistence.whenSaved()).rejects.toThrow();
    expect(d.doc.read('r1')!.answers).toEqual({ open: 'antwoord 1', num: 7 });

    full.mockRestore();
    await d.persistence.retry();
    expect(d.persistence.status).toEqual({ state: 'saved' });
    const again = await reopen(d);
    expect(again.doc.read('r1')!.answers).toEqual({ open: 'antwoord 1', num: 7 });
    expect((await again.db.responses.get('r1'))!.answers).toEqual({ open: 'antwoord 1', num: 7 });
  });

  it('reopens the database when the browser closed it, and the answer is saved', async () => {
    const d = await device();
    start(d);
    await d.persistence.whenSaved();
    d.db.backendDB().close(); // what iOS Safari does under memory pressure
    d.doc.setAnswer('r1', 'open', 'na sluiten', 2000);
    await d.persistence.whenSaved();
    expect(d.persistence.status).toEqual({ state: 'saved' });
    expect((await reopen(d)).doc.read('r1')!.answers).toEqual({ open: 'na sluiten' });
  });

  it('compacts a long update log into one entry without losing anything', async () => {
    const d = await device();
    start(d);
    for (let n = 0; n < 320; n++) d.doc.setAnswer('r1', `matrix.r${n % 7}`, (n % 5) + 1, 2000 + n);
    await d.persistence.whenSaved();
    // Each answer above was queued before the first write finished, so make the log long one by one.
    for (let n = 0; n < 310; n++) {
      d.doc.setAnswer('r1', 'num', (n % 10) + 1, 5000 + n);
      await d.persistence.whenSaved();
    }
    const entries = await d.db.updates.where('room').equals(d.room).count();
    expect(entries).toBeLessThan(20);
    const before = d.doc.read('r1')!.answers;
    expect(before).toMatchObject({ 'matrix.r0': 1, 'matrix.r6': 5, num: 10 });
    const again = await reopen(d);
    expect(again.doc.read('r1')!.answers).toEqual(before);
  });
});

describe('classifyStorageError', () => {
  it('finds the quota error inside Dexie wrappers', () => {
    const inner = new DOMException('full', 'QuotaExceededError');
    expect(classifyStorageError({ name: 'AbortError', inner })).toBe('quota');
    expect(classifyStorageError(new Dexie.DatabaseClosedError())).toBe('closed');
    expect(classifyStorageError(new Error('x'))).toBe('unknown');
  });
});
