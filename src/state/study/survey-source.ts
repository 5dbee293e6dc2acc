/**
 * Where a participant device gets its survey in standalone use: the bundled study file,
 * validated like any other, with the last good copy kept on the device for when the kit
 * server cannot be reached; or a file the facilitator checked and wants to try (`?survey=preview`).
 */
import type { Survey } from '../../domain/survey-schema';
import { validateSurvey, type ValidationIssue } from '../../domain/survey-validate';
import { KringDb } from '../../storage/db';
import { getSetting, putSetting } from '../../storage/settings';

export const BUNDLED_SURVEY_URL = '/surveys/som-2022.json';
const CACHE_KEY = 'survey:bundled' as const;
const PREVIEW_KEY = 'survey:preview' as const;

export type SurveySource = 'bundled' | 'preview';

/** The source the participant page was opened with. */
export function surveySourceOf(url: URL): SurveySource {
  return url.searchParams.get('survey') === 'preview' ? 'preview' : 'bundled';
}

/** Keeps a checked survey file on this device, for trying it as a participant. */
export async function storePreviewSurvey(text: string, db: KringDb = new KringDb()): Promise<void> {
  await putSetting(db, PREVIEW_KEY, text);
}

export type SurveyLoad =
  | { ok: true; survey: Survey }
  | { ok: false; issues: ValidationIssue[] }
  /** `noPreview`: nothing to try out; `unreachable`: not on the kit's network and never read before. */
  | { ok: false; reason: 'noPreview' | 'unreachable' };

export async function loadSurvey(
  db: KringDb,
  source: SurveySource = 'bundled',
  fetcher: typeof fetch = fetch,
): Promise<SurveyLoad> {
  if (source === 'preview') {
    const text = await getSetting(db, PREVIEW_KEY);
    if (text === undefined) return { ok: false, reason: 'noPreview' };
    const result = validateSurvey(text);
    return result.ok ? { ok: true, survey: result.survey } : { ok: false, issues: result.issues };
  }
  const url = BUNDLED_SURVEY_URL;
  let text: string;
  try {
    const response = await fetcher(url, { cache: 'no-cache' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    text = await response.text();
  } catch {
    const cached = await getSetting(db, CACHE_KEY);
    if (cached === undefined) return { ok: false, reason: 'unreachable' };
    text = cached;
  }
  const result = validateSurvey(text);
  if (!result.ok) return { ok: false, issues: result.issues };
  await putSetting(db, CACHE_KEY, text);
  return { ok: true, survey: result.survey };
}
