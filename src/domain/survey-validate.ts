/**
 * Validates a survey definition from any entry point (bundled file, loaded file, the network).
 * Every problem is reported as a path into the document, what was expected there (an issue
 * code, worded per language) and what was found, so a researcher can fix a hand-written file
 * without reading code. Rules that span the document run once its structure is valid.
 */
import * as v from 'valibot';
import { allowedValues, answerKeys, OTHER_OPTION } from './answers';
import { localizedTexts } from './localized-texts';
import type { Condition, Item, Survey } from './survey-schema';
import { SURVEY_FORMAT_VERSION, SurveySchema } from './survey-schema';
import { isIssueCode, type ValidationIssue } from './validation-issues';

export { formatIssue, type ValidationIssue } from './validation-issues';

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
      const message = (error as Error).message;
      const at = jsonErrorPlace(input, message);
      return fail({
        path: '',
        code: at ? 'jsonAt' : 'json',
        ...(at ? { params: at } : {}),
        received: message,
      });
    }
  }
  const version = versionIssue(data);
  if (version) return fail(version);
  const parsed = v.safeParse(SurveySchema, data);
  if (!parsed.success) return { ok: false, issues: parsed.issues.map(fromValibot) };
  const issues = [...documentIssues(parsed.output)];
  return issues.length > 0 ? { ok: false, issues } : { ok: true, survey: parsed.output };
}

function fail(issue: ValidationIssue): ValidationResult {
  return { ok: false, issues: [issue] };
}

function versionIssue(data: unknown): ValidationIssue | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { path: '', code: 'notObject', received: describe(data) };
  }
  const version = (data as { formatVersion?: unknown }).formatVersion;
  if (typeof version === 'number' && version > SURVEY_FORMAT_VERSION) {
    return {
      path: 'formatVersion',
      code: 'newerFormat',
      params: { max: SURVEY_FORMAT_VERSION },
      received: String(version),
    };
  }
  return undefined;
}

type AnyIssue = v.BaseIssue<unknown>;

function fromValibot(issue: AnyIssue): ValidationIssue {
  const path = formatPath((issue.path ?? []).map((p) => p.key as string | number));
  const { expected, received } = issue;
  if (expected === 'never') return { path, code: 'unknownField', received };
  if (received === 'undefined' && expected && /^"[^"]+"$/.test(expected)) {
    return { path, code: 'missingField', params: { field: expected.slice(1, -1) } };
  }
  if (issue.kind === 'validation' && isIssueCode(issue.message)) {
    const requirement = (issue as { requirement?: unknown }).requirement;
    switch (issue.message) {
      case 'text':
        return { path, code: 'text' };
      case 'minEntries':
      case 'atLeast':
        return { path, code: issue.message, params: { min: Number(requirement) }, received };
      case 'atMost':
        return { path, code: 'atMost', params: { max: Number(requirement) }, received };
      default:
        return { path, code: issue.message, received };
    }
  }
  return {
    path,
    code: 'type',
    params: { expected: expected === 'Object' ? 'object' : (expected ?? 'a value') },
    received,
  };
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
      if (text[lang] === undefined) yield { path, code: 'translation', params: { lang } };
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
    if (seen.has(id)) yield { path, code: 'duplicateItemId', received: `"${id}"` };
    seen.add(id);
  }
  const earlier = new Map<string, Item>();
  for (const [si, section] of survey.sections.entries()) {
    const at = `sections[${si}]`;
    if (section.showIf) yield* conditionIssues(section.showIf, earlier, `${at}.showIf`);
    const sectionKeys = new Map<string, Item>();
    for (const [ii, item] of section.items.entries()) {
      const itemAt = `${at}.items[${ii}]`;
      const before = new Map([...earlier, ...sectionKeys]);
      if (item.showIf) yield* conditionIssues(item.showIf, before, `${itemAt}.showIf`);
      if (item.type === 'single-choice' || item.type === 'multiple-choice')
        for (const [oi, option] of item.options.entries())
          if (option.showIf)
            yield* conditionIssues(option.showIf, before, `${itemAt}.options[${oi}].showIf`);
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
  if ('all' in condition || 'any' in condition) {
    const [field, parts] = 'all' in condition ? ['all', condition.all] : ['any', condition.any];
    for (const [n, part] of parts.entries())
      yield* conditionIssues(part, earlier, `${path}.${field}[${n}]`);
    return;
  }
  if ('not' in condition) {
    yield* conditionIssues(condition.not, earlier, `${path}.not`);
    return;
  }
  const source = earlier.get(condition.answer);
  if (!source) {
    yield {
      path: `${path}.answer`,
      code: 'conditionSource',
      received: JSON.stringify(condition.answer),
    };
    return;
  }
  if (!('anyOf' in condition)) return;
  // A value must be one the answer can take (or contain, for lists); free text takes any text.
  const allowed = allowedValues(source, condition.answer);
  for (const [n, value] of condition.anyOf.entries()) {
    const at = `${path}.anyOf[${n}]`;
    if (allowed && !allowed.includes(value)) {
      const values = allowed.map((a) => JSON.stringify(a)).join(', ');
      yield { path: at, code: 'oneOf', params: { values }, received: JSON.stringify(value) };
    } else if (!allowed && (typeof value !== 'string' || value.trim() === '')) {
      yield { path: at, code: 'text', received: JSON.stringify(value) };
    }
  }
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
          code: 'noOpinionCode',
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
            code: 'reservedOther',
            received: `"${OTHER_OPTION}"`,
          };
        }
      }
      if (item.type === 'multiple-choice' && item.maxSelected !== undefined) {
        const count = item.options.length + (item.other ? 1 : 0);
        if (item.maxSelected > count) {
          yield {
            path: `${at}.maxSelected`,
            code: 'maxSelected',
            params: { count },
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
    case 'numeric-scale': {
      const step = item.step ?? 1;
      if ((item.max - item.min) % step !== 0)
        yield { path: `${at}.step`, code: 'scaleStep', received: String(step) };
      else if (step === 1) yield* scaleIssues(item.min, item.max, at);
      else if (item.max > item.min && (item.max - item.min) / step + 1 > MAX_SCALE_POINTS)
        yield {
          path: `${at}.step`,
          code: 'scaleLength',
          params: { points: MAX_SCALE_POINTS, max: item.min + (MAX_SCALE_POINTS - 1) * step },
          received: String(step),
        };
      else yield* scaleIssues(item.min, item.max, at);
      break;
    }
    case 'number':
      if (item.min !== undefined && item.max !== undefined && item.max < item.min)
        yield {
          path: `${at}.max`,
          code: 'scaleOrder',
          params: { min: item.min },
          received: String(item.max),
        };
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
    case 'date':
    case 'note':
      break;
  }
}

function* scaleIssues(min: number, max: number, at: string): Generator<ValidationIssue> {
  if (max <= min) {
    yield {
      path: `${at}.max`,
      code: 'scaleOrder',
      params: { min },
      received: String(max),
    };
  } else if (max - min + 1 > MAX_SCALE_POINTS) {
    yield {
      path: `${at}.max`,
      code: 'scaleLength',
      params: { points: MAX_SCALE_POINTS, max: min + MAX_SCALE_POINTS - 1 },
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
        code: 'duplicate',
        received: JSON.stringify(value),
      };
    }
    seen.add(value);
  }
}

/**
 * The line and column of a JSON syntax error, from the parser's message: Chromium and Node give
 * the position, Firefox the line and column; WebKit neither (then there is none).
 */
export function jsonErrorPlace(
  text: string,
  message: string,
): { line: number; column: number } | undefined {
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const position = /position (\d+)/.exec(message);
  if (!position) return undefined;
  const before = text.slice(0, Number(position[1]));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}
