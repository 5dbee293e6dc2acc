/** Tables as CSV (RFC 4180, comma or semicolon, quotes where needed), through papaparse, safe for spreadsheets. */
import Papa from 'papaparse';
import { neutraliseCell, neutraliseRows } from './spreadsheet-safe';
import type { Table } from './tables';

export interface CsvOptions {
  /** Start with a byte-order mark, so Excel reads the file as UTF-8. */
  bom?: boolean;
  /** `,` (R, SPSS, Excel in English) or `;` (Excel with Dutch or Belgian settings). */
  delimiter?: ',' | ';';
}

/** What Excel in this language expects: a BOM, and `;` where Dutch or Belgian settings use the comma in numbers. */
export const excelCsv = (language: string): CsvOptions => ({
  bom: true,
  delimiter: language === 'nl' ? ';' : ',',
});

export function toCsv(table: Table, { bom = false, delimiter = ',' }: CsvOptions = {}): string {
  const csv = Papa.unparse(
    { fields: table.header.map(neutraliseCell), data: neutraliseRows(table.rows) },
    { newline: '\r\n', delimiter },
  );
  return bom ? `\uFEFF${csv}` : csv;
}

/** CSV text back to rows of strings (tests, imports). */
export function parseCsv(text: string, delimiter: ',' | ';' = ','): string[][] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  return Papa.parse<string[]>(body, { skipEmptyLines: true, delimiter }).data;
}
