import { describe, expect, it, vi } from 'vitest';
import { FacilitatorSession } from '../../src/state/facilitator/facilitator-session.svelte';
import { createSession } from '../../src/state/facilitator/sessions';
import { PageServices } from '../../src/state/page-services';
import { TabletJoin } from '../../src/state/participant/tablet-join.svelte';
import { KringDb } from '../../src/storage/db';
import { fingerprint } from '../../src/sync/admission';
import { MemoryNetwork } from '../fixtures/memory-network';
import { settle } from '../fixtures/settle';
import { studyJson } from '../fixtures/surveys';
import { cleanupAfterEach } from '../fixtures/cleanup';

let n = 0;
const cleanup = cleanupAfterEach();
async function laptopAndTablet() {
  const net = new MemoryNetwork();
  const laptopDb = new KringDb(`tablet-join-${++n}`);
  const row = await createSession(laptopDb, {
    definition: JSON.stringify(studyJson()),
    title: 'T',
    school: 'S',
  });
  const laptop = (await FacilitatorSession.open(laptopDb, row.id, net.network('laptop')))!;
  cleanup(
    () => laptop.destroy(),
    () => laptopDb.close(),
  );
  const db = new KringDb(`tablet-join-${++n}`);
  const services = new PageServices({
    db,
    network: net.network('tablet'),
    location: {} as Location,
  });
  const urls: string[] = [];
  const join = new TabletJoin(services, (path) => urls.push(path));
  cleanup(
    () => join.destroy(),
    () => db.close(),
  );
  return { row, join, urls, db };
}

describe('a tablet joining a session', () => {
  it('asks for a code when the address has none and it was in no session before', async () => {
    const { join } = await laptopAndTablet();
    await join.start(new URLSearchParams());
    expect(join.phase.kind).toBe('code');
  });

  it('joins the session of a QR code, and goes back to it after a reload without the code', async () => {
    const { row, join, db } = await laptopAndTablet();
    const fp = fingerprint(row.publicKey);
    await join.start(new URLSearchParams({ code: row.joinCode, fp }));
    await settle(() => join.session?.flow !== undefined, 'the questionnaire');
    join.destroy();

    const net = new MemoryNetwork();
    const again = new TabletJoin(
      new PageServices({ db, network: net.network('tablet'), location: {} as Location }),
      () => undefined,
    );
    cleanup(() => again.destroy());
    await again.start(new URLSearchParams());
    expect(again.session?.ticket).toEqual({ joinCode: row.joinCode, fingerprint: fp });
  });

  it('leaves a session for another code, with the address back to /join', async () => {
    const { row, join, urls } = await laptopAndTablet();
    await join.join({ joinCode: row.joinCode, fingerprint: fingerprint(row.publicKey) });
    expect(join.phase.kind).toBe('session');
    join.joinOther();
    expect(join.phase.kind).toBe('code');
    expect(urls).toEqual(['/join']);
  });

  it('says the storage is full, in words the page has, when the tablet cannot store its join', async () => {
    const { row, db, urls } = await laptopAndTablet();
    const full = Object.assign(new Error('QuotaExceededError'), { name: 'QuotaExceededError' });
    vi.spyOn(db.settings, 'put').mockRejectedValue(full);
    const services = new PageServices({
      db,
      network: new MemoryNetwork().network(),
      location: {} as Location,
    });
    const join = new TabletJoin(services, (path) => urls.push(path));
    await join.start(new URLSearchParams({ code: row.joinCode }));
    expect(join.phase).toEqual({ kind: 'error', problem: 'quota' });
  });

  it('says so when the laptop admits it but the full tablet cannot keep the join', async () => {
    const { row, db, join } = await laptopAndTablet();
    const full = Object.assign(new Error('QuotaExceededError'), { name: 'QuotaExceededError' });
    const put = db.settings.put.bind(db.settings);
    vi.spyOn(db.settings, 'put').mockImplementation((setting, key) =>
      setting.key === 'join' ? (Promise.reject(full) as ReturnType<typeof put>) : put(setting, key),
    );
    await join.join({ joinCode: row.joinCode, fingerprint: fingerprint(row.publicKey) });
    await settle(() => join.session?.problem !== undefined, 'the problem');
    expect(join.session?.problem).toBe('quota');
  });
});
