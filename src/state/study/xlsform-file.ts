/**
 * Reads an XLSForm workbook (.xlsx) into its sheets as rows of named cells, for the mapping in
 * domain/authoring/xlsform. Sheet names are matched without regard to case. A file that is not
 * one gets its own reason: empty, too large, an old .xls, a CSV or other text, not a workbook,
 * no `survey` sheet.
 */
import readXlsxFile from 'read-excel-file/universal';
import type { SheetRow, XlsForm } from '../../domain/authoring/xlsform';

/** The largest workbook read (a form with thousands of rows is far smaller). */
export const XLSFORM_MAX_BYTES = 10 * 1024 * 1024;

export type XlsFormProblem =
  | { reason: 'empty' }
  | { reason: 'tooLarge'; megabytes: number }
  | { reason: 'xls' }
  | { reason: 'text' }
  | { reason: 'notWorkbook' }
  | { reason: 'noSurvey'; sheets: string };

export type XlsFormRead = { ok: true; form: XlsForm } | ({ ok: false } & XlsFormProblem);

export async function readXlsForm(input: ArrayBuffer): Promise<XlsFormRead> {
  const bytes = new Uint8Array(input);
  if (bytes.length === 0) return { ok: false, reason: 'empty' };
  if (bytes.length > XLSFORM_MAX_BYTES)
    return { ok: false, reason: 'tooLarge', megabytes: XLSFORM_MAX_BYTES / 1024 / 1024 };
  const starts = (...signature: number[]) => signature.every((b, i) => bytes[i] === b);
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) return { ok: false, reason: 'xls' };
  if (!starts(0x50, 0x4b))
    return { ok: false, reason: looksLikeText(bytes) ? 'text' : 'notWorkbook' };
  let sheets: { sheet: string; data: unknown[][] }[];
  try {
    sheets = await readXlsxFile(input);
  } catch {
    return { ok: false, reason: 'notWorkbook' }; // a zip, but no workbook in it
  }
  const find = (name: string) => sheets.find((s) => s.sheet.trim().toLowerCase() === name);
  const survey = find('survey');
  if (!survey)
    return { ok: false, reason: 'noSurvey', sheets: sheets.map((s) => s.sheet).join(', ') };
  const external = find('external_choices');
  return {
    ok: true,
    form: {
      survey: rows(survey.data),
      choices: rows(find('choices')?.data ?? []),
      settings: rows(find('settings')?.data ?? []),
      ...(external ? { external_choices: rows(external.data) } : {}),
    },
  };
}

/** Mostly printable characters in the first kilobyte: a CSV or another text file. */
function looksLikeText(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 1024);
  let printable = 0;
  for (const b of head) if (b === 9 || b === 10 || b === 13 || b >= 32) printable++;
  return printable / head.length > 0.95;
}

function rows(data: unknown[][]): SheetRow[] {
  const [header = [], ...body] = data;
  const names = header.map((cell) => cellText(cell).trim());
  return body.map((cells) => {
    const row: SheetRow = {};
    names.forEach((name, i) => {
      const text = cellText(cells[i]);
      if (name && text !== '') row[name] = text;
    });
    return row;
  });
}

/** A cell's text: strings, numbers and booleans as written, dates in ISO form, anything else empty. */
function cellText(cell: unknown): string {
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  if (cell instanceof Date) return cell.toISOString();
  return '';
}
