/** Tables as CSV (RFC 4180, comma, quotes where needed), through papaparse, safe for spreadsheets. */
import Papa from 'papaparse';
import { neutraliseCell, neutraliseRows } from './spreadsheet-safe';
import type { Table } from './tables';

/** `bom`: start with a byte-order mark, so Excel reads the file as UTF-8. */
export function toCsv(table: Table, bom = false): string {
  const csv = Papa.unparse(
    { fields: table.header.map(neutraliseCell), data: neutraliseRows(table.rows) },
    { newline: '\r\n' },
  );
  return bom ? `\uFEFF${csv}` : csv;
}

/** CSV text back to rows of strings (tests, imports). */
export function parseCsv(text: string): string[][] {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  return Papa.parse<string[]>(body, { skipEmptyLines: true }).data;
}
