/**
 * Where a participant device gets its survey in standalone use: the bundled study file,
 * validated like any other, with the last good copy kept on the device for when the kit
 * server cannot be reached.
 */
import type { Survey } from '../domain/survey-schema';
import { validateSurvey, type ValidationIssue } from '../domain/survey-validate';
import { getSetting, putSetting, type KringDb } from '../storage/db';

export const BUNDLED_SURVEY_URL = '/surveys/som-2022.json';
const CACHE_KEY = 'survey:bundled';

export type SurveyLoad =
  | { ok: true; survey: Survey }
  | { ok: false; issues: ValidationIssue[] }
  | { ok: false; reason: string };

export async function loadSurvey(
  db: KringDb,
  url = BUNDLED_SURVEY_URL,
  fetcher: typeof fetch = fetch,
): Promise<SurveyLoad> {
  let text: string;
  try {
    const response = await fetcher(url, { cache: 'no-cache' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    text = await response.text();
  } catch (error) {
    const cached = await getSetting<string>(db, CACHE_KEY);
    if (cached === undefined) return { ok: false, reason: (error as Error).message };
    text = cached;
  }
  const result = validateSurvey(text);
  if (!result.ok) return { ok: false, issues: result.issues };
  await putSetting(db, CACHE_KEY, text);
  return { ok: true, survey: result.survey };
}
