/**
 * The data files of one or more sessions for the research report (docs/export-formats.md):
 * wide and long CSV, the codebook as CSV (also what R reads), SPSS syntax, and an XLSX workbook
 * with a data and a codebook sheet. Only responses the laptop accepted are exported.
 */
import writeXlsxFile from 'write-excel-file/universal';
import { toCsv } from '../domain/export/csv';
import { neutraliseRows } from '../domain/export/spreadsheet-safe';
import { spssSyntax } from '../domain/export/spss';
import {
  codebookTable,
  longTable,
  wideTable,
  type ExportResponse,
  type Table,
} from '../domain/export/tables';
import { studyVariables, type Text } from '../domain/export/variables';
import type { Survey } from '../domain/survey-schema';
import { validateSurvey } from '../domain/survey-validate';
import type { KringDb } from '../storage/db';
import { studyGroups } from './study';

export interface StudyData {
  survey: Survey;
  wide: Table;
  long: Table;
  codebook: Table;
  sps: string;
}

export type StudyDataResult =
  { ok: true; data: StudyData } | { ok: false; reason: 'none' | 'differentSurveys' };

export const WIDE_CSV = 'kring-data.csv';

/**
 * Everything the files hold, for the sessions given: they must have answered one questionnaire
 * (any of its versions; variables follow the latest, `survey_version` says which one each
 * response answered).
 */
export async function studyData(
  db: KringDb,
  sessionIds: string[],
  text: Text,
  options: { submittedOnly?: boolean } = {},
): Promise<StudyDataResult> {
  const sessions = (await db.sessions.bulkGet(sessionIds)).filter((s) => s !== undefined);
  if (sessions.length === 0) return { ok: false, reason: 'none' };
  const group = (await studyGroups(db)).find((g) =>
    g.sessions.some((s) => s.id === sessions[0]!.id),
  );
  if (!group) throw new Error('a stored session holds an invalid definition');
  if (sessions.some((s) => !group.versionOf.has(s.id)))
    return { ok: false, reason: 'differentSurveys' };
  // Earlier versions' items that changed meaning get variables of their own (studyVariables).
  const surveys = [...new Map(sessions.map((s) => [s.definition, s])).values()]
    .map((s) => validateSurvey(s.definition))
    .flatMap((checked) => (checked.ok ? [checked.survey] : []));
  const schoolOf = new Map(sessions.map((s) => [s.id, s.school]));
  const rows = await db.collected.where('sessionId').anyOf(sessionIds).toArray();
  const responses: ExportResponse[] = rows
    .filter((r) => r.status === 'valid' && r.response)
    .filter((r) => !options.submittedOnly || r.response!.status === 'submitted')
    .map((r) => ({
      sessionId: r.sessionId,
      sessionSchool: schoolOf.get(r.sessionId) ?? '',
      version: group.versionOf.get(r.sessionId)!,
      response: r.response!,
    }))
    .sort(
      (a, b) =>
        a.response.startedAt - b.response.startedAt || a.response.id.localeCompare(b.response.id),
    );
  const survey = group.plan.latest;
  const variables = studyVariables(group.plan, surveys, text);
  const wide = wideTable(variables, responses);
  return {
    ok: true,
    data: {
      survey,
      wide,
      long: longTable(variables, responses),
      codebook: codebookTable(variables),
      sps: spssSyntax(variables, wide, WIDE_CSV, text(survey.title)),
    },
  };
}

/** The files to offer, by name. `bom` adds a byte-order mark to the CSVs for Excel. */
export async function studyFiles(data: StudyData, bom: boolean): Promise<Map<string, Blob>> {
  const csv = (table: Table) => new Blob([toCsv(table, bom)], { type: 'text/csv' });
  const sheet = (table: Table) => neutraliseRows([table.header, ...table.rows]);
  const xlsx = await writeXlsxFile([
    { data: sheet(data.wide), sheet: 'data', stickyRowsCount: 1 },
    { data: sheet(data.codebook), sheet: 'codebook', stickyRowsCount: 1 },
  ]).toBlob();
  return new Map([
    [WIDE_CSV, csv(data.wide)],
    ['kring-data-long.csv', csv(data.long)],
    ['kring-codebook.csv', csv(data.codebook)],
    ['kring-data.sps', new Blob([data.sps], { type: 'text/plain' })],
    ['kring-data.xlsx', xlsx],
  ]);
}
