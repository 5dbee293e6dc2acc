/**
 * From a checked response to what the results count: the respondent's role from the survey's
 * profile item, the school (the session's, which the facilitator set for the whole room, else
 * what the respondent gave), and the answers. A school typed by hand is grouped without regard to
 * case and spaces ("Sint-Jozef " and "sint-jozef" are one school).
 */
import { normalizeText } from '../answers';
import type { ResponseRecord } from '../response';
import type { Survey } from '../survey-schema';
import type { Respondent } from './aggregator';

export function respondentOf(
  survey: Survey,
  response: ResponseRecord,
  /** The session's school; when set it decides (a session is held in one school). */
  sessionSchool?: string,
): Respondent {
  const profile = survey.sections.flatMap((s) => s.items).find((i) => i.type === 'profile');
  const role = profile ? response.answers[`${profile.id}.role`] : undefined;
  const school = profile ? response.answers[`${profile.id}.school`] : undefined;
  return {
    id: response.id,
    role: typeof role === 'string' ? role : undefined,
    school: schoolKey(
      sessionSchool?.trim() ? sessionSchool : typeof school === 'string' ? school : undefined,
    ),
    answers: response.answers,
  };
}

/** The grouping key of a school name (trimmed, single spaces, lower case). */
export function schoolKey(name: string | undefined): string | undefined {
  const text = name === undefined ? undefined : normalizeText(name);
  return text?.replace(/\s+/g, ' ').toLocaleLowerCase('nl');
}
