/**
 * From a checked response to what the results count: the respondent's role from the survey's
 * profile item, the school (the session's, which the facilitator set for the whole room, else
 * what the respondent gave), and the answers. A school typed by hand is grouped without regard to
 * case and spaces ("Sint-Jozef " and "sint-jozef" are one school).
 */
import { normalizeText } from '../answers';
import type { ResponseRecord } from '../response';
import { itemsOf, type Item, type LocalizedText, type Survey } from '../survey-schema';
import type { Respondent } from './aggregator';

type ProfileItem = Extract<Item, { type: 'profile' }>;
const profiles = new WeakMap<Survey, ProfileItem | null>();

/** The survey's profile item (role, school), looked up once per survey: respondents are many. */
export function profileOf(survey: Survey): ProfileItem | undefined {
  let profile = profiles.get(survey);
  if (profile === undefined) {
    const found = itemsOf(survey).find((i) => i.type === 'profile');
    profile = found?.type === 'profile' ? found : null;
    profiles.set(survey, profile);
  }
  return profile ?? undefined;
}

/** The text of a role of the survey, if the survey has it. */
export function roleTextOf(survey: Survey, role: string | undefined): LocalizedText | undefined {
  return profileOf(survey)?.roles.find((r) => r.id === role)?.text;
}

/** The school a respondent typed or picked, as given. */
export function typedSchool(survey: Survey, response: ResponseRecord): string | undefined {
  const profile = profileOf(survey);
  const school = profile ? response.answers[`${profile.id}.school`] : undefined;
  return typeof school === 'string' ? school : undefined;
}

export function respondentOf(
  survey: Survey,
  response: ResponseRecord,
  /** The session's school; when set it decides (a session is held in one school). */
  sessionSchool?: string,
): Respondent {
  const profile = profileOf(survey);
  const role = profile ? response.answers[`${profile.id}.role`] : undefined;
  const school = typedSchool(survey, response);
  return {
    id: response.id,
    role: typeof role === 'string' ? role : undefined,
    school: schoolKey(sessionSchool?.trim() ? sessionSchool : school),
    answers: response.answers,
  };
}

/** The grouping key of a school name (trimmed, single spaces, lower case). */
export function schoolKey(name: string | undefined): string | undefined {
  const text = name === undefined ? undefined : normalizeText(name);
  return text?.replace(/\s+/g, ' ').toLocaleLowerCase('nl');
}
