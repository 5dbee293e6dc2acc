/**
 * The rows of one session or several, from any table indexed by `sessionId`. Several sessions
 * are read with one `getAll` of each one's range, in one transaction and in the index's order:
 * far quicker than a cursor over the index (Dexie's `anyOf`), which hands over one row per
 * event (docs/BENCHMARKS.md, issue 23: the study view's read of 10,000 responses).
 */
import type { Table } from 'dexie';
import type { KringDb } from './db';

/** One session's id, or several. */
export type SessionIds = string | readonly string[];

export async function rowsOfSessions<T, K>(
  db: KringDb,
  table: Table<T, K>,
  sessionIds: SessionIds,
): Promise<T[]> {
  const ofSession = (id: string) => table.where('sessionId').equals(id).toArray();
  if (typeof sessionIds === 'string') return ofSession(sessionIds);
  const ids = [...new Set(sessionIds)].sort(); // the index's order, as one cursor gives it
  const perSession = await db.transaction('r', table, () => Promise.all(ids.map(ofSession)));
  return perSession.flat();
}
