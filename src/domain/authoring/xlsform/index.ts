/**
 * XLSForm (ODK, KoboToolbox) to a Kring survey definition, following pyxform's reading of the
 * spec: groups become parts (their `relevant` the part's condition, nested titles joined),
 * `table-list` / `likert` matrices become Likert blocks, and every question type, column and
 * expression Kring has a meaning for is brought over. The rest is listed in the report with
 * the row, the name, the column and the reason: nothing is dropped silently. Pure: it works on
 * the sheets as rows of cells (reading the .xlsx file is state/study/xlsform-file.ts).
 */
import { bothConditions } from '../../condition';
import type { Condition, LocalizedText } from '../../survey-schema';
import { fillMissingTranslations, missingTranslations } from '../languages';
import type { Draft as SurveyDraft } from '../operations';
import { choiceLists, type FormChoice } from './choices';
import {
  groupColumns,
  kringId,
  mapQuestion,
  Mapping,
  statementColumns,
  type Draft,
} from './questions';
import { note, type XlsFormNote } from './report';
import { cell, formRows, type FormRow, type XlsForm } from './sheets';
import { FormTexts } from './texts';
import { readType, type RowType } from './types';
import type { XlsFormPlaces } from './places';
export { placeOfPath } from './places';

export type { SheetRow, XlsForm } from './sheets';
export type { XlsFormNote, XlsFormNoteCode, XlsFormNoteKind } from './report';
export { kringId } from './questions';
export type { ReasonCode } from './expression';

export interface XlsFormImportOptions {
  /** The file's name: the form's id and title when its settings give none. */
  fileName?: string;
  /** The importer's language: the plain `label` column's when the form does not say. */
  language?: string;
}

export interface XlsFormImport {
  /** A definition in the survey format, to be checked by validateSurvey like any file. */
  definition: Record<string, unknown>;
  /** Every question's mapping and every change or omission, by row. */
  report: XlsFormNote[];
  /** Where each part and item of the definition comes from (`sections[1].items[2]` → row). */
  places: XlsFormPlaces;
  /** Questions in the form (rows that ask something) and those brought over. */
  questions: { total: number; brought: number };
}

type Node =
  | { kind: 'row'; row: FormRow; type: RowType }
  | { kind: 'group'; row: FormRow; repeat: boolean; children: Node[] };

type Section = { id: string; title: LocalizedText; showIf?: Condition; items: Draft[] };

export function fromXlsForm(form: XlsForm, options: XlsFormImportOptions = {}): XlsFormImport {
  const report: XlsFormNote[] = [];
  const rows = formRows(form.survey);
  const settings = formRows(form.settings)[0];
  const choiceRows = formRows(form.choices);
  const externalRows = formRows(form.external_choices ?? []);
  const texts = new FormTexts(
    [...rows, ...choiceRows, ...externalRows],
    cell(settings, 'default_language'),
    options.language ?? 'en',
    report,
  );
  const m = new Mapping(
    texts,
    choiceLists(choiceRows, texts, report),
    choiceLists(externalRows, texts, report),
    report,
  );
  const builder = new SectionBuilder(m);
  builder.group(tree(rows, report), [], undefined);
  const { sections, places } = builder.finish();

  const fileBase = (options.fileName ?? '').replace(/\.[^.]*$/, '').trim();
  const formId = cell(settings, 'form_id');
  const id = kringId(formId || fileBase || 'xlsform');
  if (!formId) report.push(note({ row: 0, name: '' }, 'idFromFileName', { id }));
  const title = cell(settings, 'form_title') || fileBase.replace(/[_-]+/g, ' ') || id;
  if (!cell(settings, 'form_title'))
    report.push(note({ row: 0, name: '' }, 'titleFromFileName', { title }));
  const written = cell(settings, 'version');
  const version = /^\d{1,9}$/.test(written) && Number(written) > 0 ? Number(written) : 1;
  if (written && String(version) !== written)
    report.push(
      note({ row: 0, name: '', sheet: 'settings', column: 'version' }, 'version', {
        value: written,
      }),
    );

  const draft = {
    format: 'kring-survey',
    formatVersion: 1,
    id,
    version,
    languages: texts.languages,
    title: Object.fromEntries(texts.languages.map((l) => [l, title])),
    intro: Object.fromEntries(
      ['title', 'purpose', 'whoSees', 'anonymity', 'howToStop', 'consent'].map((k) => [
        k,
        texts.word('toWrite'),
      ]),
    ),
    sections,
  };
  // A text missing in one language shows the default language's, as ODK does.
  const missing = missingTranslations(draft as unknown as SurveyDraft);
  const perLanguage = new Map<string, number>();
  for (const { lang } of missing) perLanguage.set(lang, (perLanguage.get(lang) ?? 0) + 1);
  for (const [language, count] of perLanguage)
    report.push(note({ row: 0, name: '' }, 'translationMissing', { language, count }));
  const definition = fillMissingTranslations(draft as unknown as SurveyDraft) as unknown as Record<
    string,
    unknown
  >;
  report.push(note({ row: 0, name: '' }, 'intro'));
  return {
    definition,
    report,
    places,
    questions: { total: m.count.questions, brought: m.count.brought },
  };
}

/** The survey sheet's rows as a tree of groups; unclosed groups and stray ends are reported. */
function tree(rows: readonly FormRow[], report: XlsFormNote[]): Node[] {
  const root: Node[] = [];
  const open: Extract<Node, { kind: 'group' }>[] = [];
  for (const row of rows) {
    const type = readType(cell(row, 'type'));
    if (!type) continue;
    const into = open[open.length - 1]?.children ?? root;
    if (type.kind === 'begin') {
      const group: Node = { kind: 'group', row, repeat: type.repeat, children: [] };
      into.push(group);
      open.push(group);
    } else if (type.kind === 'end') {
      if (!open.pop())
        report.push(note({ row: row.line, name: cell(row, 'name') }, 'endWithoutBegin'));
    } else into.push({ kind: 'row', row, type });
  }
  for (const group of open)
    report.push(note({ row: group.row.line, name: cell(group.row, 'name') }, 'groupNotClosed'));
  return root;
}

/** Builds the parts: one per group (or run of questions outside groups), in the form's order. */
class SectionBuilder {
  readonly #sections: Section[] = [];
  readonly #places: Record<string, { row: number; name: string }> = {};
  #current: Section | undefined;
  #currentTitle: LocalizedText[] = [];
  #currentCondition: Condition | undefined;
  #currentName = '';
  readonly #sectionIds = new Set<string>();

  constructor(private readonly m: Mapping) {}

  /** The children of a group, under its titles and conditions. */
  group(
    children: Node[],
    titles: LocalizedText[],
    condition: Condition | undefined,
    name = '',
  ): void {
    this.#start(titles, condition, name);
    for (const child of children) {
      if (child.kind === 'row') {
        const item = mapQuestion(child.row, child.type, this.m);
        if (item) this.#add(item, child.row);
        continue;
      }
      const { row } = child;
      groupColumns(row, this.m);
      const groupCondition = bothConditions(condition, this.m.condition(row));
      if (child.repeat) this.m.note(row, 'repeat');
      if (isMatrix(child)) {
        this.#matrix(child, groupCondition);
        continue;
      }
      this.group(child.children, [...titles, this.#title(row)], groupCondition, cell(row, 'name'));
      this.#start(titles, condition, name); // what follows the inner group
    }
  }

  finish(): { sections: Section[]; places: Record<string, { row: number; name: string }> } {
    return { sections: this.#sections.filter((s) => s.items.length > 0), places: this.#places };
  }

  #title(row: FormRow): LocalizedText {
    const label = this.m.texts.text(row, 'label');
    if (Object.keys(label).length > 0) return label;
    const name = cell(row, 'name');
    if (name) this.m.note(row, 'groupNoLabel');
    return Object.fromEntries(this.m.texts.languages.map((l) => [l, name.replace(/[_-]+/g, ' ')]));
  }

  #start(titles: LocalizedText[], condition: Condition | undefined, name: string) {
    this.#current = undefined;
    this.#currentTitle = titles;
    this.#currentCondition = condition;
    this.#currentName = name;
  }

  #add(item: Draft, row: FormRow) {
    if (!this.#current) {
      const title =
        joinTitles(this.#currentTitle, this.m.texts.languages) ?? this.m.texts.word('questions');
      let id = this.#currentName ? kringId(this.#currentName) : `deel_${this.#sections.length + 1}`;
      for (let n = 2; this.#sectionIds.has(id); n++)
        id = `${id.replace(/_\d+$/, '').slice(0, 36)}_${n}`;
      this.#sectionIds.add(id);
      this.#current = {
        id,
        title,
        ...(this.#currentCondition ? { showIf: this.#currentCondition } : {}),
        items: [],
      };
      this.#sections.push(this.#current);
    }
    const section = this.#sections.indexOf(this.#current);
    const at = `sections[${section}]`;
    this.#places[at] ??= { row: row.line, name: cell(row, 'name') };
    this.#places[`${at}.items[${this.#current.items.length}]`] = {
      row: row.line,
      name: cell(row, 'name'),
    };
    this.#current.items.push(item);
    this.m.note(row, 'mapped', { type: String(item.type) });
  }

  /**
   * A matrix group: its header row (`appearance: label`) only names the scale; runs of
   * `select_one` rows on one list, with the same condition and requirement, become Likert
   * blocks; other rows are questions of their own.
   */
  #matrix(group: Extract<Node, { kind: 'group' }>, condition: Condition | undefined) {
    const rows = group.children.flatMap((c) => (c.kind === 'row' ? [c] : []));
    for (const nested of group.children.filter((c) => c.kind === 'group'))
      this.group([nested], [...this.#currentTitle], condition, this.#currentName);
    let runs = 0;
    let run: Extract<Node, { kind: 'row' }>[] = [];
    const flush = () => {
      if (run.length > 0) this.#likert(group, run, condition, runs++);
      run = [];
    };
    for (const child of rows) {
      const { row, type } = child;
      if (/\blabel\b/.test(cell(row, 'appearance')) && type.kind === 'select_one') {
        flush();
        this.m.note(row, 'matrixHeader');
        continue;
      }
      const key = (n: Extract<Node, { kind: 'row' }>) =>
        [
          n.type.kind === 'select_one' ? n.type.list : '',
          cell(n.row, 'relevant'),
          cell(n.row, 'required'),
        ].join('\u0000');
      // A row with its own filter, constraint or "other" box stays a question of its own.
      const statement =
        type.kind === 'select_one' &&
        !type.other &&
        !cell(row, 'choice_filter') &&
        !cell(row, 'constraint');
      if (statement && (run.length === 0 || key(run[0]!) === key(child))) {
        run.push(child);
        continue;
      }
      flush();
      if (statement) run.push(child);
      else {
        const item = mapQuestion(row, type, this.m, condition);
        if (item) this.#add(item, row);
      }
    }
    flush();
    if (runs > 1) this.m.note(group.row, 'likertSplit', { blocks: runs });
  }

  #likert(
    group: Extract<Node, { kind: 'group' }>,
    run: Extract<Node, { kind: 'row' }>[],
    condition: Condition | undefined,
    index: number,
  ) {
    const first = run[0]!;
    const list = first.type.kind === 'select_one' ? first.type.list : '';
    const choices = this.m.lists.get(list) ?? [];
    if (choices.length < 2) {
      // Not a scale: each row is a question of its own (the mapping reports a missing list).
      for (const { row, type } of run) {
        const item = mapQuestion(row, type, this.m, condition);
        if (item) this.#add(item, row);
      }
      return;
    }
    const scale = likertScale(choices);
    const id = index === 0 ? this.m.id(group.row, `blok_${group.row.line}`) : '';
    const likertId =
      index === 0
        ? id
        : this.m.freshId(`${kringId(cell(group.row, 'name') || 'blok')}_${index + 1}`);
    const statements: { id: string; text: LocalizedText }[] = [];
    for (const { row } of run) {
      this.m.count.questions++;
      this.m.count.brought++;
      const statementId = uniqueIn(
        statements,
        kringId(cell(row, 'name') || `stelling_${row.line}`),
      );
      statements.push({ id: statementId, text: this.m.text(row, 'label') });
      this.m.refs.set(cell(row, 'name'), {
        key: `${likertId}.${statementId}`,
        numeric: true,
        value: (w) => scale.codeOf(String(w)),
      });
      this.m.note(row, 'statement', { item: likertId });
      statementColumns(row, this.m);
    }
    const groupTitle = this.m.texts.text(group.row, 'label');
    const text =
      Object.keys(groupTitle).length > 0 ? groupTitle : this.m.texts.text(first.row, 'label');
    const required = /^(yes|true|true\(\)|1)$/i.test(cell(first.row, 'required'));
    const showIf = bothConditions(condition, this.m.condition(first.row));
    const message = this.m.text(first.row, 'required_message');
    const item: Draft = {
      id: likertId,
      type: 'likert',
      text,
      ...(required ? { required } : {}),
      ...(required && Object.keys(message).length > 0 ? { requiredMessage: message } : {}),
      ...(showIf ? { showIf } : {}),
      statements,
      scale: scale.points,
      ...(scale.noOpinion ? { noOpinion: scale.noOpinion } : {}),
    };
    this.#add(item, first.row);
  }
}

function isMatrix(group: Extract<Node, { kind: 'group' }>): boolean {
  const appearance = cell(group.row, 'appearance');
  if (/\b(table-list|likert)\b/.test(appearance)) return true;
  return (
    /\bfield-list\b/.test(appearance) &&
    group.children.some(
      (c) => c.kind === 'row' && /\b(label|list-nolabel)\b/.test(cell(c.row, 'appearance')),
    )
  );
}

function joinTitles(titles: LocalizedText[], languages: string[]): LocalizedText | undefined {
  if (titles.length === 0) return undefined;
  return Object.fromEntries(
    languages.map((l) => [
      l,
      titles
        .map((t) => t[l] ?? Object.values(t)[0] ?? '')
        .filter(Boolean)
        .join(' – '),
    ]),
  );
}

function uniqueIn(taken: { id: string }[], base: string): string {
  let id = base;
  for (let n = 2; taken.some((t) => t.id === id); n++) id = `${base.slice(0, 36)}_${n}`;
  return id;
}

const NO_OPINION =
  /geen mening|geen zicht|weet (het )?niet|no opinion|don.?t know|not sure|n\/a|keine angabe|wei(ß|ss) nicht|ne sais pas|no s[eé]/i;

/** A Likert scale from a choice list: whole-number names keep their codes; "no opinion" stands apart. */
function likertScale(choices: FormChoice[]) {
  const numeric = choices.every((c) => /^-?\d{1,9}$/.test(c.code));
  const coded = choices.map((c, i) => ({
    name: c.name,
    code: numeric ? Number(c.code) : i + 1,
    text: c.text,
  }));
  const noOpinionAt = coded.findIndex((c) => NO_OPINION.test(Object.values(c.text).join(' ')));
  const point = (c: (typeof coded)[number]) => ({ code: c.code, text: c.text });
  return {
    points: coded.filter((_, i) => i !== noOpinionAt).map(point),
    noOpinion: noOpinionAt === -1 ? undefined : point(coded[noOpinionAt]!),
    codeOf: (name: string) => coded.find((c) => c.name === name)?.code,
  };
}
