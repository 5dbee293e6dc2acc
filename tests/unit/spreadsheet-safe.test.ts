import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { neutraliseCell } from '../../src/domain/export/spreadsheet-safe';
import { tableCsv } from '../../src/ui/charts/table-export';

describe('cells safe for spreadsheets', () => {
  it.each([
    '=1+1',
    '+31 6 12345678',
    '-Meer uitleg',
    '@SUM(A1:A9)',
    '\t=1+1',
    '\r=1+1',
    '=HYPERLINK("http://x")\nen een tweede regel',
  ])('a text starting %j is prefixed with a quote', (text) => {
    expect(neutraliseCell(text)).toBe(`'${text}`);
  });

  it('leaves other texts and every number alone', () => {
    expect(neutraliseCell('Goed gedaan = beter')).toBe('Goed gedaan = beter');
    expect(neutraliseCell('')).toBe('');
    expect(neutraliseCell(-3)).toBe(-3);
    expect(neutraliseCell(0)).toBe(0);
  });

  it("a result table's CSV neutralises a label from a hostile survey file", () => {
    const csv = tableCsv(
      {
        header: ['Antwoord', 'n'],
        rows: [
          ['=cmd|"/c calc"!A1', 4],
          ['Ja', -1],
        ],
      },
      'en',
    );
    const rows = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(rows).toEqual([
      ['Antwoord', 'n'],
      ['\'=cmd|"/c calc"!A1', '4'],
      ['Ja', '-1'],
    ]);
  });
});
