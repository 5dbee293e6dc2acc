/**
 * The data of a study as tables (docs/export-formats.md): wide (one row per response, one
 * column per variable), long (one row per answer) and the codebook (one row per variable).
 * Plain arrays of cells; CSV, XLSX and SPSS writers take them from here.
 */
import type { ResponseRecord } from '../response';
import { META_VARIABLES, type Variable } from './variables';

export type Cell = string | number;
export interface Table {
  header: string[];
  rows: Cell[][];
}

/** One response with the session it came from. */
export interface ExportResponse {
  sessionId: string;
  sessionSchool: string;
  /** The questionnaire version the session ran. */
  version: number;
  response: ResponseRecord;
}

const iso = (time: number | undefined) => (time === undefined ? '' : new Date(time).toISOString());

/** "2026-12-03 14:05:07" in the time zone given: what spreadsheets read as a date and time. */
export function localTime(timeZone: string): (time: number | undefined) => string {
  const format = new Intl.DateTimeFormat('sv-SE', {
    dateStyle: 'short',
    timeStyle: 'medium',
    timeZone,
  });
  return (time) => (time === undefined ? '' : format.format(time));
}

/** The time zone of this computer: the one the local times are given in. */
export const homeTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

function meta(
  { sessionId, sessionSchool, version, response }: ExportResponse,
  local: (time: number | undefined) => string,
): Cell[] {
  return [
    response.id,
    sessionId,
    sessionSchool,
    version,
    response.language,
    response.status,
    iso(response.startedAt),
    iso(response.submittedAt),
    local(response.startedAt),
    local(response.submittedAt),
  ];
}

/** A variable's value in a response, if the variable holds answers of the response's version. */
function valueOf(variable: Variable, r: ExportResponse): Cell | undefined {
  return !variable.versions || variable.versions.has(r.version)
    ? variable.read(r.response.answers)
    : undefined;
}

export function wideTable(
  variables: Variable[],
  responses: ExportResponse[],
  timeZone = homeTimeZone(),
): Table {
  const local = localTime(timeZone);
  return {
    header: [...META_VARIABLES, ...variables.map((v) => v.name)],
    rows: responses.map((r) => [...meta(r, local), ...variables.map((v) => valueOf(v, r) ?? '')]),
  };
}

export function longTable(variables: Variable[], responses: ExportResponse[]): Table {
  const rows: Cell[][] = [];
  for (const r of responses)
    for (const v of variables) {
      const value = valueOf(v, r);
      if (value !== undefined) rows.push([r.response.id, r.sessionId, v.name, value]);
    }
  return { header: ['response_id', 'session_id', 'variable', 'value'], rows };
}

/** Variable, label, type, value labels ("1=…; 2=…") and missing codes: readable by R and people. */
export function codebookTable(variables: Variable[]): Table {
  return {
    header: ['variable', 'label', 'type', 'values', 'missing'],
    rows: variables.map((v) => [
      v.name,
      v.label,
      v.type,
      (v.values ?? []).map(([code, label]) => `${code}=${label}`).join('; '),
      (v.missing ?? []).join('; '),
    ]),
  };
}
