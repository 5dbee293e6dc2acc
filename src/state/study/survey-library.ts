/**
 * The facilitator's questionnaires besides the bundled one: brought in as a survey JSON file or
 * an XLSForm workbook, checked with the same validator as every file, kept on the laptop, and
 * offered when a session starts. An XLSForm comes with a report of what could not be brought over.
 */
import { nanoid } from 'nanoid';
import type { XlsFormImport } from '../../domain/authoring/xlsform';
import type { Survey } from '../../domain/survey-schema';
import { validateSurvey, type ValidationIssue } from '../../domain/survey-validate';
import type { KringDb, SurveyRow } from '../../storage/db';
import {
  addSurvey,
  draftsNewestFirst,
  putDraft,
  putSurvey,
  surveysNewestFirst,
  takeDraft,
  takeSurvey,
} from '../../storage/survey-store';
import type { XlsFormProblem } from './xlsform-file';

/** What an XLSForm import tells besides the definition: its report, places, question counts. */
export type XlsFormOutcome = Pick<XlsFormImport, 'report' | 'places' | 'questions'>;

export type LibraryImport =
  | { ok: true; row: SurveyRow; xlsform?: XlsFormOutcome }
  | { ok: false; issues: ValidationIssue[]; xlsform?: XlsFormOutcome }
  | { ok: false; unreadable: true; problem?: XlsFormProblem };

/** The library, newest first. */
export function listSurveys(db: KringDb): Promise<SurveyRow[]> {
  return surveysNewestFirst(db);
}

/**
 * Imports a file: a workbook (.xlsx, or .xls / .csv that someone meant as one) is read as an
 * XLSForm, anything else as survey JSON. `language` is the importer's, for a form whose labels
 * do not say theirs.
 */
/** A library row with its questionnaire, checked once when the library is read. */
export interface UsableSurvey {
  row: SurveyRow;
  survey: Survey;
}

/** The library's questionnaires that pass the check (a session can start on them). */
export function usableSurveys(rows: readonly SurveyRow[]): UsableSurvey[] {
  return rows.flatMap((row) => {
    const result = validateSurvey(row.definition);
    return result.ok ? [{ row, survey: result.survey }] : [];
  });
}

export async function importSurveyFile(
  db: KringDb,
  file: { name: string; text(): Promise<string>; arrayBuffer(): Promise<ArrayBuffer> },
  { now = Date.now, language = 'nl' }: { now?: () => number; language?: string } = {},
): Promise<LibraryImport> {
  const isWorkbook = /\.(xlsx|xls|csv)$/i.test(file.name);
  let definition: unknown;
  let xlsform: XlsFormOutcome | undefined;
  try {
    if (isWorkbook) {
      // The spreadsheet reader loads with the first workbook: the kit page opens without it.
      const [{ readXlsForm }, { fromXlsForm }] = await Promise.all([
        import('./xlsform-file'),
        import('../../domain/authoring/xlsform'),
      ]);
      const read = await readXlsForm(await file.arrayBuffer());
      if (!read.ok) return { ok: false, unreadable: true, problem: problemOf(read) };
      const imported = fromXlsForm(read.form, { fileName: file.name, language });
      definition = imported.definition;
      xlsform = { report: imported.report, places: imported.places, questions: imported.questions };
    } else definition = await file.text();
  } catch {
    return { ok: false, unreadable: true };
  }
  const checked = validateSurvey(definition);
  if (!checked.ok) return { ok: false, issues: checked.issues, ...(xlsform ? { xlsform } : {}) };
  const row: SurveyRow = {
    id: nanoid(),
    surveyId: checked.survey.id,
    version: checked.survey.version,
    definition: typeof definition === 'string' ? definition : JSON.stringify(definition, null, 1),
    source: isWorkbook ? 'xlsform' : 'json',
    fileName: file.name,
    addedAt: now(),
  };
  await addSurvey(db, row);
  return { ok: true, row, ...(xlsform ? { xlsform } : {}) };
}

/** Removes a questionnaire from the library; returns an undo that puts it back as it was. */
export async function removeSurvey(db: KringDb, id: string): Promise<() => Promise<void>> {
  const row = await takeSurvey(db, id);
  return async () => {
    if (row) await putSurvey(db, row);
  };
}

/** Questionnaires being written, newest first, with their title for the list. */
export async function listDrafts(
  db: KringDb,
): Promise<{ id: string; title: string; updatedAt: number }[]> {
  const rows = await draftsNewestFirst(db);
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
  const row = await takeDraft(db, id);
  return async () => {
    if (row) await putDraft(db, row);
  };
}

/** The reason a file is not an XLSForm, without the `ok` flag of the read. */
function problemOf(read: { ok: false } & XlsFormProblem): XlsFormProblem {
  const problem: Record<string, unknown> = { ...read };
  delete problem.ok;
  return problem as XlsFormProblem;
}
