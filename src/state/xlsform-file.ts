/**
 * Reads an XLSForm workbook (.xlsx) into its three sheets as rows of named cells, for the
 * mapping in domain/authoring/xlsform.ts. Sheet names are matched without regard to case.
 */
import readXlsxFile from 'read-excel-file/universal';
import type { SheetRow, XlsForm } from '../domain/authoring/xlsform';

export async function readXlsForm(input: Blob | ArrayBuffer): Promise<XlsForm | undefined> {
  let sheets: { sheet: string; data: unknown[][] }[];
  try {
    sheets = await readXlsxFile(input);
  } catch {
    return undefined; // not a workbook
  }
  const find = (name: string) => sheets.find((s) => s.sheet.trim().toLowerCase() === name);
  const survey = find('survey');
  if (!survey) return undefined;
  return {
    survey: rows(survey.data),
    choices: rows(find('choices')?.data ?? []),
    settings: rows(find('settings')?.data ?? []),
  };
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
