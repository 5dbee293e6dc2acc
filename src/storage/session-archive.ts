/**
 * Whole sessions written at once, as a bundle or the study hub brings them: one transaction over
 * every table a session's record touches, so a failed import writes nothing.
 */
import Dexie, { type ObservabilitySet, type Table } from 'dexie';
import type { DiscussionRow, KringDb, ModerationRow, NoteRow, ReactionRow } from './db';

/** Runs `write` in one read-write transaction over a session's tables and the update log. */
export function writeSessions<T>(db: KringDb, write: () => Promise<T>): Promise<T> {
  return db.transaction(
    'rw',
    [
      db.sessions,
      db.definitions,
      db.collected,
      db.tallies,
      db.discussions,
      db.reactions,
      db.notes,
      db.moderation,
      db.updates,
    ],
    write,
  );
}

/** A session's discussion record, as a bundle carries it. */
export interface DiscussionRecords {
  discussions: readonly DiscussionRow[];
  reactions: readonly ReactionRow[];
  notes: readonly NoteRow[];
  moderation: readonly ModerationRow[];
}

/**
 * Adds the records not stored yet (what is here is kept, and the first of two with one key);
 * returns how many were here. Read and written in bulk, one request per table.
 */
export async function addMissingRecords(db: KringDb, records: DiscussionRecords): Promise<number> {
  let present = 0;
  const addMissing = async <T>(
    table: Table<T, [string, string]>,
    rows: readonly T[],
    keyOf: (row: T) => [string, string],
  ) => {
    if (rows.length === 0) return;
    const held = await table.bulkGet(rows.map(keyOf));
    const seen = new Set<string>();
    const missing = rows.filter((row, i) => {
      const key = keyOf(row).join('\u0000');
      const here = held[i] !== undefined || seen.has(key);
      seen.add(key);
      if (here) present++;
      return !here;
    });
    if (missing.length > 0) await table.bulkAdd(missing);
  };
  await addMissing(db.discussions, records.discussions, (r) => [r.sessionId, r.id]);
  await addMissing(db.reactions, records.reactions, (r) => [r.sessionId, r.key]);
  await addMissing(db.notes, records.notes, (r) => [r.sessionId, r.id]);
  await addMissing(db.moderation, records.moderation, (r) => [r.sessionId, r.key]);
  return present;
}

/** The tables a session's record is made of (what a bundle or a hub document holds). */
const SESSION_TABLES = new Set([
  'sessions',
  'collected',
  'discussions',
  'reactions',
  'notes',
  'moderation',
]);

/**
 * Calls `changed` after any write to this database's session tables, from this page or another
 * page of the same browser; returns the unsubscribe.
 */
export function watchSessionTables(db: KringDb, changed: () => void): () => void {
  const prefix = `idb://${db.name}/`;
  const listener = (parts: ObservabilitySet): void => {
    const touched = Object.keys(parts).some(
      (part) =>
        part.startsWith(prefix) && SESSION_TABLES.has(part.slice(prefix.length).split('/')[0]!),
    );
    if (touched) changed();
  };
  Dexie.on.storagemutated.subscribe(listener);
  return () => Dexie.on.storagemutated.unsubscribe(listener);
}
