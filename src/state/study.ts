/**
 * A study on this laptop: its sessions (run here or imported from bundles) grouped by the
 * questionnaire version they answered, since only those can be counted together.
 */
import type { Survey } from '../domain/survey-schema';
import { validateSurvey } from '../domain/survey-validate';
import type { KringDb, SessionRow } from '../storage/db';

export interface StudyGroup {
  key: string;
  survey: Survey;
  sessions: SessionRow[];
}

export async function studyGroups(db: KringDb): Promise<StudyGroup[]> {
  const groups = new Map<string, StudyGroup>();
  for (const session of await db.sessions.orderBy('createdAt').toArray()) {
    const checked = validateSurvey(session.definition);
    if (!checked.ok) continue;
    const key = `${checked.survey.id}@${checked.survey.version}`;
    const group = groups.get(key) ?? { key, survey: checked.survey, sessions: [] };
    group.sessions.push(session);
    groups.set(key, group);
  }
  return [...groups.values()];
}
