/**
 * The languages of an XLSForm and its texts per language. The default language (settings'
 * `default_language`, else the importer's) comes first, as ODK falls back to it; the plain
 * `label` column is in the default language.
 */
import type { LocalizedText } from '../../survey-schema';
import { note, type XlsFormNote } from './report';
import { cell, languageOf, type FormRow } from './sheets';

const TEXT_COLUMNS = ['label', 'hint', 'guidance_hint', 'constraint_message', 'required_message'];

export class FormTexts {
  /** The survey's languages, the default first. */
  readonly languages: string[];
  readonly #plain: string;
  readonly #bySuffix = new Map<string, string>();

  constructor(
    rows: readonly FormRow[],
    defaultLanguage: string,
    fallback: string,
    report: XlsFormNote[],
  ) {
    const declared = defaultLanguage ? languageOf(defaultLanguage) : undefined;
    const found: string[] = [];
    let plainUsed = false;
    for (const row of rows) {
      for (const [column, { header }] of row.cells) {
        const [base = '', suffix] = column.split(/::(.*)/s);
        if (!TEXT_COLUMNS.includes(base)) continue;
        if (suffix === undefined) {
          plainUsed = true;
          continue;
        }
        if (this.#bySuffix.has(suffix)) continue;
        const language = languageOf(suffix);
        this.#bySuffix.set(suffix, language.code);
        found.push(language.code);
        if (language.derived)
          report.push(
            note({ row: 0, name: '', column: header }, 'languageDerived', { code: language.code }),
          );
      }
    }
    this.#plain = declared?.code ?? fallback;
    if (plainUsed && !declared)
      report.push(
        note({ row: 0, name: '', column: 'label' }, 'languageAssumed', { code: this.#plain }),
      );
    // The default language first: the plain column's, or the declared one among the columns.
    const first = plainUsed || (declared && found.includes(declared.code)) ? [this.#plain] : [];
    const languages = [...new Set([...first, ...found])];
    this.languages = languages.length > 0 ? languages : [this.#plain];
  }

  get defaultLanguage(): string {
    return this.languages[0]!;
  }

  /** A column's text per language (`label`, `hint`, …); a language may be missing. */
  text(row: FormRow | undefined, base: string): LocalizedText {
    const result: LocalizedText = {};
    if (!row) return result;
    for (const [column, { value }] of row.cells) {
      const [name = '', suffix] = column.split(/::(.*)/s);
      if (name !== base) continue;
      const language = suffix === undefined ? this.#plain : this.#bySuffix.get(suffix);
      // An explicit language column wins over the plain one for the same language.
      if (language && (suffix !== undefined || result[language] === undefined))
        result[language] = value;
    }
    return result;
  }

  has(row: FormRow, base: string): boolean {
    return Object.keys(this.text(row, base)).length > 0;
  }

  /** The column as the user wrote it, for the report (`label::English`, or `label`). */
  header(row: FormRow, base: string): string {
    for (const [column, { header }] of row.cells) if (column.split('::')[0] === base) return header;
    return base;
  }

  /** One of Kring's own words, in every language of the form (English where unknown). */
  word(key: keyof typeof WORDS): LocalizedText {
    return Object.fromEntries(
      this.languages.map((l) => [
        l,
        WORDS[key][l as keyof (typeof WORDS)[typeof key]] ?? WORDS[key].en,
      ]),
    );
  }
}

/** A plain value (a setting) as the cell holds it. */
export const settingOf = (settings: FormRow | undefined, name: string) => cell(settings, name);

const WORDS = {
  other: {
    en: 'Other',
    nl: 'Anders',
    de: 'Andere',
    fr: 'Autre',
    es: 'Otro',
    pt: 'Outro',
    it: 'Altro',
    sw: 'Nyingine',
  },
  questions: {
    en: 'Questions',
    nl: 'Vragen',
    de: 'Fragen',
    fr: 'Questions',
    es: 'Preguntas',
    pt: 'Perguntas',
    it: 'Domande',
    sw: 'Maswali',
  },
  ok: { en: 'OK', nl: 'OK', de: 'OK', fr: 'OK', es: 'OK', pt: 'OK', it: 'OK', sw: 'Sawa' },
  toWrite: { en: '…', nl: '…' },
};
