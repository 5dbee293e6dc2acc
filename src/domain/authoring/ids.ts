/**
 * Renaming the ids of questions and of their options, statements and rows. Ids become answer
 * keys and variable names in exports, so a researcher names them; every "show if" that names
 * the old id follows the rename, so a rename never breaks the questionnaire.
 */
import { mapAnswerConditions, type AnswerCondition } from '../condition';
import type { Condition, Item } from '../survey-schema';
import { updateItem, type Draft } from './operations';

const ID = /^[a-z][a-z0-9_]{0,39}$/;
/** An option's (statement's, role's…) code: also `1`, `-99`, `Yes` (survey-schema.ts). */
const CODE = /^[A-Za-z0-9_-]{1,40}$/;

export type IdProblem = 'pattern' | 'codePattern' | 'taken';

export type ChoiceList = 'options' | 'statements' | 'rows' | 'roles' | 'schools';

/**
 * Why an id cannot be used (undefined: it can). `others` are the ids it must differ from; a
 * `code` is an option's, statement's or row's id.
 */
export function idProblem(
  id: string,
  others: Iterable<string>,
  kind: 'id' | 'code' = 'id',
): IdProblem | undefined {
  if (kind === 'id' && !ID.test(id)) return 'pattern';
  if (kind === 'code' && !CODE.test(id)) return 'codePattern';
  for (const other of others) if (other === id) return 'taken';
  return undefined;
}

/** Ids of every question and part but the question at (section, index). */
export function otherIds(draft: Draft, section: number, index: number): string[] {
  return draft.sections.flatMap((s, si) => [
    s.id,
    ...s.items.filter((_, ii) => si !== section || ii !== index).map((i) => i.id),
  ]);
}

/** Gives a question a new id; conditions on its answers follow. Unchanged if the id is not allowed. */
export function renameItem(draft: Draft, section: number, index: number, id: string): Draft {
  const item = draft.sections[section]?.items[index];
  if (!item || item.id === id || idProblem(id, otherIds(draft, section, index))) return draft;
  const renamed = updateItem(draft, section, index, (i) => ({ ...i, id }));
  return mapConditions(renamed, (c) =>
    c.answer === item.id || c.answer.startsWith(`${item.id}.`)
      ? { ...c, answer: id + c.answer.slice(item.id.length) }
      : c,
  );
}

/** The entries of a question's list (options, statements, …), if it has that list. */
export function choicesOf(item: Item, list: ChoiceList): { id: string }[] | undefined {
  const found = (item as Partial<Record<ChoiceList, { id: string }[]>>)[list];
  return Array.isArray(found) ? found : undefined;
}

/**
 * Gives an option, statement, row, role or school a new id. A condition that picked the old
 * option (or named the old statement's answer) follows. Unchanged if the id is not allowed.
 */
export function renameChoice(
  draft: Draft,
  at: { section: number; index: number },
  list: ChoiceList,
  choice: number,
  id: string,
): Draft {
  const item = draft.sections[at.section]?.items[at.index];
  const entries = item && choicesOf(item, list);
  const old = entries?.[choice]?.id;
  if (!item || !entries || old === undefined || old === id) return draft;
  if (
    idProblem(
      id,
      entries.filter((_, i) => i !== choice).map((e) => e.id),
      'code',
    )
  )
    return draft;
  const renamed = updateItem(draft, at.section, at.index, (i) => ({
    ...i,
    [list]: entries.map((e, n) => (n === choice ? { ...e, id } : e)),
  }));
  if (list === 'statements' || list === 'rows') {
    const key = `${item.id}.${old}`;
    return mapConditions(renamed, (c) =>
      c.answer === key ? { ...c, answer: `${item.id}.${id}` } : c,
    );
  }
  const key =
    list === 'roles' ? `${item.id}.role` : list === 'schools' ? `${item.id}.school` : item.id;
  return mapConditions(renamed, (c) =>
    c.answer === key && 'anyOf' in c
      ? { ...c, anyOf: c.anyOf.map((v) => (v === old ? id : v)) }
      : c,
  );
}

/** Every condition of the draft (of parts, questions and options) with its one-answer parts changed. */
function mapConditions(draft: Draft, change: (c: AnswerCondition) => AnswerCondition): Draft {
  const map = <T extends { showIf?: Condition | undefined }>(x: T): T =>
    x.showIf ? { ...x, showIf: mapAnswerConditions(x.showIf, change) } : x;
  const mapItem = (item: Item): Item =>
    item.type === 'single-choice' || item.type === 'multiple-choice'
      ? { ...map(item), options: item.options.map(map) }
      : map(item);
  return {
    ...draft,
    sections: draft.sections.map((s) => ({ ...map(s), items: s.items.map(mapItem) })),
  };
}
