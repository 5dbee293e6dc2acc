/**
 * XLSForm (ODK, KoboToolbox) to a Kring survey definition, for the types that map: select_one,
 * select_multiple, rank, text, integer with a range, range, groups (a group is a section; a group
 * with the `likert` or `table-list` appearance is a Likert block), `label::<language>` columns,
 * `required`, and simple `relevant` expressions. Everything else is listed in the report with the
 * row and the reason, never dropped silently. Works on the sheets as rows of cells (the reading
 * of the .xlsx file is elsewhere), so it is pure and testable on rows written in a test.
 */

export type SheetRow = Record<string, string>;

export interface XlsForm {
  survey: SheetRow[];
  choices: SheetRow[];
  settings: SheetRow[];
}

export type XlsFormNoteCode =
  | 'note'
  | 'integerNoRange'
  | 'scaleTooWide'
  | 'relevant'
  | 'unsupportedType'
  | 'groupNotClosed'
  | 'intro';

export interface XlsFormNote {
  /** The row of the `survey` sheet (2 = the first row under the header; 0 = the whole form). */
  row: number;
  name: string;
  code: XlsFormNoteCode;
  params?: Record<string, string | number>;
}

/** The note in words (English; the UI words the codes itself). */
export function xlsFormNoteText(note: XlsFormNote): string {
  const p = note.params ?? {};
  switch (note.code) {
    case 'note':
      return 'a note is not a question: its text is not brought over';
    case 'integerNoRange':
      return 'integer without a range in its constraint: Kring asks numbers on a scale';
    case 'scaleTooWide':
      return `a scale of ${p.points} points: Kring shows at most ${p.max} buttons`;
    case 'relevant':
      return `"relevant" not understood, left out: ${p.expression}`;
    case 'unsupportedType':
      return `type "${p.type}" has no Kring equivalent`;
    case 'groupNotClosed':
      return 'Likert group not closed';
    case 'intro':
      return 'XLSForm has no introduction and consent texts: write them before publishing';
  }
}

export interface XlsFormImport {
  /** A definition in the survey format, to be checked by validateSurvey like any file. */
  definition: Record<string, unknown>;
  /** What was not brought over, or brought over with a change. */
  report: XlsFormNote[];
}

import { MAX_SCALE_POINTS } from '../survey-validate';

type Text = Record<string, string>;
type Choice = { id: string; text: Text };

const ID = /^[a-z][a-z0-9_]{0,39}$/;
const NO_OPINION = /geen mening|geen zicht|no opinion|don.?t know|weet (het )?niet|n\/a/i;

/** An XLSForm name as a Kring id (lower case, letters, digits and `_`, starting with a letter). */
export function kringId(name: string): string {
  const id = name
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^[^a-z]+/, '')
    .slice(0, 40)
    .replace(/_+$/, '');
  return ID.test(id) ? id : `q_${id}`.slice(0, 40);
}

/** The languages of the label columns: `label::Nederlands (nl)`, `label::nl`, or plain `label`. */
export function labelLanguages(header: string[], fallback: string): Map<string, string> {
  const columns = new Map<string, string>();
  for (const column of header) {
    const match = /^label(?:::(.+))?$/.exec(column.trim());
    if (!match) continue;
    const lang = match[1]
      ? (/\(([a-z]{2,3})\)/i.exec(match[1])?.[1] ?? match[1]).toLowerCase()
      : fallback;
    if (/^[a-z]{2,3}$/.test(lang)) columns.set(column, lang);
  }
  return columns;
}

export function fromXlsForm(form: XlsForm): XlsFormImport {
  const settings = form.settings[0] ?? {};
  const header = [...new Set([...form.survey, ...form.choices].flatMap((r) => Object.keys(r)))];
  const fallback = (settings.default_language ?? '').match(/\(([a-z]{2,3})\)/i)?.[1] ?? 'en';
  const languages = labelLanguages(header, fallback.toLowerCase());
  const langs = [...new Set(languages.values())];
  const text = (row: SheetRow, prefix = 'label'): Text => {
    const result: Text = {};
    for (const [column, lang] of languages)
      if (column.startsWith(prefix) && row[column]?.trim()) result[lang] = row[column].trim();
    return result;
  };
  const placeholder = (value: string): Text => Object.fromEntries(langs.map((l) => [l, value]));
  const report: XlsFormNote[] = [];

  const lists = new Map<string, Choice[]>();
  for (const row of form.choices) {
    const list = row.list_name?.trim();
    if (!list || !row.name) continue;
    lists.set(list, [...(lists.get(list) ?? []), { id: row.name.trim(), text: text(row) }]);
  }

  const sections: Record<string, unknown>[] = [];
  let section: Record<string, unknown> & { items: Record<string, unknown>[] } = newSection(
    'deel',
    placeholder('Vragen'),
  );
  let likert: (Record<string, unknown> & { statements: Choice[] }) | undefined;
  const flush = () => {
    if (section.items.length > 0) sections.push(section);
  };

  for (const [index, row] of form.survey.entries()) {
    const line = index + 2;
    const [kind = '', list = '', extra = ''] = (row.type ?? '').trim().split(/\s+/);
    const name = row.name?.trim() ?? '';
    const note = (code: XlsFormNoteCode, params?: Record<string, string | number>) =>
      report.push({ row: line, name, code, ...(params ? { params } : {}) });
    if (!kind) continue;
    if (kind === 'begin_group' || (kind === 'begin' && list === 'group')) {
      const appearance = row.appearance ?? '';
      if (/likert|table-list/.test(appearance)) {
        likert = {
          id: kringId(name || `groep_${line}`),
          type: 'likert',
          text: text(row),
          statements: [],
        };
      } else {
        flush();
        section = newSection(kringId(name || `deel_${line}`), text(row));
      }
      continue;
    }
    if (kind === 'end_group' || (kind === 'end' && list === 'group')) {
      if (likert) {
        if (likert.statements.length > 0) section.items.push(likert);
        likert = undefined;
      } else {
        flush();
        section = newSection(`deel_${line}`, placeholder('Vragen'));
      }
      continue;
    }
    const base: Record<string, unknown> = { id: kringId(name), text: text(row) };
    if (/^(yes|true|true\(\))$/i.test(row.required?.trim() ?? '')) base.required = true;
    const relevant = row.relevant?.trim();
    if (relevant) {
      const condition = parseRelevant(relevant);
      if (condition) base.showIf = condition;
      else note('relevant', { expression: relevant });
    }
    const choices = lists.get(list) ?? [];
    if (likert && kind === 'select_one') {
      if (!likert.scale) Object.assign(likert, likertScale(choices));
      likert.statements.push({ id: kringId(name), text: text(row) });
      continue;
    }
    switch (kind) {
      case 'select_one':
      case 'select_multiple': {
        const other = extra === 'or_other';
        section.items.push({
          ...base,
          type: kind === 'select_one' ? 'single-choice' : 'multiple-choice',
          options: choices.map((c) => ({ id: kringId(c.id), text: c.text })),
          ...(other ? { other: { text: placeholder('Other') } } : {}),
        });
        break;
      }
      case 'rank':
        section.items.push({
          ...base,
          type: 'ranking',
          options: choices.map((c) => ({ id: kringId(c.id), text: c.text })),
        });
        break;
      case 'text':
        section.items.push({ ...base, type: 'open-text' });
        break;
      case 'range':
      case 'integer': {
        const bounds =
          kind === 'range' ? rangeOf(row.parameters ?? '') : constraintRange(row.constraint ?? '');
        const points = bounds ? bounds[1] - bounds[0] + 1 : 0;
        if (!bounds) note('integerNoRange');
        else if (points > MAX_SCALE_POINTS) note('scaleTooWide', { points, max: MAX_SCALE_POINTS });
        else section.items.push({ ...base, type: 'numeric-scale', min: bounds[0], max: bounds[1] });
        break;
      }
      case 'note':
        note('note');
        break;
      default:
        note('unsupportedType', { type: kind });
    }
  }
  if (likert)
    report.push({
      row: form.survey.length + 1,
      name: String(likert.id),
      code: 'groupNotClosed',
    });
  flush();

  const title = placeholder(settings.form_title?.trim() || 'Vragenlijst');
  report.push({
    row: 0,
    name: 'intro',
    code: 'intro',
  });
  return {
    definition: {
      format: 'kring-survey',
      formatVersion: 1,
      id: kringId(settings.form_id || 'xlsform'),
      version: Math.max(1, Math.floor(Number(settings.version) || 1)),
      languages: langs,
      title,
      intro: Object.fromEntries(
        ['title', 'purpose', 'whoSees', 'anonymity', 'howToStop', 'consent'].map((k) => [
          k,
          placeholder('…'),
        ]),
      ),
      sections,
    },
    report,
  };
}

function newSection(id: string, title: Text) {
  return { id, title, items: [] as Record<string, unknown>[] };
}

/** A Likert scale from a choice list: numeric names keep their codes; "no opinion" stands apart. */
function likertScale(choices: Choice[]): Record<string, unknown> {
  const numeric = choices.every((c) => /^-?\d+$/.test(c.id));
  const coded = choices.map((c, i) => ({ code: numeric ? Number(c.id) : i + 1, text: c.text }));
  const noOpinionAt = coded.findIndex((c, i) =>
    NO_OPINION.test(Object.values(choices[i]!.text).join(' ')),
  );
  if (noOpinionAt === -1) return { scale: coded };
  return { scale: coded.filter((_, i) => i !== noOpinionAt), noOpinion: coded[noOpinionAt] };
}

/** `${name} = 'value'`, `selected(${name}, 'value')`, joined by `or`, on one answer. */
export function parseRelevant(
  expression: string,
): { answer: string; anyOf: (string | number)[] } | undefined {
  const parts = expression.split(/\s+or\s+/i);
  let answer: string | undefined;
  const anyOf: (string | number)[] = [];
  for (const part of parts) {
    const match =
      /^\$\{([A-Za-z0-9_.-]+)\}\s*=\s*'([^']*)'$/.exec(part.trim()) ??
      /^selected\(\s*\$\{([A-Za-z0-9_.-]+)\}\s*,\s*'([^']*)'\s*\)$/.exec(part.trim()) ??
      /^\$\{([A-Za-z0-9_.-]+)\}\s*=\s*(-?\d+)$/.exec(part.trim());
    if (!match) return undefined;
    const name = kringId(match[1]!);
    if (answer !== undefined && answer !== name) return undefined;
    answer = name;
    anyOf.push(
      /^-?\d+$/.test(match[2]!) && !part.includes("'") ? Number(match[2]) : kringId(match[2]!),
    );
  }
  return answer ? { answer, anyOf } : undefined;
}

function rangeOf(parameters: string): [number, number] {
  const start = /start\s*=\s*(-?\d+)/.exec(parameters)?.[1];
  const end = /end\s*=\s*(-?\d+)/.exec(parameters)?.[1];
  return [start === undefined ? 1 : Number(start), end === undefined ? 10 : Number(end)];
}

/** `. >= 1 and . <= 10` (or `>`/`<`) as [1, 10]. */
function constraintRange(constraint: string): [number, number] | undefined {
  const low = /\.\s*(>=|>)\s*(-?\d+)/.exec(constraint);
  const high = /\.\s*(<=|<)\s*(-?\d+)/.exec(constraint);
  if (!low || !high) return undefined;
  const min = Number(low[2]) + (low[1] === '>' ? 1 : 0);
  const max = Number(high[2]) - (high[1] === '<' ? 1 : 0);
  return min < max ? [min, max] : undefined;
}
