/**
 * A result as a table (rows: categories; columns: the values, "no opinion", n), for the table
 * view and the CSV export. Counts, never percentages: a spreadsheet computes those itself.
 */
import type { ChartSpec } from '../../domain/results/chart-spec';
import { excelCsv, toCsv } from '../../domain/export/csv';

export interface ResultTable {
  header: string[];
  rows: (string | number)[][];
}

export function resultTable(spec: ChartSpec, labels: { category: string; n: string }): ResultTable {
  const header = [
    labels.category,
    ...spec.series.map((s) => s.label || labels.n),
    ...(spec.noOpinion ? [spec.noOpinion.label] : []),
  ];
  if (spec.series.length > 1 || spec.noOpinion) header.push(labels.n);
  const rows = spec.categories.map((category, i) => {
    const row: (string | number)[] = [category, ...spec.series.map((s) => s.counts[i] ?? 0)];
    if (spec.noOpinion) row.push(spec.noOpinion.counts[i] ?? 0);
    if (spec.series.length > 1 || spec.noOpinion) row.push(spec.categoryN[i] ?? 0);
    return row;
  });
  return { header, rows };
}

/**
 * CSV text for Excel in the UI's language (`;` in Dutch), with a BOM so Excel reads it as UTF-8;
 * labels from a survey file that look like formulas are neutralised.
 */
export function tableCsv(table: ResultTable, language: string): string {
  return toCsv(table, excelCsv(language));
}

/** Offers a file to the user (the browser's download). */
export function download(name: string, content: Blob | string, type = 'text/csv'): void {
  const url =
    typeof content === 'string' && content.startsWith('data:')
      ? content
      : URL.createObjectURL(typeof content === 'string' ? new Blob([content], { type }) : content);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  if (!url.startsWith('data:')) setTimeout(() => URL.revokeObjectURL(url), 1000);
}
