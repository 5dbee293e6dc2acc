/**
 * Everything on this laptop that can be coded: the open answers of all sessions' accepted
 * responses, the text reactions of their discussions, and the facilitator's notes; each with
 * its session, school, role (when known) and question.
 */
import type { Source } from '../../domain/coding';
import { profileOf } from '../../domain/results/respondent';
import { itemsOf, type Survey } from '../../domain/survey-schema';
import { validateSurvey } from '../../domain/survey-validate';
import type { KringDb } from '../../storage/db';
import { collectedIn } from '../../storage/collected-store';
import { notesIn, reactionsIn } from '../../storage/discussion-store';
import { sessionsOldestFirst } from '../../storage/session-store';

export interface CodingContext {
  sources: Source[];
  /** Each session's survey (roles and questions for labels and filters). */
  surveys: Map<string, Survey>;
}

export async function loadCodingSources(db: KringDb): Promise<CodingContext> {
  const sources: Source[] = [];
  const surveys = new Map<string, Survey>();
  for (const session of await sessionsOldestFirst(db)) {
    const checked = validateSurvey(session.definition);
    if (!checked.ok) continue;
    surveys.set(session.id, checked.survey);
    const items = itemsOf(checked.survey);
    const profile = profileOf(checked.survey);
    const openItems = items.filter((i) => i.type === 'open-text');
    const rows = await collectedIn(db, session.id);
    for (const row of rows) {
      const response = row.status === 'valid' ? row.response : undefined;
      if (!response) continue;
      const role = profile ? response.answers[`${profile.id}.role`] : undefined;
      for (const item of openItems) {
        const text = response.answers[item.id];
        if (typeof text !== 'string' || text.trim() === '') continue;
        sources.push({
          key: `open/${row.key}/${item.id}`,
          kind: 'open',
          text,
          sessionId: session.id,
          school: session.school,
          itemId: item.id,
          ...(typeof role === 'string' ? { role } : {}),
        });
      }
    }
    for (const reaction of await reactionsIn(db, session.id)) {
      if (reaction.kind !== 'text' || reaction.status === 'hidden') continue;
      sources.push({
        key: `reaction/${session.id}/${reaction.key}`,
        kind: 'reaction',
        text: reaction.text,
        sessionId: session.id,
        school: session.school,
      });
    }
    for (const note of await notesIn(db, session.id)) {
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
