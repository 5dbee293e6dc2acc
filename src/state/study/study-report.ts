/**
 * What the printable report of a study (or some of its sessions) shows: the sessions, their
 * results, and the quotes per code the coders agree on, attributed by role.
 */
import { codingsOn, quotesFor, type Quote, type RoleName } from '../../domain/coding';
import type { Survey } from '../../domain/survey-schema';
import type { KringDb, SessionRow } from '../../storage/db';
import { SessionResults } from '../facilitator/session-results.svelte';
import { CodingWorkspace } from './coding-workspace.svelte';
import { studyGroups } from './study';

export interface StudyReport {
  survey: Survey;
  sessions: SessionRow[];
  results: SessionResults;
  /** Code label → its quotes, codes without quotes left out, in the codebook's order. */
  quotes: [string, Quote[]][];
}

export interface ReportWording {
  /** A role's name as printed after a quote, e.g. "leerkracht". */
  /** A role's name in a quote's attribution (plural for several speakers of it). */
  roleName(survey: Survey): RoleName;
  /** Who said it when no role is known. */
  anonymous: string;
  /** Several roles' names as one phrase ("leerkracht en directie"). */
  join?: (names: string[]) => string;
}

/** The report of these sessions; undefined when none of them is on this laptop. */
export async function loadStudyReport(
  db: KringDb,
  sessionIds: readonly string[],
  wording: ReportWording,
): Promise<StudyReport | undefined> {
  const group = (await studyGroups(db)).find((g) =>
    g.sessions.some((s) => sessionIds.includes(s.id)),
  );
  if (!group) return undefined;
  const sessions = group.sessions.filter((s) => sessionIds.includes(s.id));
  const results = await SessionResults.ofSessions(db, sessions, group);
  await results.openReady;
  const coding = await CodingWorkspace.open(db);
  try {
    const inStudy = new Set(sessions.map((s) => s.id));
    // The chosen sessions' texts, and the study's own transcripts (its interviews).
    const sources = new Map(
      [...coding.sourcesByKey].filter(
        ([, s]) => inStudy.has(s.sessionId) || (s.kind === 'transcript' && s.sessionId === ''),
      ),
    );
    const agreed = codingsOn(coding.codings, coding.basis); // the codes the coders agree on
    const roleName = wording.roleName(group.survey);
    const quotes = coding.codebook
      .map((code): [string, Quote[]] => [
        code.label,
        quotesFor(code.id, agreed, sources, roleName, wording.anonymous, wording.join),
      ])
      .filter(([, list]) => list.length > 0);
    return { survey: group.survey, sessions, results, quotes };
  } finally {
    coding.destroy();
  }
}
