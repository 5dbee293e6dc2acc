/**
 * From a checked response to what the results count: the respondent's role and school from the
 * survey's profile item, and the answers. A school typed by hand is grouped without regard to
 * case and spaces ("Sint-Jozef " and "sint-jozef" are one school).
 */
import { normalizeText } from '../answers';
import type { ResponseRecord } from '../response';
import type { Survey } from '../survey-schema';
import type { Respondent } from './aggregator';

export function respondentOf(
  survey: Survey,
  response: ResponseRecord,
  /** The session's school, for surveys without a school question. */
  sessionSchool?: string,
): Respondent {
  const profile = survey.sections.flatMap((s) => s.items).find((i) => i.type === 'profile');
  const role = profile ? response.answers[`${profile.id}.role`] : undefined;
  const school = profile ? response.answers[`${profile.id}.school`] : undefined;
  return {
    id: response.id,
    role: typeof role === 'string' ? role : undefined,
    school: schoolKey(typeof school === 'string' ? school : sessionSchool),
    answers: response.answers,
  };
}

/** The grouping key of a school name (trimmed, single spaces, lower case). */
export function schoolKey(name: string | undefined): string | undefined {
  const text = name === undefined ? undefined : normalizeText(name);
  return text?.replace(/\s+/g, ' ').toLocaleLowerCase('nl');
}
