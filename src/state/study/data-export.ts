/**
 * The data files of one or more sessions for the research report (docs/export-formats.md):
 * wide and long CSV, the codebook as CSV (also what R reads), an XLSX workbook with a data and a
 * codebook sheet, and SPSS syntax with the CSV it reads. Only responses the laptop accepted are
 * exported.
 */
import { toCsv } from '../../domain/export/csv';
import { neutraliseRows } from '../../domain/export/spreadsheet-safe';
import { spssCsv, spssSyntax } from '../../domain/export/spss';
import {
  codebookTable,
  homeTimeZone,
  longTable,
  wideTable,
  type ExportResponse,
  type Table,
} from '../../domain/export/tables';
import { studyVariables, type Text, type Variable } from '../../domain/export/variables';
import type { Survey } from '../../domain/survey-schema';
import { validateSurvey } from '../../domain/survey-validate';
import type { KringDb } from '../../storage/db';
import { collectedIn } from '../../storage/collected-store';
import { getSessions } from '../../storage/session-store';
import { studyGroups } from './study';

export interface StudyData {
  survey: Survey;
  /** What the files are named after: the session's title, or the questionnaire's for several. */
  title: string;
  variables: Variable[];
  wide: Table;
  long: Table;
  codebook: Table;
  /** The zone of the local times. */
  timeZone: string;
}

export type StudyDataResult =
  { ok: true; data: StudyData } | { ok: false; reason: 'none' | 'differentSurveys' };

/** What a file is for: the UI describes each kind in one line. */
export type ExportFileKind = 'wide' | 'long' | 'codebook' | 'sps' | 'spssCsv' | 'xlsx';

export interface ExportFile {
  name: string;
  kind: ExportFileKind;
  blob: Blob;
}

export interface ExportOptions {
  /** The CSVs' separator: `;` for Excel with Dutch or Belgian settings, `,` elsewhere. */
  delimiter: ',' | ';';
  /** A byte-order mark, so Excel reads the CSVs as UTF-8. */
  bom: boolean;
  /** The day in the names (default: today). */
  date?: Date;
}

/** "welbevinden-de-klimop-2026-12-03": a title as a file name, with the (local) date. */
export function exportBaseName(title: string, date: Date): string {
  const slug = title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  // At most 48 characters, cut between words.
  const short = slug.length <= 48 ? slug : slug.slice(0, 49).replace(/-[^-]*$/, '');
  const day = [date.getFullYear(), date.getMonth() + 1, date.getDate()]
    .map((n) => String(n).padStart(2, '0'))
    .join('-');
  return `${short || 'kring'}-${day}`;
}

/**
 * Everything the files hold, for the sessions given: they must have answered one questionnaire
 * (any of its versions; variables follow the latest, `survey_version` says which one each
 * response answered).
 */
export async function studyData(
  db: KringDb,
  sessionIds: string[],
  text: Text,
  options: { submittedOnly?: boolean; timeZone?: string } = {},
): Promise<StudyDataResult> {
  const sessions = await getSessions(db, sessionIds);
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
  const rows = await collectedIn(db, sessionIds);
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
  const timeZone = options.timeZone ?? homeTimeZone();
  return {
    ok: true,
    data: {
      survey,
      title: sessions.length === 1 ? sessions[0]!.title : text(survey.title),
      variables,
      wide: wideTable(variables, responses, timeZone),
      long: longTable(variables, responses),
      codebook: codebookTable(variables),
      timeZone,
    },
  };
}

/** The files to offer, in order; the SPSS syntax reads the SPSS CSV by its name. */
export async function studyFiles(data: StudyData, options: ExportOptions): Promise<ExportFile[]> {
  const base = exportBaseName(data.title, options.date ?? new Date());
  const csv = (table: Table) =>
    new Blob([toCsv(table, { bom: options.bom, delimiter: options.delimiter })], {
      type: 'text/csv',
    });
  const sheet = (table: Table) => neutraliseRows([table.header, ...table.rows]);
  // The spreadsheet writer loads with the first export: the kit page opens without it.
  const { default: writeXlsxFile } = await import('write-excel-file/universal');
  const xlsx = await writeXlsxFile([
    { data: sheet(data.wide), sheet: 'data', stickyRowsCount: 1 },
    { data: sheet(data.codebook), sheet: 'codebook', stickyRowsCount: 1 },
  ]).toBlob();
  const spssCsvName = `${base}-spss.csv`;
  const sps = spssSyntax(data.variables, data.wide, {
    csvName: spssCsvName,
    title: data.title,
    timeZone: data.timeZone,
  });
  return [
    { name: `${base}-data.csv`, kind: 'wide', blob: csv(data.wide) },
    { name: `${base}-data-long.csv`, kind: 'long', blob: csv(data.long) },
    { name: `${base}-codebook.csv`, kind: 'codebook', blob: csv(data.codebook) },
    { name: `${base}.xlsx`, kind: 'xlsx', blob: xlsx },
    { name: `${base}-spss.sps`, kind: 'sps', blob: new Blob([sps], { type: 'text/plain' }) },
    {
      name: spssCsvName,
      kind: 'spssCsv',
      blob: new Blob([spssCsv(data.wide)], { type: 'text/csv' }),
    },
  ];
}
