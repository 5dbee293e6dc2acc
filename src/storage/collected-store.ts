/**
 * What the facilitator received from the tablets (`collected`): one row per device and
 * response, valid, quarantined or removed (laptop only).
 */
import { rowsOfSessions, type SessionIds } from './by-session';
import type { CollectedCount, CollectedRow, KringDb } from './db';

/** The rows of these sessions (one id or several). */
export function collectedIn(db: KringDb, sessionIds: SessionIds): Promise<CollectedRow[]> {
  return rowsOfSessions(db, db.collected, sessionIds);
}

/** The rows one device sent, in any session. */
export function collectedFrom(db: KringDb, deviceId: string): Promise<CollectedRow[]> {
  return db.collected.where('deviceId').equals(deviceId).toArray();
}

/** Per session, how many rows count as submitted and as still being answered (index only). */
export async function countsPerSession(
  db: KringDb,
): Promise<Map<string, { submitted: number; inProgress: number }>> {
  const counts = new Map<string, { submitted: number; inProgress: number }>();
  const keys = (await db.collected.orderBy('[sessionId+counted]').keys()) as unknown as [
    string,
    CollectedCount,
  ][];
  for (const [sessionId, counted] of keys) {
    if (counted === 'none') continue;
    const count = counts.get(sessionId) ?? { submitted: 0, inProgress: 0 };
    count[counted]++;
    counts.set(sessionId, count);
  }
  return counts;
}

export function getCollected(db: KringDb, key: string): Promise<CollectedRow | undefined> {
  return db.collected.get(key);
}

export async function putCollected(db: KringDb, row: CollectedRow): Promise<void> {
  await db.collected.put(row);
}

/** The rows stored under these keys (those not stored are left out). */
export async function getCollectedMany(
  db: KringDb,
  keys: readonly string[],
): Promise<CollectedRow[]> {
  return (await db.collected.bulkGet([...keys])).filter((row) => row !== undefined);
}

/** Writes these rows in one request (a later row of the same key wins). */
export async function putCollectedMany(db: KringDb, rows: readonly CollectedRow[]): Promise<void> {
  if (rows.length > 0) await db.collected.bulkPut([...rows]);
}
