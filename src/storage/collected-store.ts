/**
 * What the facilitator received from the tablets (`collected`): one row per device and
 * response, valid, quarantined or removed (laptop only).
 */
import { bySessionPrefix, rowsOfSessions, type SessionIds } from './by-session';
import { countOf, type CollectedCount, type CollectedRow, type KringDb } from './db';
import type { RowWriter } from './doc-persistence';
import { bumpRevisions, type RevisionStep } from './tally-store';

/**
 * A session's rows, from the one index `collected` keeps besides its key: `[sessionId+counted]`
 * (every writer here sets `counted`, so every row is in it).
 */
const ofSession = bySessionPrefix<CollectedRow, string>('[sessionId+counted]', (row) => row.key);

/** The rows of these sessions (one id or several). */
export function collectedIn(db: KringDb, sessionIds: SessionIds): Promise<CollectedRow[]> {
  return rowsOfSessions(db, db.collected, sessionIds, ofSession);
}

/** A session's rows and the revision they are of, read together. */
export function rowsAtRevision(
  db: KringDb,
  sessionId: string,
): Promise<{ rows: CollectedRow[]; revision: number }> {
  return db.transaction('r', db.collected, db.tallies, async () => {
    const rows = await ofSession(db.collected, sessionId);
    const revision = (await db.tallies.get(sessionId))?.revision ?? 0;
    return { rows, revision };
  });
}

/** The rows one device sent, in any session: their keys start with its id (`device/response`). */
export function collectedFrom(db: KringDb, deviceId: string): Promise<CollectedRow[]> {
  return db.collected.where('key').startsWith(`${deviceId}/`).toArray();
}

/**
 * Per session (these, or every stored one), how many rows count as submitted and as still being
 * answered: counted by the index (`[sessionId+counted]`), one count per session and kind,
 * without reading a row or a key.
 */
export async function countsPerSession(
  db: KringDb,
  sessionIds?: readonly string[],
): Promise<Map<string, { submitted: number; inProgress: number }>> {
  return db.transaction('r', db.sessions, db.collected, async () => {
    const ids = sessionIds ?? (await db.sessions.toCollection().primaryKeys());
    const index = db.collected.where('[sessionId+counted]');
    const counted = await Promise.all(
      ids.map(async (id) => {
        const [submitted, inProgress] = await Promise.all([
          index.equals([id, 'submitted' satisfies CollectedCount]).count(),
          index.equals([id, 'inProgress' satisfies CollectedCount]).count(),
        ]);
        return [id, { submitted, inProgress }] as const;
      }),
    );
    return new Map(counted.filter(([, c]) => c.submitted + c.inProgress > 0));
  });
}

export function getCollected(db: KringDb, key: string): Promise<CollectedRow | undefined> {
  return db.collected.get(key);
}

/**
 * Writes a row with its count; its session's summary is out of date from then on
 * (tally-store.ts). The only writers of `collected`, so that `counted` always matches: a Dexie
 * hook would do the same, but makes every `bulkPut` read each row's old value first.
 */
export async function putCollected(db: KringDb, row: CollectedRow): Promise<void> {
  await db.transaction('rw', db.collected, db.tallies, async () => {
    await db.collected.put(withCount(row));
    await bumpRevisions(db, [row.sessionId]);
  });
}

/**
 * The rows stored under these keys (those not stored are left out). The keys stored in their
 * range come first, in one request: only those are read, one request each, so that an import's
 * batch of new responses reads none (1,000 reads cost half a second).
 */
export async function getCollectedMany(
  db: KringDb,
  keys: readonly string[],
): Promise<CollectedRow[]> {
  if (keys.length === 0) return [];
  let [low, high] = [keys[0]!, keys[0]!];
  for (const key of keys) {
    if (key < low) low = key;
    if (key > high) high = key;
  }
  const stored = new Set(
    await db.collected.where('key').between(low, high, true, true).primaryKeys(),
  );
  const present = keys.filter((key) => stored.has(key));
  if (present.length === 0) return [];
  return (await db.collected.bulkGet(present)).filter((row) => row !== undefined);
}

/**
 * Writes these rows in one request (a later row of the same key wins), in one transaction with
 * their sessions' revisions; returns each session's revision before and after.
 */
export async function putCollectedMany(
  db: KringDb,
  rows: readonly CollectedRow[],
): Promise<Map<string, RevisionStep>> {
  if (rows.length === 0) return new Map();
  return db.transaction('rw', db.collected, db.tallies, () => writeCollectedRows(db, rows));
}

/**
 * Writes rows with their counts and goes up their sessions' revisions: inside a transaction over
 * `collected` and `tallies` (a room's persistence writes its log in the same one).
 */
export async function writeCollectedRows(
  db: KringDb,
  rows: readonly CollectedRow[],
): Promise<Map<string, RevisionStep>> {
  await db.collected.bulkPut(rows.map(withCount));
  return bumpRevisions(
    db,
    rows.map((r) => r.sessionId),
  );
}

/** How a facilitator room's persistence writes the rows it received (doc-persistence.ts). */
export const collectedWriter: RowWriter<CollectedRow> = {
  tables: (db) => [db.collected, db.tallies],
  write: writeCollectedRows,
};

function withCount(row: CollectedRow): CollectedRow {
  return { ...row, counted: countOf(row) };
}
