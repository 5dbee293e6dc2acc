/**
 * Each session's results summarised for its study (`tallies`, laptop only). Every write of a
 * session's `collected` rows goes up its revision in the same transaction (collected-store.ts),
 * which drops the summary; a summary made from rows read at one revision is stored only if the
 * revision is still that one. So a stored summary is always the count of the rows as they are.
 */
import type { SessionSummary } from '../domain/results/session-summary';
import type { KringDb, TallyRow } from './db';

/** A session's revision before and after a write. */
export interface RevisionStep {
  from: number;
  to: number;
}

/** Goes up the revision of these sessions; call inside a transaction over `tallies`. */
export async function bumpRevisions(
  db: KringDb,
  sessionIds: Iterable<string>,
): Promise<Map<string, RevisionStep>> {
  const ids = [...new Set(sessionIds)];
  const held = await db.tallies.bulkGet(ids);
  const steps = new Map<string, RevisionStep>();
  const rows = ids.map((sessionId, i): TallyRow => {
    const from = held[i]?.revision ?? 0;
    steps.set(sessionId, { from, to: from + 1 });
    return { sessionId, revision: from + 1 };
  });
  await db.tallies.bulkPut(rows);
  return steps;
}

/** The stored summaries of these sessions that were made against `basis`. */
export async function summariesMadeFor(
  db: KringDb,
  sessionIds: readonly string[],
  basis: string,
): Promise<Map<string, SessionSummary>> {
  const rows = await db.tallies.bulkGet([...sessionIds]);
  const found = new Map<string, SessionSummary>();
  for (const row of rows)
    if (row?.summary && row.basis === basis) found.set(row.sessionId, row.summary);
  return found;
}

/** A summary made from a session's rows at `revision`, counted against `basis`. */
export interface MadeSummary {
  sessionId: string;
  revision: number;
  basis: string;
  summary: SessionSummary;
}

/**
 * Stores summaries at once (an import's), each unless its session's rows changed since it was
 * made; returns the sessions whose summary was stored.
 */
export function putSummariesIfCurrent(
  db: KringDb,
  made: readonly MadeSummary[],
): Promise<Set<string>> {
  return db.transaction('rw', db.tallies, async () => {
    const held = await db.tallies.bulkGet(made.map((m) => m.sessionId));
    const current = made.filter((m, i) => (held[i]?.revision ?? 0) === m.revision);
    await db.tallies.bulkPut(current.map((m): TallyRow => ({ ...m })));
    return new Set(current.map((m) => m.sessionId));
  });
}

/** Stores a summary made at `revision`, unless the session's rows changed since; says which. */
export async function putSummaryIfCurrent(
  db: KringDb,
  sessionId: string,
  revision: number,
  basis: string,
  summary: SessionSummary,
): Promise<boolean> {
  const stored = await putSummariesIfCurrent(db, [{ sessionId, revision, basis, summary }]);
  return stored.has(sessionId);
}
