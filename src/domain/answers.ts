/**
 * The answer model. Every item writes plain JSON values under answer keys: `item` for
 * single-valued items, `item.row` for matrix rows, Likert statements and profile fields,
 * and `item.other` for the "other, namely …" text. The same keys are the columns of exports.
 */
import type { Item, ItemOfType, Survey } from './survey-schema';

export type AnswerValue = string | number | readonly string[];
export type Answers = Readonly<Record<string, AnswerValue>>;

/** The option id that stands for "other, namely …" in choice items. */
export const OTHER_OPTION = 'other';
/** Longest text accepted for "other, namely …" and a typed school name. */
export const SHORT_TEXT_MAX = 200;

/** The answer keys an item writes, in display order. */
export function answerKeys(item: Item): string[] {
  switch (item.type) {
    case 'rating-matrix':
      return item.rows.map((r) => `${item.id}.${r.id}`);
    case 'likert':
      return item.statements.map((s) => `${item.id}.${s.id}`);
    case 'profile':
      return [`${item.id}.role`, `${item.id}.school`];
    case 'single-choice':
    case 'multiple-choice': {
      const other = otherTextKey(item);
      return other ? [item.id, other] : [item.id];
    }
    case 'ranking':
    case 'open-text':
    case 'numeric-scale':
    case 'number':
    case 'date':
      return [item.id];
    case 'note':
      return [];
  }
}

/**
 * The key of the "other, namely …" text, when the item offers it. A plain option that happens
 * to be called `other` (common in XLSForms) has no text box: only `item.other` brings one.
 */
export function otherTextKey(item: Item): string | undefined {
  if (item.type !== 'single-choice' && item.type !== 'multiple-choice') return undefined;
  return item.other ? `${item.id}.${OTHER_OPTION}` : undefined;
}

/** Whether the "other, namely …" text box shows for these answers. */
export function otherTextShown(item: Item, answers: Answers): boolean {
  if (!otherTextKey(item)) return false;
  const value = answers[item.id];
  return value === OTHER_OPTION || (Array.isArray(value) && value.includes(OTHER_OPTION));
}

/** Every answer key of the survey, mapped to its item. */
export function indexAnswerKeys(survey: Survey): Map<string, Item> {
  const index = new Map<string, Item>();
  for (const section of survey.sections) {
    for (const item of section.items) {
      for (const key of answerKeys(item)) index.set(key, item);
    }
  }
  return index;
}

/** The values an answer key accepts, for validation and for pickers (undefined: free text or a number range). */
export function allowedValues(item: Item, key: string): (string | number)[] | undefined {
  switch (item.type) {
    case 'rating-matrix':
      return range(item.scale.min, item.scale.max);
    case 'likert':
      return [...item.scale.map((p) => p.code), ...(item.noOpinion ? [item.noOpinion.code] : [])];
    case 'numeric-scale':
      return range(item.min, item.max, item.step);
    case 'single-choice':
    case 'multiple-choice':
      if (key !== item.id) return undefined;
      return [...item.options.map((o) => o.id), ...(item.other ? [OTHER_OPTION] : [])];
    case 'ranking':
      return item.options.map((o) => o.id);
    case 'profile':
      if (key.endsWith('.role')) return item.roles.map((r) => r.id);
      return item.schools?.map((s) => s.id);
    case 'open-text':
    case 'number':
    case 'date':
    case 'note':
      return undefined;
  }
}

/**
 * Per item (a parsed definition is never changed in place), its answer keys and the values each
 * accepts: worked out once, not for every answer of every response checked.
 */
const keyValuesOf = new WeakMap<Item, Map<string, readonly (string | number)[] | undefined>>();

/** The values `key` of `item` accepts (undefined: any), or null when it is not its key. */
function keyValues(item: Item, key: string): readonly (string | number)[] | undefined | null {
  let values = keyValuesOf.get(item);
  if (!values) {
    values = new Map(answerKeys(item).map((k) => [k, allowedValues(item, k)]));
    keyValuesOf.set(item, values);
  }
  return values.has(key) ? values.get(key) : null;
}

/**
 * Checks one answer value against its item. Returns null when valid, otherwise what was
 * expected, in words (used for definitions' conditions and for untrusted device data).
 */
export function checkAnswer(item: Item, key: string, value: unknown): string | null {
  const allowed = keyValues(item, key);
  if (allowed === null) return `an answer key of item "${item.id}"`;
  switch (item.type) {
    case 'rating-matrix':
    case 'likert':
    case 'numeric-scale':
      return oneOf(value, allowed ?? []);
    case 'ranking':
      return isPermutation(value, allowed ?? [])
        ? null
        : `an order of all of ${list(allowed ?? [])}`;
    case 'open-text':
      return text(value, item.maxLength) ?? textConstraint(value as string, item);
    case 'number':
      return numberProblem(value, item);
    case 'date':
      return isDateValue(value, item.mode) ? null : DATE_FORMAT[item.mode];
    case 'note':
      return 'no answer';
    case 'single-choice':
      return key === item.id ? oneOf(value, allowed ?? []) : text(value, SHORT_TEXT_MAX);
    case 'multiple-choice':
      if (key !== item.id) return text(value, SHORT_TEXT_MAX);
      return subset(value, allowed ?? [], item.maxSelected);
    case 'profile':
      return allowed ? oneOf(value, allowed) : text(value, SHORT_TEXT_MAX);
  }
}

/** True when every part the item asks for is answered (what "required" demands). */
export function isItemComplete(item: Item, answers: Answers): boolean {
  const has = (key: string) => answers[key] !== undefined;
  switch (item.type) {
    case 'rating-matrix':
    case 'likert':
      return answerKeys(item).every(has);
    case 'profile':
      return has(`${item.id}.role`) && (!item.schoolRequired || has(`${item.id}.school`));
    case 'single-choice':
    case 'multiple-choice': {
      const value = answers[item.id];
      if (value === undefined || (Array.isArray(value) && value.length === 0)) return false;
      return !otherTextShown(item, answers) || has(otherTextKey(item)!);
    }
    case 'ranking':
    case 'open-text':
    case 'numeric-scale':
    case 'number':
    case 'date':
      return has(item.id);
    case 'note':
      return true;
  }
}

/** True when at least one part of the item has an answer. */
export function isItemStarted(item: Item, answers: Answers): boolean {
  return answerKeys(item).some((key) => answers[key] !== undefined);
}

/** Normalizes what a participant typed: trims, and treats an empty text as no answer. */
export function normalizeText(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

export function range(min: number, max: number, step = 1): number[] {
  const out: number[] = [];
  for (let n = min; n <= max; n += step) out.push(n);
  return out;
}

/** What a typed number must be, in words (null when it is fine). */
export function numberProblem(value: unknown, item: ItemOfType<'number'>): string | null {
  const { min, max, decimals } = item;
  const bounds =
    min !== undefined && max !== undefined
      ? ` from ${min} to ${max}`
      : min !== undefined
        ? ` of at least ${min}`
        : max !== undefined
          ? ` of at most ${max}`
          : '';
  const expected = `a ${decimals === 0 ? 'whole number' : `number with at most ${decimals} decimals`}${bounds}`;
  if (typeof value !== 'number' || !Number.isFinite(value)) return expected;
  const scaled = value * 10 ** decimals;
  if (Math.abs(scaled - Math.round(scaled)) > 1e-6) return expected;
  if ((min !== undefined && value < min) || (max !== undefined && value > max)) return expected;
  return null;
}

/** How a date item's answer is written, in the terms of the check's message. */
export const DATE_FORMAT = {
  date: 'a date as YYYY-MM-DD',
  time: 'a time as HH:MM',
  datetime: 'a date and time as YYYY-MM-DDTHH:MM',
} as const;

/** A real date (no 31 April), a time of day, or both, in the ISO form the picker writes. */
export function isDateValue(value: unknown, mode: keyof typeof DATE_FORMAT): boolean {
  if (typeof value !== 'string') return false;
  const [date, time] =
    mode === 'datetime' ? value.split('T') : mode === 'date' ? [value] : [undefined, value];
  if (mode !== 'time') {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date ?? '');
    if (!match) return false;
    const [y, m, d] = match.slice(1).map(Number) as [number, number, number];
    const day = new Date(Date.UTC(y, m - 1, d));
    if (day.getUTCFullYear() !== y || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d)
      return false;
  }
  return mode === 'date' || /^([01]\d|2[0-3]):[0-5]\d$/.test(time ?? '');
}

/** The form's own rules for a text answer: its least length and its pattern. */
function textConstraint(value: string, item: ItemOfType<'open-text'>): string | null {
  if (item.minLength !== undefined && [...value].length < item.minLength)
    return `a text of at least ${item.minLength} characters`;
  if (item.pattern !== undefined && !new RegExp(`^(?:${item.pattern})$`).test(value))
    return `a text matching ${item.pattern}`;
  return null;
}

function list(values: readonly (string | number)[]): string {
  return values.map((v) => JSON.stringify(v)).join(', ');
}

function oneOf(value: unknown, allowed: readonly (string | number)[]): string | null {
  return allowed.includes(value as string | number) ? null : `one of ${list(allowed)}`;
}

function text(value: unknown, max: number): string | null {
  if (typeof value !== 'string' || value.trim() === '') return 'a non-empty text';
  return value.length <= max ? null : `a text of at most ${max} characters`;
}

function isPermutation(value: unknown, all: readonly (string | number)[]): boolean {
  if (!Array.isArray(value) || value.length !== all.length) return false;
  return new Set(value).size === all.length && value.every((v) => all.includes(v as string));
}

function subset(
  value: unknown,
  allowed: readonly (string | number)[],
  max?: number,
): string | null {
  const expected = `a list of distinct values from ${list(allowed)}${max ? `, at most ${max}` : ''}`;
  if (!Array.isArray(value) || value.length === 0) return expected;
  if (new Set(value).size !== value.length) return expected;
  if (max !== undefined && value.length > max) return expected;
  return value.every((v) => allowed.includes(v as string)) ? null : expected;
}
