/**
 * The choice lists of an XLSForm. A choice's name is its code, kept as written (`1`, `0`,
 * `yes`, `dont_know`, `-99`); a name Kring cannot store as a code (a space, a dot, too long)
 * gets a close one, reported. Names are matched on the list's name as written.
 */
import type { LocalizedText } from '../../survey-schema';
import { note, type XlsFormNote } from './report';
import { cell, type FormRow } from './sheets';
import type { FormTexts } from './texts';

export interface FormChoice {
  /** The choice's name in the form. */
  name: string;
  /** Its code in Kring (the name, unless it could not be one). */
  code: string;
  text: LocalizedText;
  row: FormRow;
}

const CODE = /^[A-Za-z0-9_-]{1,40}$/;

export function choiceLists(
  rows: readonly FormRow[],
  texts: FormTexts,
  report: XlsFormNote[],
): Map<string, FormChoice[]> {
  const lists = new Map<string, FormChoice[]>();
  for (const row of rows) {
    const list = cell(row, 'list_name');
    const name = cell(row, 'name');
    if (!list || !name) continue;
    const entries = lists.get(list) ?? [];
    lists.set(list, entries);
    const at = { row: row.line, name, sheet: 'choices' as const };
    if (entries.some((c) => c.name === name)) {
      report.push(note(at, 'duplicateChoice', { list }));
      continue;
    }
    let code = CODE.test(name) ? name : name.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 40) || 'c';
    for (let n = 2; entries.some((c) => c.code === code); n++) code = `${code.slice(0, 36)}_${n}`;
    if (code !== name) report.push(note(at, 'choiceCode', { list, code }));
    let text = texts.text(row, 'label');
    if (Object.keys(text).length === 0) {
      // A choice shown as a picture only: its name stands in for the text.
      text = Object.fromEntries(texts.languages.map((l) => [l, name]));
      report.push(note(at, 'choiceNoLabel', { list }));
    }
    entries.push({ name, code, text, row });
  }
  return lists;
}
