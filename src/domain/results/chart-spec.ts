/**
 * What a result chart draws, as plain data: categories, series and their values, in counts or
 * in percentages. Chart.js configuration, the table view and the CSV export are all made from
 * this one description, so the three always show the same numbers.
 */
import type { ItemResult, Series } from './item-results';
import type { Item, LocalizedText } from '../survey-schema';

export type ChartMode = 'counts' | 'percent';

export interface SeriesSpec {
  label: string;
  /** One value per category: a count, or a percentage of the category's n. */
  values: number[];
  /** The counts behind the values (the same as values in counts mode). */
  counts: number[];
  color: string;
  /** Drawn to the left of zero (the disagreeing side of a diverging Likert chart). */
  negative?: boolean;
}

export interface ChartSpec {
  categories: string[];
  /** Respondents per category (the base of its percentages). */
  categoryN: number[];
  series: SeriesSpec[];
  horizontal: boolean;
  stacked: boolean;
  mode: ChartMode;
  /** Likert: "no opinion" per statement, shown beside the scale, never in it. */
  noOpinion?: { label: string; counts: number[] };
}

/** Ordered scales (ranks, agreement): dark to light, distinguishable without colour vision. */
const SEQUENTIAL = ['#08306b', '#2171b5', '#4292c6', '#6baed6', '#9ecae1', '#c6dbef', '#deebf7'];
/** Diverging Likert: agreeing side blue, disagreeing side orange (colour-blind safe). */
const AGREE = ['#08519c', '#6baed6'];
const DISAGREE = ['#e6550d', '#a63603'];
const SINGLE = '#1f4e79';

type Text = (value: LocalizedText | undefined) => string;

const percent = (count: number, n: number) => (n > 0 ? Math.round((count / n) * 1000) / 10 : 0);

/** The spec of an item's chart; undefined for open text (a list, not a chart). */
export function chartSpec(result: ItemResult, text: Text, mode: ChartMode): ChartSpec | undefined {
  switch (result.type) {
    case 'rating-matrix':
      return byValue(
        result.rows,
        rowLabels(result.item, text),
        scaleLabels(result, text),
        mode,
        false,
      );
    case 'ranking':
      return byValue(
        result.options,
        rowLabels(result.item, text),
        scaleLabels(result, text),
        mode,
        false,
      );
    case 'likert':
      return likert(result, text, mode);
    case 'single-choice':
    case 'multiple-choice':
      return single(result.options, rowLabels(result.item, text), result.n, mode, true);
    case 'numeric-scale':
      return single(
        result.values,
        result.values.counts.map((c) => String(c.value)),
        result.n,
        mode,
        false,
      );
    case 'number':
      return (
        result.values &&
        single(
          result.values,
          result.values.counts.map((c) => String(c.value)),
          result.n,
          mode,
          false,
        )
      );
    case 'profile':
      return single(result.roles, rowLabels(result.item, text), result.n, mode, true);
    case 'open-text':
    case 'date':
    case 'note':
      return undefined;
  }
}

/** Categories are the series (rows, options); one bar per value (rank, scale point) in each. */
function byValue(
  rows: Series[],
  categories: string[],
  valueLabels: string[],
  mode: ChartMode,
  horizontal: boolean,
): ChartSpec {
  const values = rows[0]?.counts.map((c) => c.value) ?? [];
  return {
    categories,
    categoryN: rows.map((r) => r.n),
    horizontal,
    stacked: mode === 'percent',
    mode,
    series: values.map((_, v) => {
      const counts = rows.map((row) => row.counts[v]?.count ?? 0);
      return {
        label: valueLabels[v] ?? String(values[v]),
        counts,
        values: mode === 'percent' ? counts.map((c, r) => percent(c, rows[r]!.n)) : counts,
        color: SEQUENTIAL[v % SEQUENTIAL.length]!,
      };
    }),
  };
}

function likert(
  result: Extract<ItemResult, { type: 'likert' }>,
  text: Text,
  mode: ChartMode,
): ChartSpec {
  const item = result.item as Extract<Item, { type: 'likert' }>;
  const half = Math.ceil(item.scale.length / 2);
  const noOpinion = item.noOpinion && {
    label: text(item.noOpinion.text),
    counts: result.statements.map((s) => s.noOpinion),
  };
  return {
    ...(noOpinion ? { noOpinion } : {}),
    categories: item.statements.map((s) => text(s.text)),
    categoryN: result.statements.map((s) => s.n),
    horizontal: true,
    stacked: true,
    mode,
    series: item.scale.map((point, v) => {
      const counts = result.statements.map((s) => s.counts[v]?.count ?? 0);
      const negative = mode === 'percent' && v >= half;
      const values =
        mode === 'percent'
          ? counts.map((c, i) => (negative ? -1 : 1) * percent(c, result.statements[i]!.n))
          : counts;
      const color = v < half ? AGREE[v % AGREE.length]! : DISAGREE[(v - half) % DISAGREE.length]!;
      return { label: text(point.text), counts, values, color, negative };
    }),
  };
}

function single(
  series: Series,
  categories: string[],
  n: number,
  mode: ChartMode,
  horizontal: boolean,
): ChartSpec {
  const counts = series.counts.map((c) => c.count);
  return {
    categories,
    categoryN: counts.map(() => n),
    horizontal,
    stacked: false,
    mode,
    series: [
      {
        label: '',
        counts,
        values: mode === 'percent' ? counts.map((c) => percent(c, n)) : counts,
        color: SINGLE,
      },
    ],
  };
}

/** The texts of an item's rows, options or roles, in the order of its result. */
function rowLabels(item: Item, text: Text): string[] {
  switch (item.type) {
    case 'rating-matrix':
      return item.rows.map((r) => text(r.text));
    case 'ranking':
      return item.options.map((o) => text(o.text));
    case 'single-choice':
    case 'multiple-choice':
      return [
        ...item.options.map((o) => text(o.text)),
        ...(item.other ? [text(item.other.text)] : []),
      ];
    case 'profile':
      return item.roles.map((r) => text(r.text));
    default:
      return [];
  }
}

/** Labels of the values: "1 = very important" … for a matrix, "rank 1" … for a ranking. */
function scaleLabels(result: ItemResult, text: Text): string[] {
  const item = result.item;
  if (item.type === 'rating-matrix') {
    const values = result.type === 'rating-matrix' ? (result.rows[0]?.counts ?? []) : [];
    return values.map((c, i) =>
      i === 0
        ? `${c.value} (${text(item.scale.minLabel)})`
        : i === values.length - 1
          ? `${c.value} (${text(item.scale.maxLabel)})`
          : String(c.value),
    );
  }
  if (item.type === 'ranking') return item.options.map((_, i) => `#${i + 1}`);
  return [];
}
