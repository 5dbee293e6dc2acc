/**
 * What a chart or table of one item shows, read from a tally of counting cells (cells.ts).
 * "No opinion" stays apart from the Likert scale: it is never one of the scale's counts, and a
 * statement's n and percentages count only the answers on the scale.
 */
import { answerKeys } from '../answers';
import type { Item } from '../survey-schema';
import { rankKey, type CellIndex } from './cells';

export interface Count {
  value: string | number;
  count: number;
}

/** One row of a matrix, one Likert statement, one ranking option or the item itself. */
export interface Series {
  /** Row, statement or option id; the item id for single-series items. */
  id: string;
  /** Respondents counted in this series. */
  n: number;
  counts: Count[];
}

export type ItemResult =
  | { type: 'rating-matrix'; item: Item; n: number; rows: Series[] }
  | { type: 'likert'; item: Item; n: number; statements: (Series & { noOpinion: number })[] }
  | { type: 'single-choice' | 'multiple-choice'; item: Item; n: number; options: Series }
  | { type: 'numeric-scale'; item: Item; n: number; values: Series; median: number | undefined }
  | {
      type: 'ranking';
      item: Item;
      n: number;
      options: (Series & { meanRank: number | undefined })[];
    }
  | { type: 'profile'; item: Item; n: number; roles: Series }
  | { type: 'open-text' | 'date'; item: Item; n: number }
  /** Values are counted only for a whole number within a stated range (cells.ts). */
  | {
      type: 'number';
      item: Item;
      n: number;
      values: Series | undefined;
      median: number | undefined;
    }
  | { type: 'note'; item: Item; n: 0 };

export function itemResult(item: Item, index: CellIndex, tally: ArrayLike<number>): ItemResult {
  const n = tally[index.answered.get(item.id)!] ?? 0;
  const series = (key: string, id = key): Series => {
    const cells = index.byKey.get(key);
    const counts = [...(cells ?? new Map<string | number, number>())].map(([value, cell]) => ({
      value,
      count: tally[cell] ?? 0,
    }));
    return { id, n: counts.reduce((sum, c) => sum + c.count, 0), counts };
  };
  const idOf = (key: string) => key.slice(item.id.length + 1);
  switch (item.type) {
    case 'rating-matrix':
      return { type: item.type, item, n, rows: answerKeys(item).map((k) => series(k, idOf(k))) };
    case 'likert': {
      const code = item.noOpinion?.code;
      return {
        type: item.type,
        item,
        n,
        statements: answerKeys(item).map((key) => {
          const all = series(key, idOf(key));
          const noOpinion = all.counts.find((c) => c.value === code)?.count ?? 0;
          const counts = all.counts.filter((c) => c.value !== code);
          return { id: all.id, n: all.n - noOpinion, counts, noOpinion };
        }),
      };
    }
    case 'single-choice':
    case 'multiple-choice':
      return { type: item.type, item, n, options: series(item.id) };
    case 'numeric-scale': {
      const values = series(item.id);
      return { type: item.type, item, n, values, median: median(values.counts) };
    }
    case 'ranking':
      return {
        type: item.type,
        item,
        n,
        options: item.options.map((option) => {
          const s = series(rankKey(item, option.id), option.id);
          return { ...s, meanRank: mean(s.counts) };
        }),
      };
    case 'profile':
      return { type: item.type, item, n, roles: series(`${item.id}.role`) };
    case 'open-text':
    case 'date':
      return { type: item.type, item, n };
    case 'number': {
      const values = index.byKey.has(item.id) ? series(item.id) : undefined;
      return { type: item.type, item, n, values, median: values && median(values.counts) };
    }
    case 'note':
      return { type: item.type, item, n: 0 };
  }
}

/** The median of counted numeric values (the lower middle one for an even count). */
export function median(counts: readonly Count[]): number | undefined {
  const total = counts.reduce((sum, c) => sum + c.count, 0);
  if (total === 0) return undefined;
  let seen = 0;
  for (const { value, count } of counts) {
    seen += count;
    if (seen >= total / 2) return Number(value);
  }
  return undefined;
}

function mean(counts: readonly Count[]): number | undefined {
  const total = counts.reduce((sum, c) => sum + c.count, 0);
  if (total === 0) return undefined;
  return counts.reduce((sum, c) => sum + Number(c.value) * c.count, 0) / total;
}

/**
 * The smallest and largest n of an item's rows or statements: they differ when respondents left
 * some rows blank (the study's Figure 1: 177 to 180). Undefined for an item of one series.
 */
export function partsN(result: ItemResult): { min: number; max: number } | undefined {
  const parts =
    result.type === 'rating-matrix'
      ? result.rows
      : result.type === 'likert'
        ? result.statements
        : undefined;
  if (!parts || parts.length === 0) return undefined;
  const ns = parts.map((p) => p.n);
  return { min: Math.min(...ns), max: Math.max(...ns) };
}

/** The smallest and largest "no opinion" count of a Likert block's statements. */
export function noOpinionRange(result: ItemResult): { min: number; max: number } | undefined {
  if (result.type !== 'likert' || result.statements.length === 0) return undefined;
  const counts = result.statements.map((s) => s.noOpinion);
  return { min: Math.min(...counts), max: Math.max(...counts) };
}
