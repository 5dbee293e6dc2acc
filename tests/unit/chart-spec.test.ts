import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { ResultsAggregator } from '../../src/domain/results/aggregator';
import type { LocalizedText } from '../../src/domain/survey-schema';
import { chartSpec } from '../../src/domain/results/chart-spec';
import { resultTable, tableCsv } from '../../src/ui/charts/table-export';
import { FIGURE_1, FIGURE_1_ROWS, figure1Respondents } from '../fixtures/figure1';
import { study } from '../fixtures/surveys';

const nl = (t: LocalizedText | undefined) => t?.nl ?? '';
const survey = study();
const labels = { category: 'Antwoord', n: 'Aantal' };

describe('result charts and tables', () => {
  it("draws the study's Figure 1: one bar per rank for each focus point, with the figure's counts", () => {
    const result = ResultsAggregator.of(survey, figure1Respondents()).itemResults('prioriteiten')!;
    const spec = chartSpec(result, nl, 'counts')!;
    expect(spec.categories).toEqual([
      'Welbevinden',
      'Zelfsturing',
      'Hybride leren, digitalisering',
      'Gelijke kansen',
      'Differentiatie',
    ]);
    expect(spec.series.map((s) => s.label)).toEqual([
      '1 (zeer belangrijk)',
      '2',
      '3',
      '4',
      '5 (niet belangrijk)',
    ]);
    // series[rank][focus point] is the figure's table read column by column.
    spec.series.forEach((series, rank) =>
      expect(series.values).toEqual(FIGURE_1_ROWS.map((row) => FIGURE_1[row][rank])),
    );
    expect(spec.stacked).toBe(false);
  });

  it('in percentages each focus point sums to 100 over the ones who rated it (stacked)', () => {
    const result = ResultsAggregator.of(survey, figure1Respondents()).itemResults('prioriteiten')!;
    const spec = chartSpec(result, nl, 'percent')!;
    expect(spec.stacked).toBe(true);
    for (let c = 0; c < spec.categories.length; c++) {
      const sum = spec.series.reduce((s, series) => s + series.values[c]!, 0);
      expect(sum).toBeCloseTo(100, 0);
    }
    expect(spec.series[0]!.values[0]).toBeCloseTo((74 / 180) * 100, 1);
  });

  it('a Likert chart diverges in percentages and keeps "no opinion" beside it', () => {
    const results = new ResultsAggregator(survey);
    const answers = (code: number) => ({ 'welbevinden_stellingen.aandacht_leerlingen': code });
    [1, 2, 3, 4, 9, 9].forEach((code, i) =>
      results.set({ id: `r${i}`, role: 'leerkracht', school: 'a', answers: answers(code) }),
    );
    const spec = chartSpec(results.itemResults('welbevinden_stellingen')!, nl, 'percent')!;
    expect(spec.series.map((s) => s.values[0])).toEqual([25, 25, -25, -25]);
    expect(spec.series.map((s) => s.negative)).toEqual([false, false, true, true]);
    expect(spec.noOpinion?.counts[0]).toBe(2);
    expect(spec.categoryN[0]).toBe(4);
  });

  it('the CSV holds the counts and parses back to the same table', () => {
    const result = ResultsAggregator.of(survey, figure1Respondents()).itemResults('prioriteiten')!;
    const table = resultTable(chartSpec(result, nl, 'percent')!, labels);
    const csv = tableCsv(table, 'nl');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    // A Dutch or Belgian Excel splits on semicolons.
    const parsed = Papa.parse<string[]>(csv.slice(1), {
      skipEmptyLines: true,
      delimiter: ';',
    }).data;
    expect(parsed[0]).toEqual(table.header);
    expect(parsed[1]).toEqual(['Welbevinden', '74', '45', '25', '23', '13', '180']);
    expect(parsed.slice(1).map((row) => row.at(-1))).toEqual(['180', '178', '177', '180', '180']);
  });
});
