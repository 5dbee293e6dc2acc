/**
 * Cells a spreadsheet will not run: a text that starts with `=`, `+`, `-`, `@`, a tab or a
 * carriage return would be taken as a formula by Excel, LibreOffice or Google Sheets (CSV
 * injection: `=HYPERLINK(…)` typed into an open answer). As OWASP recommends, such a text is
 * prefixed with a single quote, which the spreadsheet shows as text. Numbers stay numbers: a
 * negative score is a number cell, never text. Every CSV and XLSX writer goes through here.
 */

/** The first characters that make a spreadsheet read a cell as a formula (OWASP's list). */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell<C extends string | number>(cell: C): C | string {
  return typeof cell === 'string' && FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** The header and every row, neutralised. */
export function neutraliseRows<C extends string | number>(rows: readonly (readonly C[])[]) {
  return rows.map((row) => row.map(neutraliseCell));
}
