/**
 * The summaries a study's results are merged from (domain/results/session-summary.ts): read
 * from the database where they are up to date, made again from a session's rows where not (a
 * session that changed since, or one counted against an earlier latest version), and made by
 * the import from the rows it writes, batch by batch (no second read of what it stored).
 */
import {
  SessionSummariser,
  splitSummary,
  summariseSession,
  type CountedResponse,
  type SessionSummary,
  type SummaryOpen,
} from '../../domain/results/session-summary';
import { rowsAtRevision } from '../../storage/collected-store';
import type { CollectedRow, KringDb, SessionRow } from '../../storage/db';
import {
  openMadeFor,
  putSummariesIfCurrent,
  summariesMadeFor,
  type MadeSummary,
  type RevisionStep,
} from '../../storage/tally-store';
import { studyGroups, type StudyGroup } from './study';

export type SummaryStudy = Pick<StudyGroup, 'plan' | 'versionOf' | 'basis'>;

/**
 * The summaries of these sessions of one study, in their order: whole, or with `countsOnly`
 * without their open answers (read then with `openAnswersOf`).
 */
export async function summariesOf(
  db: KringDb,
  sessions: readonly Pick<SessionRow, 'id' | 'school'>[],
  study: SummaryStudy,
  { countsOnly = false } = {},
): Promise<SessionSummary[]> {
  const stored = await summariesMadeFor(
    db,
    sessions.map((s) => s.id),
    study.basis,
    { countsOnly },
  );
  const summaries: SessionSummary[] = [];
  const made: MadeSummary[] = [];
  for (const session of sessions) {
    let summary = stored.get(session.id);
    if (!summary) {
      const { rows, revision } = await rowsAtRevision(db, session.id);
      summary = summarise(study, session, rows);
      made.push({ sessionId: session.id, revision, basis: study.basis, summary });
      if (countsOnly) summary = splitSummary(summary).counts;
    }
    summaries.push(summary);
  }
  // Those made again are kept in one transaction (each unless its rows changed meanwhile).
  if (made.length > 0) await putSummariesIfCurrent(db, made);
  return summaries;
}

/** The open answers of these sessions' summaries, in their order. */
export async function openAnswersOf(
  db: KringDb,
  sessions: readonly Pick<SessionRow, 'id' | 'school'>[],
  study: SummaryStudy,
): Promise<SummaryOpen[]> {
  const stored = await openMadeFor(
    db,
    sessions.map((s) => s.id),
    study.basis,
  );
  // A session written to since its counts were read: summarised again.
  const missing = sessions.filter((s) => !stored.has(s.id));
  const made = await summariesOf(db, missing, study);
  missing.forEach((session, i) => stored.set(session.id, splitSummary(made[i]!).open));
  return sessions.map((s) => stored.get(s.id)!);
}

type Summarising = Map<string, { summariser: SessionSummariser; revision: number; basis: string }>;

/**
 * The summaries of the sessions an import adds, made batch by batch from the rows it writes (no
 * second read, and no batch kept once summarised), while no one else writes to those sessions:
 * each of its writes must find the revision its previous write left. A session someone else
 * wrote to meanwhile is left to be summarised when next shown.
 */
export class ImportedSummaries {
  readonly #sessions: Summarising;

  private constructor(sessions: Summarising) {
    this.#sessions = sessions;
  }

  /** For the sessions an import added, once they are stored (their study's versions known). */
  static async start(db: KringDb, added: ReadonlySet<string>): Promise<ImportedSummaries> {
    const sessions: Summarising = new Map();
    if (added.size > 0)
      for (const group of await studyGroups(db))
        for (const session of group.sessions)
          if (added.has(session.id))
            sessions.set(session.id, {
              summariser: summariserOf(group, session),
              revision: 0,
              basis: group.basis,
            });
    return new ImportedSummaries(sessions);
  }

  /** One write of the import: its rows and the revisions it moved its sessions from and to. */
  record({ rows, steps }: { rows: CollectedRow[]; steps: ReadonlyMap<string, RevisionStep> }) {
    for (const [sessionId, step] of steps) {
      const held = this.#sessions.get(sessionId);
      if (!held) continue;
      if (held.revision === step.from) held.revision = step.to;
      else this.#sessions.delete(sessionId); // someone else wrote too: summarised when shown
    }
    for (const row of rows) {
      const summariser = this.#sessions.get(row.sessionId)?.summariser;
      if (!summariser) continue;
      if (row.status === 'valid' && row.response)
        summariser.add({ key: row.key, response: row.response });
      else summariser.drop(row.key);
    }
  }

  /** Stores them at once, each unless its session changed since its last write. */
  async store(db: KringDb): Promise<void> {
    if (this.#sessions.size === 0) return;
    await putSummariesIfCurrent(
      db,
      [...this.#sessions].map(([sessionId, { summariser, revision, basis }]) => ({
        sessionId,
        revision,
        basis,
        summary: summariser.summary(),
      })),
    );
  }
}

function summarise(
  study: SummaryStudy,
  session: Pick<SessionRow, 'id' | 'school'>,
  rows: Iterable<CollectedRow>,
): SessionSummary {
  return summariseSession(
    study.plan.latest,
    validResponses(rows),
    session.school,
    mappingOf(study, session),
  );
}

function summariserOf(
  study: SummaryStudy,
  session: Pick<SessionRow, 'id' | 'school'>,
): SessionSummariser {
  return new SessionSummariser(study.plan.latest, session.school, mappingOf(study, session));
}

/** How a session's answers count against the study's latest version. */
function mappingOf(study: SummaryStudy, session: Pick<SessionRow, 'id'>) {
  const version = study.versionOf.get(session.id);
  return version === undefined ? undefined : { plan: study.plan, version };
}

function* validResponses(rows: Iterable<CollectedRow>): Iterable<CountedResponse> {
  for (const row of rows)
    if (row.status === 'valid' && row.response) yield { key: row.key, response: row.response };
}
