/**
 * The languages of a survey being edited: adding one (every text then lacks it until written),
 * removing one, listing the translations still missing, and — when the facilitator accepts
 * them missing — filling each with the survey's first language that has the text, so that a
 * participant reading that language sees the original instead of an empty line.
 */
import { localizedTexts } from '../localized-texts';
import type { LocalizedText } from '../survey-schema';
import type { Draft } from './operations';

const LANGUAGE = /^[a-z]{2,3}$/;

/** A language code the format accepts (ISO 639-1 or -2, lower case: `fr`, `tr`, `pap`). */
export function isLanguageCode(code: string): boolean {
  return LANGUAGE.test(code);
}

/** Adds a language; every text gets an empty entry for it (listed as to translate). */
export function addLanguage(draft: Draft, code: string): Draft {
  const lang = code.trim().toLowerCase();
  if (!isLanguageCode(lang) || draft.languages.includes(lang)) return draft;
  return mapTexts({ ...draft, languages: [...draft.languages, lang] }, (text) => ({
    ...text,
    [lang]: '',
  }));
}

/** Removes a language and its texts; the last language stays. */
export function removeLanguage(draft: Draft, lang: string): Draft {
  if (!draft.languages.includes(lang) || draft.languages.length <= 1) return draft;
  return mapTexts(
    { ...draft, languages: draft.languages.filter((l) => l !== lang) },
    ({ [lang]: _dropped, ...rest }) => rest,
  );
}

export interface MissingTranslation {
  path: string;
  lang: string;
  /** The text in the first language that has it (what a translator works from). */
  source: string;
}

/**
 * Texts written in at least one language but empty in another. A text empty in every language
 * is not a translation to make but a text to write: the validator reports it.
 */
export function missingTranslations(draft: Draft): MissingTranslation[] {
  const missing: MissingTranslation[] = [];
  for (const { path, text } of localizedTexts(draft)) {
    const source = firstWritten(draft, text);
    if (source === undefined) continue;
    for (const lang of draft.languages)
      if (!text[lang]?.trim()) missing.push({ path, lang, source });
  }
  return missing;
}

/** The draft with each missing translation filled by the first language that has the text. */
export function fillMissingTranslations(draft: Draft): Draft {
  return mapTexts(draft, (text) => {
    const source = firstWritten(draft, text);
    if (source === undefined) return text;
    const filled = { ...text };
    for (const lang of draft.languages) if (!filled[lang]?.trim()) filled[lang] = source;
    return filled;
  });
}

function firstWritten(draft: Draft, text: LocalizedText): string | undefined {
  return draft.languages.map((l) => text[l]).find((t) => t?.trim());
}

/** A copy of the draft with every localized text replaced by `change(text)`. */
function mapTexts(draft: Draft, change: (text: LocalizedText) => LocalizedText): Draft {
  const copy = structuredClone(draft);
  for (const site of localizedTexts(copy)) {
    const next = change(site.text);
    for (const key of Object.keys(site.text)) delete site.text[key];
    Object.assign(site.text, next);
  }
  return copy;
}
