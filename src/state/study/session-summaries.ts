/**
 * The summaries a study's results are merged from (domain/results/session-summary.ts): read
 * from the database where they are up to date, made again from a session's rows where not (a
 * session that changed since, or one counted against an earlier latest version), and made by
 * the import from the rows it has just written (no second read of what it stored).
 */
import {
  summariseSession,
  type CountedResponse,
  type SessionSummary,
} from '../../domain/results/session-summary';
import type { CollectedRow, KringDb, SessionRow } from '../../storage/db';
import {
  putSummariesIfCurrent,
  rowsAtRevision,
  summariesMadeFor,
  type MadeSummary,
} from '../../storage/tally-store';
import { studyGroups, type StudyGroup } from './study';

export type SummaryStudy = Pick<StudyGroup, 'plan' | 'versionOf' | 'basis'>;

/** The summaries of these sessions of one study, in their order. */
export async function summariesOf(
  db: KringDb,
  sessions: readonly Pick<SessionRow, 'id' | 'school'>[],
  study: SummaryStudy,
): Promise<SessionSummary[]> {
  const stored = await summariesMadeFor(
    db,
    sessions.map((s) => s.id),
    study.basis,
  );
  const summaries: SessionSummary[] = [];
  const made: MadeSummary[] = [];
  for (const session of sessions) {
    let summary = stored.get(session.id);
    if (!summary) {
      const { rows, revision } = await rowsAtRevision(db, session.id);
      summary = summarise(study, session, rows);
      made.push({ sessionId: session.id, revision, basis: study.basis, summary });
    }
    summaries.push(summary);
  }
  // Those made again are kept in one transaction (each unless its rows changed meanwhile).
  if (made.length > 0) await putSummariesIfCurrent(db, made);
  return summaries;
}

/**
 * Stores the summaries of sessions an import wrote whole: each session's rows as written and
 * the revision its last write left. A session written by anyone else meanwhile is left to be
 * summarised when next shown.
 */
export async function storeImportedSummaries(
  db: KringDb,
  written: ReadonlyMap<string, { rows: Iterable<CollectedRow>; revision: number }>,
): Promise<void> {
  if (written.size === 0) return;
  const made: MadeSummary[] = [];
  for (const group of await studyGroups(db))
    for (const session of group.sessions) {
      const held = written.get(session.id);
      if (!held) continue;
      const summary = summarise(group, session, held.rows);
      made.push({ sessionId: session.id, revision: held.revision, basis: group.basis, summary });
    }
  await putSummariesIfCurrent(db, made);
}

function summarise(
  study: SummaryStudy,
  session: Pick<SessionRow, 'id' | 'school'>,
  rows: Iterable<CollectedRow>,
): SessionSummary {
  const version = study.versionOf.get(session.id);
  return summariseSession(
    study.plan.latest,
    validResponses(rows),
    session.school,
    version === undefined ? undefined : { plan: study.plan, version },
  );
}

function* validResponses(rows: Iterable<CollectedRow>): Iterable<CountedResponse> {
  for (const row of rows)
    if (row.status === 'valid' && row.response) yield { key: row.key, response: row.response };
}
