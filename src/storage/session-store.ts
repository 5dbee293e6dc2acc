/**
 * The facilitator's sessions and the devices their lobbies have seen (laptop only). State asks
 * for sessions here and never touches the tables (docs/architecture.md, "Storage").
 */
import type { KringDb, SessionDeviceRow, SessionRow } from './db';

/** The settings of a session a facilitator can change after it started. */
export type SessionChange = Partial<
  Pick<SessionRow, 'closed' | 'admitByHand' | 'k' | 'maxDevices' | 'openWithoutApproval'>
>;

export function getSession(db: KringDb, id: string): Promise<SessionRow | undefined> {
  return db.sessions.get(id);
}

/** The sessions of these ids that are stored, in the order asked. */
export async function getSessions(db: KringDb, ids: readonly string[]): Promise<SessionRow[]> {
  return (await db.sessions.bulkGet([...ids])).filter((s) => s !== undefined);
}

/** Every session, oldest first. */
export function sessionsOldestFirst(db: KringDb): Promise<SessionRow[]> {
  return db.sessions.orderBy('createdAt').toArray();
}

export async function addSession(db: KringDb, row: SessionRow): Promise<void> {
  await db.sessions.add(row);
}

export async function changeSession(db: KringDb, id: string, change: SessionChange): Promise<void> {
  await db.sessions.update(id, change);
}

export function sessionDevices(db: KringDb, sessionId: string): Promise<SessionDeviceRow[]> {
  return db.sessionDevices.where('sessionId').equals(sessionId).toArray();
}

export async function putSessionDevices(
  db: KringDb,
  rows: readonly SessionDeviceRow[],
): Promise<void> {
  if (rows.length > 0) await db.sessionDevices.bulkPut([...rows]);
}

/** Marks a device that sent more than any response needs: it no longer syncs. */
export async function blockOversizedDevice(
  db: KringDb,
  sessionId: string,
  deviceId: string,
): Promise<void> {
  await db.sessionDevices.update([sessionId, deviceId], { blocked: 'oversized' });
}
