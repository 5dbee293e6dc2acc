/**
 * Each session's results summarised for its study (`tallies`, laptop only). Every write of a
 * session's `collected` rows goes up its revision in the same transaction (collected-store.ts),
 * which drops the summary; a summary made from rows read at one revision is stored only if the
 * revision is still that one. So a stored summary is always the count of the rows as they are.
 */
import {
  joinSummary,
  splitSummary,
  type SessionSummary,
  type SummaryOpen,
} from '../domain/results/session-summary';
import type { KringDb, OpenTallyRow, TallyRow } from './db';

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

/**
 * The stored summaries of these sessions that were made against `basis`: whole, or with
 * `countsOnly` without their open answers (read then with `openMadeFor`).
 */
export function summariesMadeFor(
  db: KringDb,
  sessionIds: readonly string[],
  basis: string,
  { countsOnly = false } = {},
): Promise<Map<string, SessionSummary>> {
  return db.transaction('r', db.tallies, db.openTallies, async () => {
    const rows = await db.tallies.bulkGet([...sessionIds]);
    const found = new Map<string, SessionSummary>();
    for (const row of rows)
      if (row?.summary && row.basis === basis) found.set(row.sessionId, row.summary);
    if (countsOnly) return found;
    const open = await openOf(db, rows);
    for (const [sessionId, summary] of found) {
      const its = open.get(sessionId);
      if (its) found.set(sessionId, joinSummary(summary, its));
      else found.delete(sessionId); // its open answers are not of its revision: made again
    }
    return found;
  });
}

/** The open answers of these sessions' stored summaries made against `basis`. */
export function openMadeFor(
  db: KringDb,
  sessionIds: readonly string[],
  basis: string,
): Promise<Map<string, SummaryOpen>> {
  return db.transaction('r', db.tallies, db.openTallies, async () => {
    const rows = await db.tallies.bulkGet([...sessionIds]);
    return openOf(
      db,
      rows.map((row) => (row?.summary && row.basis === basis ? row : undefined)),
    );
  });
}

/** The open answers stored with these tally rows (of their revision and basis). */
async function openOf(
  db: KringDb,
  tallies: readonly (TallyRow | undefined)[],
): Promise<Map<string, SummaryOpen>> {
  const current = tallies.filter((row): row is TallyRow => row?.summary !== undefined);
  const rows = await db.openTallies.bulkGet(current.map((row) => row.sessionId));
  const found = new Map<string, SummaryOpen>();
  rows.forEach((open, i) => {
    const tally = current[i]!;
    if (open && open.revision === tally.revision && open.basis === tally.basis)
      found.set(open.sessionId, open.open);
  });
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
  return db.transaction('rw', db.tallies, db.openTallies, async () => {
    const held = await db.tallies.bulkGet(made.map((m) => m.sessionId));
    const current = made.filter((m, i) => (held[i]?.revision ?? 0) === m.revision);
    const parts = current.map(({ summary, ...made }) => ({ ...made, ...splitSummary(summary) }));
    await db.tallies.bulkPut(
      parts.map(({ sessionId, revision, basis, counts }): TallyRow => ({
        sessionId,
        revision,
        basis,
        summary: counts,
      })),
    );
    await db.openTallies.bulkPut(
      parts.map(({ sessionId, revision, basis, open }): OpenTallyRow => ({
        sessionId,
        revision,
        basis,
        open,
      })),
    );
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
