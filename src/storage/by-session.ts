/**
 * The rows of one session or several, from any table indexed by `sessionId`. Several sessions
 * are read with one `getAll` of each one's range, in one transaction and in the index's order:
 * far quicker than a cursor over the index (Dexie's `anyOf`), which hands over one row per
 * event (docs/BENCHMARKS.md, issue 23: the study view's read of 10,000 responses).
 */
import Dexie, { type Table } from 'dexie';
import type { KringDb } from './db';

/** One session's id, or several. */
export type SessionIds = string | readonly string[];

/** One session's rows in a table, in key order: by default from its `sessionId` index. */
export type SessionRows<T, K> = (table: Table<T, K>, sessionId: string) => Promise<T[]>;

const bySessionId = <T, K>(table: Table<T, K>, id: string) =>
  table.where('sessionId').equals(id).toArray();

/**
 * One session's rows from an index that starts with `sessionId` (`[sessionId+counted]`, so that
 * a table written in bulk keeps one index instead of two), put in key order as `sessionId`'s
 * index gives them.
 */
export function bySessionPrefix<T, K>(index: string, keyOf: (row: T) => string): SessionRows<T, K> {
  return async (table, id) => {
    const rows = await table
      .where(index)
      .between([id, Dexie.minKey], [id, Dexie.maxKey], true, true)
      .toArray();
    return rows.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  };
}

export async function rowsOfSessions<T, K>(
  db: KringDb,
  table: Table<T, K>,
  sessionIds: SessionIds,
  range: SessionRows<T, K> = bySessionId,
): Promise<T[]> {
  const ofSession = (id: string) => range(table, id);
  if (typeof sessionIds === 'string') return ofSession(sessionIds);
  const ids = [...new Set(sessionIds)].sort(); // the index's order, as one cursor gives it
  const perSession = await db.transaction('r', table, () => Promise.all(ids.map(ofSession)));
  return perSession.flat();
}
