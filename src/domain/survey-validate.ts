/**
 * Validates a survey definition from any entry point (bundled file, loaded file, the network).
 * Every problem is reported as a path into the document, what was expected there and what was
 * found, so a researcher can fix a hand-written file without reading code.
 */
import * as v from 'valibot';
import { answerKeys, checkAnswer, OTHER_OPTION } from './answers';
import { localizedTexts } from './localized-texts';
import type { Condition, Item, Survey } from './survey-schema';
import { SURVEY_FORMAT_VERSION, SurveySchema } from './survey-schema';

export interface ValidationIssue {
  /** Where, e.g. `sections[1].items[0].scale.max`; empty for the whole document. */
  path: string;
  /** What was expected there, in words. */
  expected: string;
  /** What was found, when that helps. */
  received?: string;
}

export type ValidationResult =
  { ok: true; survey: Survey } | { ok: false; issues: ValidationIssue[] };

/** Largest span of a rating or numeric scale: one button per point must fit a tablet row. */
export const MAX_SCALE_POINTS = 11;

/** Validates a definition given as JSON text or as an already parsed value. */
export function validateSurvey(input: unknown): ValidationResult {
  let data = input;
  if (typeof input === 'string') {
    try {
      data = JSON.parse(input);
    } catch (error) {
      return fail({ path: '', expected: 'valid JSON', received: (error as Error).message });
    }
  }
  const version = versionIssue(data);
  if (version) return fail(version);
  const parsed = v.safeParse(SurveySchema, data);
  if (!parsed.success) return { ok: false, issues: parsed.issues.map(fromValibot) };
  const issues = [...documentIssues(parsed.output)];
  return issues.length > 0 ? { ok: false, issues } : { ok: true, survey: parsed.output };
}

/** One line per issue, in English (the CLI; the UI formats issues through i18n). */
export function formatIssue(issue: ValidationIssue): string {
  const where = issue.path === '' ? '(document)' : issue.path;
  const found = issue.received === undefined ? '' : `, received ${issue.received}`;
  return `${where}: expected ${issue.expected}${found}`;
}

function fail(issue: ValidationIssue): ValidationResult {
  return { ok: false, issues: [issue] };
}

function versionIssue(data: unknown): ValidationIssue | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { path: '', expected: 'a survey definition object', received: describe(data) };
  }
  const version = (data as { formatVersion?: unknown }).formatVersion;
  if (typeof version === 'number' && version > SURVEY_FORMAT_VERSION) {
    return {
      path: 'formatVersion',
      expected: `${SURVEY_FORMAT_VERSION} or lower (this file was made by a newer Kring: update Kring to open it)`,
      received: String(version),
    };
  }
  return undefined;
}

type AnyIssue = v.BaseIssue<unknown>;

function fromValibot(issue: AnyIssue): ValidationIssue {
  const path = formatPath((issue.path ?? []).map((p) => p.key as string | number));
  if (issue.expected === 'never') {
    return { path, expected: 'no such field (check its spelling)', received: issue.received };
  }
  if (issue.received === 'undefined' && /^"[^"]+"$/.test(issue.expected ?? '')) {
    return { path, expected: `the field ${issue.expected}`, received: 'nothing (it is missing)' };
  }
  if (issue.type === 'min_length' || issue.type === 'max_length') {
    const unit = typeof issue.input === 'string' ? 'characters' : 'entries';
    return { path, expected: issue.message, received: `${issue.received} ${unit}` };
  }
  if (issue.kind === 'validation') {
    return { path, expected: issue.message, received: issue.received };
  }
  const expected = issue.expected === 'Object' ? 'an object' : (issue.expected ?? issue.message);
  return { path, expected, received: issue.received };
}

function formatPath(keys: readonly (string | number)[]): string {
  return keys
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? key : `.${key}`))
    .join('');
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? JSON.stringify(value) : typeof value;
}

/** The rules that span the document. */
function* documentIssues(survey: Survey): Generator<ValidationIssue> {
  yield* duplicates(survey.languages, 'languages');
  for (const { path, text } of localizedTexts(survey)) {
    for (const lang of survey.languages) {
      if (text[lang] === undefined) yield { path, expected: `a text in "${lang}"` };
    }
  }
  yield* duplicates(
    survey.sections.map((s) => s.id),
    'sections',
    'id',
  );
  const itemIds = survey.sections.flatMap((s, si) =>
    s.items.map((item, ii) => ({ id: item.id, path: `sections[${si}].items[${ii}].id` })),
  );
  const seen = new Set<string>();
  for (const { id, path } of itemIds) {
    if (seen.has(id))
      yield { path, expected: 'an item id used once in the survey', received: `"${id}"` };
    seen.add(id);
  }
  const earlier = new Map<string, Item>();
  for (const [si, section] of survey.sections.entries()) {
    const at = `sections[${si}]`;
    if (section.showIf) yield* conditionIssues(section.showIf, earlier, `${at}.showIf`);
    const sectionKeys = new Map<string, Item>();
    for (const [ii, item] of section.items.entries()) {
      const itemAt = `${at}.items[${ii}]`;
      if (item.showIf) {
        yield* conditionIssues(
          item.showIf,
          new Map([...earlier, ...sectionKeys]),
          `${itemAt}.showIf`,
        );
      }
      yield* itemIssues(item, itemAt);
      for (const key of answerKeys(item)) sectionKeys.set(key, item);
    }
    for (const [key, item] of sectionKeys) earlier.set(key, item);
  }
}

function* conditionIssues(
  condition: Condition,
  earlier: Map<string, Item>,
  path: string,
): Generator<ValidationIssue> {
  const source = earlier.get(condition.answer);
  if (!source) {
    yield {
      path: `${path}.answer`,
      expected: 'the answer key of an earlier item (e.g. "profile.role")',
      received: JSON.stringify(condition.answer),
    };
    return;
  }
  for (const [n, value] of condition.anyOf.entries()) {
    // A list answer (multiple choice, ranking) matches when it contains the value.
    const probe = Array.isArray(allowedShape(source, condition.answer)) ? [value] : value;
    const problem = source.type === 'ranking' ? null : checkAnswer(source, condition.answer, probe);
    if (problem)
      yield { path: `${path}.anyOf[${n}]`, expected: problem, received: JSON.stringify(value) };
  }
}

function allowedShape(item: Item, key: string): unknown {
  return item.type === 'multiple-choice' && key === item.id ? [] : undefined;
}

function* itemIssues(item: Item, at: string): Generator<ValidationIssue> {
  switch (item.type) {
    case 'rating-matrix':
      yield* duplicates(
        item.rows.map((r) => r.id),
        `${at}.rows`,
        'id',
      );
      yield* scaleIssues(item.scale.min, item.scale.max, `${at}.scale`);
      break;
    case 'likert': {
      yield* duplicates(
        item.scale.map((p) => p.code),
        `${at}.scale`,
        'code',
      );
      yield* duplicates(
        item.statements.map((s) => s.id),
        `${at}.statements`,
        'id',
      );
      const code = item.noOpinion?.code;
      if (code !== undefined && item.scale.some((p) => p.code === code)) {
        yield {
          path: `${at}.noOpinion.code`,
          expected: 'a code not used by the scale',
          received: String(code),
        };
      }
      break;
    }
    case 'single-choice':
    case 'multiple-choice':
      yield* duplicates(
        item.options.map((o) => o.id),
        `${at}.options`,
        'id',
      );
      if (item.other) {
        const clash = item.options.findIndex((o) => o.id === OTHER_OPTION);
        if (clash >= 0) {
          yield {
            path: `${at}.options[${clash}].id`,
            expected: `an id other than "${OTHER_OPTION}" (reserved for "other, namely …")`,
            received: `"${OTHER_OPTION}"`,
          };
        }
      }
      if (item.type === 'multiple-choice' && item.maxSelected !== undefined) {
        const count = item.options.length + (item.other ? 1 : 0);
        if (item.maxSelected > count) {
          yield {
            path: `${at}.maxSelected`,
            expected: `at most the number of options (${count})`,
            received: String(item.maxSelected),
          };
        }
      }
      break;
    case 'ranking':
      yield* duplicates(
        item.options.map((o) => o.id),
        `${at}.options`,
        'id',
      );
      break;
    case 'numeric-scale':
      yield* scaleIssues(item.min, item.max, at);
      break;
    case 'profile':
      yield* duplicates(
        item.roles.map((r) => r.id),
        `${at}.roles`,
        'id',
      );
      if (item.schools)
        yield* duplicates(
          item.schools.map((s) => s.id),
          `${at}.schools`,
          'id',
        );
      break;
    case 'open-text':
      break;
  }
}

function* scaleIssues(min: number, max: number, at: string): Generator<ValidationIssue> {
  if (max <= min) {
    yield {
      path: `${at}.max`,
      expected: `a number greater than min (${min})`,
      received: String(max),
    };
  } else if (max - min + 1 > MAX_SCALE_POINTS) {
    yield {
      path: `${at}.max`,
      expected: `at most ${MAX_SCALE_POINTS} scale points (max ≤ ${min + MAX_SCALE_POINTS - 1})`,
      received: String(max),
    };
  }
}

function* duplicates(
  values: readonly (string | number)[],
  listPath: string,
  field?: string,
): Generator<ValidationIssue> {
  const seen = new Set<string | number>();
  for (const [n, value] of values.entries()) {
    if (seen.has(value)) {
      yield {
        path: `${listPath}[${n}]${field ? `.${field}` : ''}`,
        expected: 'a value not used earlier in this list',
        received: JSON.stringify(value),
      };
    }
    seen.add(value);
  }
}
