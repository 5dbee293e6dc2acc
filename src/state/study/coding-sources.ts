/**
 * Everything on this laptop that can be coded: the open answers of all sessions' accepted
 * responses, the text reactions of their discussions, and the facilitator's notes; each with
 * its session, school, role (when known) and question. Open answers come from each session's
 * stored summary (session-summaries.ts) where it ran the study's latest version, so opening the
 * coding view reads no response; a session of an earlier version is read row by row, its own
 * questions being what its answers answer.
 */
import type { Source } from '../../domain/coding';
import type { Transcript } from '../../domain/transcripts/transcript';
import type { SessionSummary } from '../../domain/results/session-summary';
import { profileOf } from '../../domain/results/respondent';
import { itemsOf, type Survey } from '../../domain/survey-schema';
import type { CollectedRow, KringDb, SessionRow } from '../../storage/db';
import { collectedIn } from '../../storage/collected-store';
import { notesIn, reactionsIn } from '../../storage/discussion-store';
import { summariesOf } from './session-summaries';
import { studyGroups } from './study';

export interface CodingContext {
  sources: Source[];
  /** Each session's survey (roles and questions for labels and filters). */
  surveys: Map<string, Survey>;
}

export async function loadCodingSources(db: KringDb): Promise<CodingContext> {
  const groups = await studyGroups(db);
  const sessions = groups.flatMap((g) => g.sessions).sort((a, b) => a.createdAt - b.createdAt);
  const ids = sessions.map((s) => s.id);
  const [reactions, notes] = await Promise.all([reactionsIn(db, ids), notesIn(db, ids)]);
  const surveys = new Map<string, Survey>();
  const open = new Map<string, Source[]>();
  for (const group of groups) {
    const summaries = await summariesOf(db, group.sessions, group);
    for (const [i, session] of group.sessions.entries()) {
      const version = group.versionOf.get(session.id)!;
      const survey = group.surveyOf.get(version)!;
      surveys.set(session.id, survey);
      open.set(
        session.id,
        version === group.survey.version
          ? openFromSummary(survey, session, summaries[i]!)
          : openFromRows(survey, session, await collectedIn(db, session.id)),
      );
    }
  }
  const reactionsOf = bySession(reactions);
  const notesOf = bySession(notes);
  const sources: Source[] = [];
  for (const session of sessions) {
    sources.push(...open.get(session.id)!);
    for (const reaction of reactionsOf.get(session.id) ?? []) {
      if (reaction.kind !== 'text' || reaction.status === 'hidden') continue;
      sources.push({
        key: `reaction/${session.id}/${reaction.key}`,
        kind: 'reaction',
        text: reaction.text,
        sessionId: session.id,
        school: session.school,
      });
    }
    for (const note of notesOf.get(session.id) ?? []) {
      sources.push({
        key: `note/${session.id}/${note.id}`,
        kind: 'note',
        text: note.text,
        sessionId: session.id,
        school: session.school,
        ...(note.role ? { role: note.role } : {}),
      });
    }
  }
  return { sources, surveys };
}

const sourceOf = new WeakMap<Transcript, Source>();

/** A transcript as a source to code: one text, its turns saying who said what (made once). */
export function transcriptSource(transcript: Transcript): Source {
  let source = sourceOf.get(transcript);
  if (!source) sourceOf.set(transcript, (source = sourceOfTranscript(transcript)));
  return source;
}

function sourceOfTranscript(transcript: Transcript): Source {
  return {
    key: `transcript/${transcript.id}`,
    kind: 'transcript',
    text: transcript.text,
    sessionId: transcript.sessionId ?? '',
    school: transcript.school,
    title: transcript.title,
    turns: transcript.turns,
  };
}

type SessionPart = Pick<SessionRow, 'id' | 'school'>;

/** Rows grouped by their session, each group in the rows' order (Map.groupBy is not in Node 20). */
function bySession<T extends { sessionId: string }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.sessionId);
    if (group) group.push(row);
    else groups.set(row.sessionId, [row]);
  }
  return groups;
}

const openSource = (
  session: SessionPart,
  rowKey: string,
  itemId: string,
  text: string,
  role: unknown,
): Source => ({
  key: `open/${rowKey}/${itemId}`,
  kind: 'open',
  text,
  sessionId: session.id,
  school: session.school,
  itemId,
  ...(typeof role === 'string' ? { role } : {}),
});

/** A session's open answers as its summary holds them, in the order of its rows and questions. */
function openFromSummary(survey: Survey, session: SessionPart, summary: SessionSummary): Source[] {
  const order = new Map(itemsOf(survey).map((item, i) => [item.id, i]));
  const found: { rowKey: string; item: number; source: Source }[] = [];
  for (const snapshot of [summary.submitted, summary.inProgress])
    for (const group of snapshot.groups)
      for (const { itemId, responseIds, texts } of group.open)
        texts.forEach((text, i) =>
          found.push({
            rowKey: responseIds[i]!,
            item: order.get(itemId) ?? 0,
            source: openSource(session, responseIds[i]!, itemId, text, group.role),
          }),
        );
  found.sort((a, b) => (a.rowKey < b.rowKey ? -1 : a.rowKey > b.rowKey ? 1 : a.item - b.item));
  return found.map((f) => f.source);
}

/** A session's open answers read from its rows. */
function openFromRows(survey: Survey, session: SessionPart, rows: CollectedRow[]): Source[] {
  const profile = profileOf(survey);
  const openItems = itemsOf(survey).filter((i) => i.type === 'open-text');
  const sources: Source[] = [];
  for (const row of rows) {
    const response = row.status === 'valid' ? row.response : undefined;
    if (!response) continue;
    const role = profile ? response.answers[`${profile.id}.role`] : undefined;
    for (const item of openItems) {
      const text = response.answers[item.id];
      if (typeof text !== 'string' || text.trim() === '') continue;
      sources.push(openSource(session, row.key, item.id, text, role));
    }
  }
  return sources;
}
