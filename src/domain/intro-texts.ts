/**
 * The introduction and consent texts a participant reads before the first question. An import
 * (an XLSForm has none) fills them with "…" to stay a valid file: such a text is still to be
 * written, and a session should not start on it unnoticed.
 */
import type { LocalizedText, Survey } from './survey-schema';

export type IntroField = keyof Survey['intro'];

const PLACEHOLDER = /^[\s.…_-]*$/;

/** Whether a text is only a stand-in ("…") in some language. */
export function isPlaceholder(text: LocalizedText): boolean {
  return Object.values(text).some((value) => PLACEHOLDER.test(value));
}

/** The intro fields still to write. */
export function introToWrite(survey: Pick<Survey, 'intro'>): IntroField[] {
  return (Object.keys(survey.intro) as IntroField[]).filter((field) =>
    isPlaceholder(survey.intro[field]),
  );
}

/** The survey with its stand-in intro texts emptied, so the editor lists them as still to write. */
export function withIntroToWrite<T extends Pick<Survey, 'intro'>>(survey: T): T {
  const intro = Object.fromEntries(
    Object.entries(survey.intro).map(([field, text]) => [
      field,
      Object.fromEntries(
        Object.entries(text).map(([lang, value]) => [lang, PLACEHOLDER.test(value) ? '' : value]),
      ),
    ]),
  ) as T['intro'];
  return { ...survey, intro };
}
