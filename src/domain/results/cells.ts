/**
 * The counting cells of a survey: one per (answer key, value) that a chart shows, numbered so
 * that a tally is a plain array of counts. A response contributes a list of cell numbers; adding
 * or removing a response is adding or subtracting 1 in those cells, which is what makes the
 * aggregation incremental (results/aggregator.ts).
 *
 * Cells per item type: a rating-matrix row per scale value; a Likert statement per scale code
 * and the "no opinion" code; a choice per option (and "other"); a numeric scale per value; a
 * ranking option per rank; a profile's role per role. Every item also has an "answered" cell
 * (respondents with at least one answer to it), its n. Open text has no cells: it is a list.
 */
import { allowedValues, answerKeys, OTHER_OPTION, range, type Answers } from '../answers';
import type { Item, ItemOfType, Survey } from '../survey-schema';

/** How one item's answers map to cells, prepared once so counting a response allocates little. */
interface ItemPlan {
  answered: number;
  keys: { key: string; cells: ReadonlyMap<string | number, number> | undefined; other: boolean }[];
  /** Ranking only: option id → rank → cell. */
  ranks?: ReadonlyMap<string, ReadonlyMap<string | number, number>>;
}

export interface CellIndex {
  readonly size: number;
  readonly plans: readonly ItemPlan[];
  /** Answer key → value → cell number. */
  readonly byKey: ReadonlyMap<string, ReadonlyMap<string | number, number>>;
  /** Item id → its "answered" cell. */
  readonly answered: ReadonlyMap<string, number>;
  /** The items that count, in survey order. */
  readonly items: readonly Item[];
}

/**
 * The values a chart shows for one answer key of an item, in display order: the values the key
 * accepts, except that a ranking counts ranks (1..n) and free text (a typed school, "other,
 * namely …") has no cells.
 */
export function cellValues(item: Item, key: string): (string | number)[] {
  if (item.type === 'ranking') return range(1, item.options.length);
  if (item.type === 'profile' && !key.endsWith('.role')) return [];
  if (item.type === 'number') return numberCells(item);
  return allowedValues(item, key) ?? [];
}

/** A whole number within a stated range of at most 201 values is counted per value (an age, a count). */
function numberCells(item: ItemOfType<'number'>): number[] {
  const { min, max, decimals } = item;
  if (decimals !== 0 || min === undefined || max === undefined) return [];
  if (!Number.isInteger(min) || !Number.isInteger(max) || max - min > 200) return [];
  return range(min, max);
}

/** Ranking answers are an order of option ids; their cells are keyed per option. */
export const rankKey = (item: Item, optionId: string) => `${item.id}.${optionId}`;

export function buildCellIndex(survey: Survey): CellIndex {
  const byKey = new Map<string, Map<string | number, number>>();
  const answered = new Map<string, number>();
  const items: Item[] = [];
  let next = 0;
  const add = (key: string, values: (string | number)[]) => {
    const cells = new Map<string | number, number>();
    for (const value of values) cells.set(value, next++);
    byKey.set(key, cells);
  };
  for (const section of survey.sections) {
    for (const item of section.items) {
      if (item.type === 'note') continue; // nothing to count
      items.push(item);
      answered.set(item.id, next++);
      if (item.type === 'ranking') {
        for (const option of item.options) add(rankKey(item, option.id), cellValues(item, item.id));
        continue;
      }
      for (const key of answerKeys(item)) {
        const values = cellValues(item, key);
        if (values.length > 0) add(key, values);
      }
    }
  }
  const plans = items.map((item): ItemPlan => {
    const plan: ItemPlan = {
      answered: answered.get(item.id)!,
      keys: answerKeys(item).map((key) => ({
        key,
        cells: byKey.get(key),
        other: key.endsWith(`.${OTHER_OPTION}`),
      })),
    };
    if (item.type === 'ranking')
      plan.ranks = new Map(item.options.map((o) => [o.id, byKey.get(rankKey(item, o.id))!]));
    return plan;
  });
  return { size: next, byKey, answered, items, plans };
}

/** The cells one response's answers fall in (values outside the survey are ignored). */
export function contributions(index: CellIndex, answers: Answers): number[] {
  const cells: number[] = [];
  for (const plan of index.plans) {
    let any = false;
    for (const { key, cells: byValue, other } of plan.keys) {
      const value = answers[key];
      if (value === undefined) continue;
      // An "other, namely …" text alone does not make a choice: n counts those who chose.
      if (!other) any = true;
      if (plan.ranks && Array.isArray(value)) {
        (value as readonly string[]).forEach((optionId, position) => {
          const cell = plan.ranks!.get(optionId)?.get(position + 1);
          if (cell !== undefined) cells.push(cell);
        });
      } else if (byValue && Array.isArray(value)) {
        for (const v of value as readonly string[]) {
          const cell = byValue.get(v);
          if (cell !== undefined) cells.push(cell);
        }
      } else if (byValue) {
        const cell = byValue.get(value as string | number);
        if (cell !== undefined) cells.push(cell);
      }
    }
    if (any) cells.push(plan.answered);
  }
  return cells;
}
