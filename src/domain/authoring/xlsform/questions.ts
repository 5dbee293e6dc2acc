/**
 * One question row of an XLSForm as a Kring item, with a report note for every cell whose
 * meaning changed or that Kring has no place for. Answers a later row may name (in `relevant`,
 * `choice_filter` or `${…}` in a label) are registered as they are mapped, so a reference can
 * only point backwards, as in Kring's own format.
 */
import { MAX_SCALE_POINTS } from '../../survey-validate';
import { bothConditions } from '../../condition';
import type { Condition, LocalizedText } from '../../survey-schema';
import type { FormChoice } from './choices';
import {
  conditionOf,
  parseCondition,
  parseConstraint,
  type AnswerRef,
  type Constraint,
  type Reason,
  type ExpressionContext,
} from './expression';
import { note, type XlsFormNote, type XlsFormNoteCode } from './report';
import { cell, type FormRow } from './sheets';
import type { FormTexts } from './texts';
import { isQuestion, type RowType } from './types';

export type Draft = Record<string, unknown>;

/** What the mapping of a whole form shares. */
export class Mapping implements ExpressionContext {
  readonly refs = new Map<string, AnswerRef>();
  readonly ids = new Set<string>();
  readonly count = { questions: 0, brought: 0 };

  constructor(
    readonly texts: FormTexts,
    readonly lists: Map<string, FormChoice[]>,
    readonly externalLists: Map<string, FormChoice[]>,
    readonly report: XlsFormNote[],
  ) {}

  /** Rows that are no answer in Kring, by name: why a reference to one cannot be followed. */
  readonly absentNames = new Map<string, 'calculation' | 'device' | 'leftOut'>();

  answer(name: string): AnswerRef | undefined {
    return this.refs.get(name);
  }

  absent(name: string): 'calculation' | 'device' | 'leftOut' | undefined {
    return this.absentNames.get(name);
  }

  note(
    row: FormRow,
    code: XlsFormNoteCode,
    params?: Record<string, string | number>,
    column?: string,
  ) {
    this.report.push(note({ row: row.line, name: cell(row, 'name'), column }, code, params));
  }

  /** A Kring id for a name, unique in the form; a change is reported. */
  id(row: FormRow, fallback: string): string {
    const name = cell(row, 'name');
    const id = this.freshId(kringId(name || fallback));
    if (name && id !== name) this.note(row, 'idChanged', { id });
    return id;
  }

  /** An id not used yet in the form: `base`, else `base_2`, `base_3`… */
  freshId(base: string): string {
    let id = base;
    for (let n = 2; this.ids.has(id); n++) id = `${base.slice(0, 36)}_${n}`;
    this.ids.add(id);
    return id;
  }

  /**
   * A text of the row with `${name}` turned into a reference Kring fills in on the tablet. A
   * name Kring has no answer for is shown as "…" and reported once.
   */
  text(row: FormRow, base: string): LocalizedText {
    const text = this.texts.text(row, base);
    const reported = new Set<string>();
    for (const [language, value] of Object.entries(text)) {
      text[language] = value.replace(/\$\{\s*([^}\s]+)\s*\}/g, (written, name: string) => {
        const ref = this.refs.get(name);
        if (ref) return `\${${ref.key}}`;
        if (!reported.has(name)) {
          reported.add(name);
          const reason = this.absent(name) ?? 'notBefore';
          this.note(row, 'reference', { reason, detail: written }, this.texts.header(row, base));
        }
        return '…';
      });
    }
    return text;
  }

  /** A `relevant` (or any condition column) as a condition; undefined (and a note) when it cannot be. */
  condition(row: FormRow, column = 'relevant'): Condition | undefined {
    const expression = cell(row, column);
    if (!expression) return undefined;
    const parsed = parseCondition(expression, this);
    if (parsed.ok) return parsed.value;
    this.note(row, 'relevant', { expression, ...reasonOf(parsed) }, row.cells.get(column)?.header);
    return undefined;
  }
}

const reasonOf = (r: Reason) => ({ reason: r.reason, ...(r.detail ? { detail: r.detail } : {}) });

/** An XLSForm name as a Kring id (lower case, letters, digits and `_`, starting with a letter). */
export function kringId(name: string): string {
  const id = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^[^a-z]+/, '')
    .slice(0, 40)
    .replace(/_+$/, '');
  return /^[a-z][a-z0-9_]{0,39}$/.test(id)
    ? id
    : `q_${name.replace(/[^a-z0-9_]/gi, '')}`.slice(0, 40).replace(/_+$/, '') || 'q';
}

/** Columns the mapping reads (in their normal names, translations included). */
const READ = new Set([
  'type',
  'name',
  'label',
  'hint',
  'guidance_hint',
  'required',
  'required_message',
  'relevant',
  'constraint',
  'constraint_message',
  'appearance',
  'choice_filter',
]);
/** Appearances that only shape the layout, which Kring's own layout covers. */
const LAYOUT =
  /^(minimal|quick|quickcompact|horizontal|horizontal-compact|compact|columns|columns-pack|columns-\d+|no-buttons|likert|multiline|numbers|field-list|table-list|label|list-nolabel|list|w\d+|thousands-sep|autocomplete|search)$/;

/** Maps a question row; undefined when it has no Kring equivalent (the report says why). */
export function mapQuestion(
  row: FormRow,
  type: RowType,
  m: Mapping,
  inherited?: Condition,
): Draft | undefined {
  if (isQuestion(type)) m.count.questions++;
  const written = 'written' in type ? type.written : '';
  const name = cell(row, 'name');
  switch (type.kind) {
    case 'metadata':
      m.absentNames.set(name, 'device');
      m.note(row, 'metadata', { type: written });
      return undefined;
    case 'calculate':
      m.absentNames.set(name, 'calculation');
      m.note(row, 'calculate', { type: written });
      return undefined;
    case 'media':
      m.note(row, 'mediaType', { type: written });
      return undefined;
    case 'from_file':
      m.note(row, 'fromFile', { type: written });
      return undefined;
    case 'unknown':
      m.note(row, 'unsupportedType', { type: written });
      return undefined;
    default:
  }
  otherColumns(row, m, type.kind);
  const item = build(row, type, m);
  if (!item) {
    m.absentNames.set(name, 'leftOut');
    return undefined;
  }
  const showIf = bothConditions(inherited, m.condition(row));
  if (showIf) item.showIf = showIf;
  if (type.kind !== 'note') m.count.brought++;
  return item;
}

function build(row: FormRow, type: RowType, m: Mapping): Draft | undefined {
  const base = common(row, type, m);
  if (!base) return undefined;
  const id = base.id as string;
  const constraint = readConstraint(row, m);
  switch (type.kind) {
    case 'note':
      return { id, type: 'note', text: base.text, ...(base.help ? { help: base.help } : {}) };
    case 'select_one':
    case 'select_multiple':
    case 'rank':
      return choiceItem(row, type, base, constraint, m);
    case 'acknowledge':
      register(m, row, { key: id, numeric: false, value: (w) => (w === 'OK' ? 'OK' : undefined) });
      return { ...base, type: 'single-choice', options: [{ id: 'OK', text: m.texts.word('ok') }] };
    case 'text': {
      register(m, row, { key: id, numeric: false, value: (w) => String(w) });
      const { pattern, minLength, maxLength } = constraint ?? {};
      unused(row, m, constraint, ['pattern', 'minLength', 'maxLength']);
      return {
        ...base,
        type: 'open-text',
        multiline: /\bmultiline\b/.test(cell(row, 'appearance')),
        ...(maxLength !== undefined ? { maxLength: Math.min(10000, Math.max(1, maxLength)) } : {}),
        ...(minLength !== undefined && minLength > 0 ? { minLength } : {}),
        ...(pattern !== undefined ? { pattern } : {}),
        ...constraintMessage(row, m, constraint),
      };
    }
    case 'integer':
    case 'decimal': {
      register(m, row, { key: id, numeric: true, value: numeric });
      const decimals = type.kind === 'integer' ? 0 : 6;
      unused(row, m, constraint, ['min', 'max', 'minExclusive', 'maxExclusive']);
      return {
        ...base,
        type: 'number',
        decimals,
        ...bounds(constraint, decimals),
        ...constraintMessage(row, m, constraint),
      };
    }
    case 'range':
      register(m, row, { key: id, numeric: true, value: numeric });
      return rangeItem(row, base, m);
    case 'date': {
      register(m, row, { key: id, numeric: false, value: (w) => String(w) });
      unused(row, m, constraint, []);
      const mode = /^time$/i.test(type.written)
        ? 'time'
        : /^datetime$/i.test(type.written)
          ? 'datetime'
          : 'date';
      return { ...base, type: 'date', mode };
    }
    default:
      return undefined;
  }
}

/** Id, text, help, required and its message: what every item has. */
function common(row: FormRow, type: RowType, m: Mapping): Draft | undefined {
  const id = m.id(row, `${type.kind}_${row.line}`);
  let text = m.text(row, 'label');
  let help: LocalizedText | undefined = m.text(row, 'hint');
  const guidance = m.text(row, 'guidance_hint');
  if (Object.keys(text).length === 0) {
    if (type.kind === 'note' && Object.keys(help).length === 0) {
      m.note(row, 'noteEmpty');
      return undefined;
    }
    const name = cell(row, 'name');
    text =
      Object.keys(help).length > 0
        ? help
        : Object.fromEntries(m.texts.languages.map((l) => [l, name || id]));
    if (text === help) help = undefined;
    m.note(row, 'noLabel');
  }
  if (Object.keys(guidance).length > 0) {
    if (!help || Object.keys(help).length === 0) {
      help = guidance;
      m.note(row, 'guidanceAsHelp', undefined, m.texts.header(row, 'guidance_hint'));
    } else m.note(row, 'guidanceHint', undefined, m.texts.header(row, 'guidance_hint'));
  }
  const draft: Draft = { id, text };
  if (help && Object.keys(help).length > 0) draft.help = help;
  if (type.kind === 'note') return draft;
  const required = cell(row, 'required');
  if (/^(yes|true|true\(\)|1)$/i.test(required)) {
    draft.required = true;
    const message = m.text(row, 'required_message');
    if (Object.keys(message).length > 0) draft.requiredMessage = message;
  } else if (required && !/^(no|false|false\(\)|0)$/i.test(required)) {
    m.note(row, 'requiredExpression', { expression: required }, row.cells.get('required')?.header);
  }
  return draft;
}

function choiceItem(
  row: FormRow,
  type: Extract<RowType, { list: string }>,
  base: Draft,
  constraint: Constraint | undefined,
  m: Mapping,
): Draft | undefined {
  const id = base.id as string;
  const choices = (type.external ? m.externalLists : m.lists).get(type.list) ?? [];
  if (choices.length === 0) {
    m.note(row, 'listMissing', { list: type.list });
    return undefined;
  }
  if (type.kind === 'rank' && choices.length < 2) {
    m.note(row, 'rankTooFew', { list: type.list });
    return undefined;
  }
  const filters = optionConditions(row, choices, m);
  const options = choices.map((c, i) => ({
    id: c.code,
    text: c.text,
    ...(filters?.[i] ? { showIf: filters[i] } : {}),
  }));
  if (type.kind === 'rank') {
    unused(row, m, constraint, []);
    return {
      ...base,
      type: 'ranking',
      options: options.map(({ id: o, text }) => ({ id: o, text })),
    };
  }
  let other = type.other;
  if (other && choices.some((c) => c.code === 'other')) {
    m.note(row, 'otherClash', { list: type.list });
    other = false;
  }
  register(m, row, {
    key: id,
    numeric: false,
    value: (w) =>
      choices.find((c) => c.name === String(w))?.code ??
      (other && w === 'other' ? 'other' : undefined),
  });
  const multiple = type.kind === 'select_multiple';
  unused(row, m, constraint, multiple ? ['maxSelected'] : []);
  const maxSelected = multiple ? constraint?.maxSelected : undefined;
  return {
    ...base,
    type: multiple ? 'multiple-choice' : 'single-choice',
    options,
    ...(other ? { other: { text: m.texts.word('other') } } : {}),
    ...(maxSelected !== undefined && maxSelected >= 1 ? { maxSelected } : {}),
  };
}

/** A `choice_filter` as a condition per option; undefined (and a note) when it cannot be read. */
function optionConditions(
  row: FormRow,
  choices: FormChoice[],
  m: Mapping,
): (Condition | undefined)[] | undefined {
  const expression = cell(row, 'choice_filter');
  if (!expression) return undefined;
  const conditions: Condition[] = [];
  const filter = conditionOf(expression); // read once, turned into a condition per choice
  for (const choice of choices) {
    const parsed = filter({
      answer: (name) => m.answer(name),
      absent: (name) => m.absent(name),
      column: (name) => (name === 'name' ? choice.name : cell(choice.row, name.toLowerCase())),
    });
    if (!parsed.ok) {
      m.note(
        row,
        'choiceFilter',
        { expression, ...reasonOf(parsed) },
        row.cells.get('choice_filter')?.header,
      );
      return undefined;
    }
    conditions.push(parsed.value);
  }
  return conditions;
}

function rangeItem(row: FormRow, base: Draft, m: Mapping): Draft {
  const parameters = cell(row, 'parameters');
  const read = (key: string, fallback: number) => {
    const found = new RegExp(`\\b${key}\\s*=\\s*(-?[0-9.]+)`, 'i').exec(parameters)?.[1];
    return found === undefined || !Number.isFinite(Number(found)) ? fallback : Number(found);
  };
  const start = read('start', 1);
  const end = read('end', 10);
  const step = Math.abs(read('step', 1)) || 1;
  const [min, max] = start <= end ? [start, end] : [end, start];
  const points = (max - min) / step + 1;
  const whole = [min, max, step].every(Number.isInteger) && Number.isInteger(points);
  if (whole && start < end && points <= MAX_SCALE_POINTS)
    return { ...base, type: 'numeric-scale', min, max, ...(step !== 1 ? { step } : {}) };
  const decimals = Number.isInteger(step)
    ? 0
    : Math.min(6, String(step).split('.')[1]?.length ?? 0);
  m.note(row, 'rangeAsNumber', { min, max, step, points: MAX_SCALE_POINTS });
  return { ...base, type: 'number', min, max, decimals };
}

function readConstraint(row: FormRow, m: Mapping): Constraint | undefined {
  const expression = cell(row, 'constraint');
  if (!expression) return undefined;
  const parsed = parseConstraint(expression);
  if (parsed.ok) return parsed.value;
  m.note(
    row,
    'constraint',
    { expression, ...reasonOf(parsed) },
    row.cells.get('constraint')?.header,
  );
  return undefined;
}

/** A constraint's parts this item cannot hold are reported, never dropped silently. */
function unused(
  row: FormRow,
  m: Mapping,
  constraint: Constraint | undefined,
  usable: (keyof Constraint)[],
) {
  if (!constraint) return;
  const left = Object.keys(constraint).filter((k) => !usable.includes(k as keyof Constraint));
  if (left.length > 0)
    m.note(
      row,
      'constraint',
      {
        expression: cell(row, 'constraint'),
        reason: 'notFit',
        detail: cell(row, 'type'),
      },
      row.cells.get('constraint')?.header,
    );
}

function constraintMessage(row: FormRow, m: Mapping, constraint: Constraint | undefined): Draft {
  const message = m.text(row, 'constraint_message');
  return constraint && Object.keys(message).length > 0 ? { constraintMessage: message } : {};
}

/** A number's bounds; `> 3` is `>= 4` for whole numbers and the next decimal step otherwise. */
function bounds(constraint: Constraint | undefined, decimals: number): Draft {
  if (!constraint) return {};
  const unit = 10 ** -decimals;
  const result: Draft = {};
  if (constraint.min !== undefined)
    result.min = constraint.min + (constraint.minExclusive ? unit : 0);
  if (constraint.max !== undefined)
    result.max = constraint.max - (constraint.maxExclusive ? unit : 0);
  if (decimals === 0) {
    if (typeof result.min === 'number') result.min = Math.ceil(result.min);
    if (typeof result.max === 'number') result.max = Math.floor(result.max);
  }
  return result;
}

function numeric(written: string | number): number | undefined {
  const n = typeof written === 'number' ? written : Number(written);
  return written !== '' && Number.isFinite(n) ? n : undefined;
}

function register(m: Mapping, row: FormRow, ref: AnswerRef) {
  const name = cell(row, 'name');
  if (name) m.refs.set(name, ref);
}

/**
 * A row that became a Likert statement keeps its label; its condition and requirement are the
 * block's. Anything else it has is reported.
 */
export function statementColumns(row: FormRow, m: Mapping): void {
  otherColumns(row, m, 'select_one');
  for (const column of ['hint', 'guidance_hint', 'constraint'])
    if (m.texts.has(row, column) || cell(row, column))
      m.note(
        row,
        'column',
        { value: (Object.values(m.texts.text(row, column))[0] ?? cell(row, column)).slice(0, 80) },
        m.texts.header(row, column),
      );
}

/** A group's row: its label, condition and layout are read; anything else is reported. */
export function groupColumns(row: FormRow, m: Mapping): void {
  otherColumns(row, m, 'begin');
  for (const column of ['hint', 'guidance_hint'])
    if (m.texts.has(row, column))
      m.note(
        row,
        'column',
        { value: (Object.values(m.texts.text(row, column))[0] ?? '').slice(0, 80) },
        m.texts.header(row, column),
      );
}

/** Cells the mapping has no use for, reported one by one: media, read_only, calculations, … */
function otherColumns(row: FormRow, m: Mapping, kind: RowType['kind']) {
  for (const [column, { value, header }] of row.cells) {
    const base = column.split('::')[0]!;
    if (base === 'appearance') {
      const odd = value.split(/\s+/).filter((a) => !LAYOUT.test(a.replace(/\(.*$/, '')));
      if (odd.length > 0) m.note(row, 'appearance', { value: odd.join(' ') }, header);
      continue;
    }
    if (base === 'default') {
      m.note(row, 'default', { value }, header);
      continue;
    }
    if (base === 'parameters' && kind === 'range') continue;
    if (READ.has(base) || /^(no|false|false\(\))$/i.test(value)) continue;
    m.note(row, 'column', { value: value.slice(0, 80) }, header);
  }
}
