/**
 * The facilitator's questionnaires besides the bundled one: brought in as a survey JSON file or
 * an XLSForm workbook, checked with the same validator as every file, kept on the laptop, and
 * offered when a session starts. An XLSForm comes with a report of what could not be brought over.
 */
import { nanoid } from 'nanoid';
import { fromXlsForm, type XlsFormNote } from '../domain/authoring/xlsform';
import { validateSurvey, type ValidationIssue } from '../domain/survey-validate';
import type { KringDb, SurveyRow } from '../storage/db';
import { readXlsForm } from './xlsform-file';

export type LibraryImport =
  | { ok: true; row: SurveyRow; report: XlsFormNote[] }
  | { ok: false; issues: ValidationIssue[]; report: XlsFormNote[] }
  | { ok: false; unreadable: true };

export async function listSurveys(db: KringDb): Promise<SurveyRow[]> {
  return (await db.surveys.orderBy('addedAt').toArray()).reverse();
}

/** Imports a file: an .xlsx is read as an XLSForm, anything else as survey JSON. */
export async function importSurveyFile(
  db: KringDb,
  file: { name: string; text(): Promise<string>; arrayBuffer(): Promise<ArrayBuffer> },
  now: () => number = Date.now,
): Promise<LibraryImport> {
  const isWorkbook = /\.xlsx$/i.test(file.name);
  let definition: unknown;
  let report: XlsFormNote[] = [];
  try {
    if (isWorkbook) {
      const form = await readXlsForm(await file.arrayBuffer());
      if (!form) return { ok: false, unreadable: true };
      ({ definition, report } = fromXlsForm(form));
    } else definition = await file.text();
  } catch {
    return { ok: false, unreadable: true };
  }
  const checked = validateSurvey(definition);
  if (!checked.ok) return { ok: false, issues: checked.issues, report };
  const row: SurveyRow = {
    id: nanoid(),
    surveyId: checked.survey.id,
    version: checked.survey.version,
    definition: typeof definition === 'string' ? definition : JSON.stringify(definition, null, 1),
    source: isWorkbook ? 'xlsform' : 'json',
    fileName: file.name,
    addedAt: now(),
  };
  await db.surveys.add(row);
  return { ok: true, row, report };
}

/** Removes a questionnaire from the library; returns an undo that puts it back as it was. */
export async function removeSurvey(db: KringDb, id: string): Promise<() => Promise<void>> {
  const row = await db.surveys.get(id);
  await db.surveys.delete(id);
  return async () => {
    if (row) await db.surveys.put(row);
  };
}

/** Questionnaires being written, newest first, with their title for the list. */
export async function listDrafts(
  db: KringDb,
): Promise<{ id: string; title: string; updatedAt: number }[]> {
  const rows = await db.drafts.orderBy('updatedAt').reverse().toArray();
  return rows.map((row) => {
    const title = (row.draft as { title?: Record<string, string> } | undefined)?.title ?? {};
    return {
      id: row.id,
      title: Object.values(title).find((t) => t.trim()) ?? '',
      updatedAt: row.updatedAt,
    };
  });
}

/** Removes a draft; returns an undo that puts it back as it was (hours of writing, maybe). */
export async function removeDraft(db: KringDb, id: string): Promise<() => Promise<void>> {
  const row = await db.drafts.get(id);
  await db.drafts.delete(id);
  return async () => {
    if (row) await db.drafts.put(row);
  };
}
