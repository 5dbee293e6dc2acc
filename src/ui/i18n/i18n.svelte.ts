/**
 * The UI language: Dutch or English, from the participant's choice or else the browser.
 * `t()` reads the current language, so templates update when it changes.
 */
import { createContext } from 'svelte';
import type { LocalizedText } from '../../domain/survey-schema';
import { fillTemplate } from '../../domain/text-template';
import { ISSUE_TEXT_EN, type ValidationIssue } from '../../domain/validation-issues';
import { en, type ParticipantKey } from './en';
import type { FacilitatorKey } from './facilitator-en';
import { issuesNl } from './issues-nl';
import { nl } from './nl';

export type UiLanguage = 'nl' | 'en';
export type MessageKey = ParticipantKey | FacilitatorKey;
/** Texts a route adds to the participant ones (the facilitator's pages). */
export type ExtraCatalog = Record<UiLanguage, Partial<Record<MessageKey, string>>>;
export const UI_LANGUAGES: readonly UiLanguage[] = ['nl', 'en'];
const catalogs = { nl, en } as const;

export function isUiLanguage(language: string): language is UiLanguage {
  return (UI_LANGUAGES as readonly string[]).includes(language);
}

/** The first browser language Kring speaks; Dutch otherwise. */
export function browserLanguage(
  languages: readonly string[] = globalThis.navigator?.languages ?? [],
): UiLanguage {
  for (const tag of languages) {
    const base = tag.toLowerCase().split('-')[0];
    if (base === 'nl' || base === 'en') return base;
  }
  return 'nl';
}

/**
 * Intl's formatters, made once per language and options: making one costs far more than using
 * it, and a live page writes thousands of texts a minute (a device list of 150 tablets).
 */
// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a cache, not state
const formatters = new Map<
  string,
  Intl.NumberFormat | Intl.PluralRules | Intl.DateTimeFormat | Intl.ListFormat
>();

function pluralRules(language: UiLanguage): Intl.PluralRules {
  const key = `plural|${language}`;
  let rules = formatters.get(key) as Intl.PluralRules | undefined;
  if (!rules) formatters.set(key, (rules = new Intl.PluralRules(language)));
  return rules;
}

function numberFormat(language: UiLanguage, options?: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `number|${language}|${options ? JSON.stringify(options) : ''}`;
  let format = formatters.get(key) as Intl.NumberFormat | undefined;
  if (!format) formatters.set(key, (format = new Intl.NumberFormat(language, options)));
  return format;
}

function dateFormat(
  language: UiLanguage,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `date|${language}|${JSON.stringify(options)}`;
  let format = formatters.get(key) as Intl.DateTimeFormat | undefined;
  if (!format) formatters.set(key, (format = new Intl.DateTimeFormat(language, options)));
  return format;
}

function listFormat(language: UiLanguage): Intl.ListFormat {
  const key = `list|${language}`;
  let format = formatters.get(key) as Intl.ListFormat | undefined;
  if (!format)
    formatters.set(key, (format = new Intl.ListFormat(language, { type: 'conjunction' })));
  return format;
}

export class I18n {
  language = $state<UiLanguage>('nl');
  /**
   * A survey language Kring's own texts do not come in (fr, tr, pap …), chosen by a
   * participant: the survey's texts show in it, buttons and messages stay in `language`.
   */
  content = $state<string | undefined>();

  #extra: ExtraCatalog = { nl: {}, en: {} };

  /**
   * `extra`: texts beyond the participant ones, for routes that need them (the facilitator's),
   * so that tablets do not download them.
   */
  constructor(language: UiLanguage = browserLanguage(), extra?: ExtraCatalog) {
    this.language = language;
    if (extra) this.#extra = extra;
  }

  /**
   * A UI text with `{name}` placeholders filled in. A text with two forms, `one|other`, picks
   * by `params.count` (Intl's plural rules; Dutch and English both have just these two), and
   * every number is written as the language writes it (1.250 and 2,5 in Dutch).
   */
  t = (key: MessageKey, params: Record<string, string | number> = {}): string => {
    const base: Partial<Record<MessageKey, string>> = catalogs[this.language];
    const text = base[key] ?? this.#extra[this.language][key];
    if (text === undefined) throw new Error(`No UI text "${key}" on this page`); // a bug
    const forms = text.split('|');
    const { count } = params;
    const one = typeof count === 'number' && pluralRules(this.language).select(count) === 'one';
    const template = (forms.length === 2 && !one ? forms[1] : forms[0]) ?? '';
    const written = Object.fromEntries(
      Object.entries(params).map(([name, value]) => [
        name,
        typeof value === 'number' ? this.number(value) : value,
      ]),
    );
    return fillTemplate(template, written);
  };

  /** A number as the UI language writes it: 33,3 and 1.250 in Dutch, 33.3 and 1,250 in English. */
  number = (value: number, options?: Intl.NumberFormatOptions): string =>
    numberFormat(this.language, options).format(value);

  /** A share (0.333) as a percentage: "33,3 %" in Dutch, "33.3%" in English. */
  percent = (share: number, fractionDigits = 1): string =>
    numberFormat(this.language, {
      style: 'percent',
      maximumFractionDigits: fractionDigits,
    }).format(share);

  /** A moment (ms since the epoch) as the UI language writes it, in `options`' style. */
  date = (at: number | Date, options: Intl.DateTimeFormatOptions): string =>
    dateFormat(this.language, options).format(at);

  /** Names as one phrase: "leerkracht en directie", "teacher and principal". */
  list = (names: readonly string[]): string => listFormat(this.language).format(names);

  /** What a validation issue expected, in the UI language. */
  issueText = (issue: ValidationIssue): string =>
    fillTemplate((this.language === 'nl' ? issuesNl : ISSUE_TEXT_EN)[issue.code], issue.params);

  /** The language survey texts are read in. */
  get reading(): string {
    return this.content ?? this.language;
  }

  /** Picks a language: a UI language, or a survey language for the survey's texts only. */
  choose(language: string): void {
    if (isUiLanguage(language)) {
      this.language = language;
      this.content = undefined;
    } else this.content = language;
  }

  /** A survey text in the reading language, else the UI language, else the survey's first that has it. */
  text = (value: LocalizedText | undefined, fallbacks: readonly string[] = []): string => {
    if (!value) return '';
    return (
      (this.content === undefined ? undefined : value[this.content]) ??
      value[this.language] ??
      fallbacks.map((l) => value[l]).find((v) => v !== undefined) ??
      Object.values(value)[0] ??
      ''
    );
  };
}

export const [getI18n, setI18n] = createContext<I18n>();
