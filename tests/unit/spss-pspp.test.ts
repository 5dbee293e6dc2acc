/**
 * The SPSS files as PSPP (Debian's `pspp`, installed by .ci/run) reads them: every case once,
 * whatever the open answers hold (line breaks, quotes, commas, semicolons, accents), strings not
 * cut, and the measurement levels declared. PSPP runs the exported syntax as a researcher would,
 * then writes back what it read.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/domain/export/csv';
import type { AnswerValue } from '../../src/domain/answers';
import type { ResponseRecord } from '../../src/domain/response';
import type { LocalizedText } from '../../src/domain/survey-schema';
import { KringDb } from '../../src/storage/db';
import { studyData, studyFiles } from '../../src/state/study/data-export';
import { collect, sessionWithResponses } from '../fixtures/collected-sessions';
import { formKinds } from '../fixtures/surveys';
import { createSession } from '../../src/state/facilitator/sessions';
import { FIGURE_1, FIGURE_1_ROWS, figure1Respondents } from '../fixtures/figure1';

const text = (t: LocalizedText | undefined) => t?.nl ?? '';
const dbs: KringDb[] = [];
afterEach(() => dbs.splice(0).forEach((db) => db.close()));

/** Open answers as participants type them, and as a hostile tablet might send them. */
const AWKWARD = [
  'Meer tijd voor gesprekken.\nEn minder planlast.',
  'Windows-regels\r\nin een antwoord',
  'Een oude Mac\rschreef zo',
  'Leeg\n\nertussen',
  'Ze zei: "ja", en dan; nee',
  "'=1+1' met aanhalingstekens",
  'Eindigt op een regeleinde\n',
];

/**
 * Runs the exported syntax in PSPP, then lets PSPP write back its cases and its dictionary.
 * PSPP's CSV writer drops carriage returns, so a CR it holds is written back as "<CR>".
 */
function readWithPspp(
  folder: string,
  sps: string,
  before = "COMPUTE welbevinden_acties = REPLACE(welbevinden_acties, X'0D', '<CR>').",
) {
  const script = `${sps}
${before}
DISPLAY DICTIONARY.
SAVE TRANSLATE /OUTFILE='back.csv' /TYPE=CSV /FIELDNAMES /CELLS=VALUES /REPLACE.
`;
  writeFileSync(join(folder, 'run.sps'), script);
  execFileSync('pspp', ['run.sps', '-o', 'output.csv'], { cwd: folder, stdio: 'pipe' });
  const output = readFileSync(join(folder, 'output.csv'), 'utf8');
  expect(output).not.toMatch(/error|warning/i);
  const [header, ...cases] = parseCsv(readFileSync(join(folder, 'back.csv'), 'utf8'));
  const dictionary = parseCsv(output.slice(output.indexOf('Table: Variables') + 17));
  return {
    cases: cases.map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i]!]))),
    level: (name: string) =>
      dictionary.find((row) => row[0] === name)?.[dictionary[0]!.indexOf('Measurement Level')],
    format: (name: string) =>
      dictionary.find((row) => row[0] === name)?.[dictionary[0]!.indexOf('Print Format')],
  };
}

describe('the SPSS export as PSPP reads it', () => {
  it('reads every respondent once, with multi-line answers whole, and counts Figure 1 right', async () => {
    const db = new KringDb(`spss-pspp-${Date.now()}`);
    dbs.push(db);
    const respondents = figure1Respondents();
    const answerOf = (i: number) => (i % 8 === 0 ? AWKWARD[(i / 8) % AWKWARD.length] : undefined);
    const response = (i: number): ResponseRecord => ({
      id: respondents[i]!.id,
      surveyId: 'som_na_corona',
      surveyVersion: 1,
      status: 'submitted',
      language: 'nl',
      startedAt: 1_700_000_000_000 + i,
      updatedAt: 1_700_000_001_000,
      submittedAt: 1_700_000_001_000,
      answers: {
        ...respondents[i]!.answers,
        'profiel.role': 'leerkracht',
        ...(answerOf(i) ? { welbevinden_acties: answerOf(i) } : {}),
        ...(i === 1 ? { welbevinden_toekomst: 'Coördinatie en één visie' } : {}),
        verandering_school: (i % 10) + 1,
      },
    });
    const session = await sessionWithResponses(db, 'De Klimop', respondents.length, response);
    // One more respondent whose answer holds the stand-in the export uses for a line break.
    await collect(db, session.id, {
      ...response(2),
      id: 'r-stand-in'.padEnd(21, 'x'),
      answers: { 'profiel.role': 'leerkracht', welbevinden_acties: 'privé\uE00Ateken' },
    });
    const result = await studyData(db, [session.id], text);
    if (!result.ok) throw new Error(result.reason);
    const folder = mkdtempSync(join(tmpdir(), 'kring-pspp-'));
    const files = await studyFiles(result.data, { delimiter: ';', bom: true });
    for (const file of files)
      writeFileSync(join(folder, file.name), Buffer.from(await file.blob.arrayBuffer()));

    const { cases, level } = readWithPspp(
      folder,
      await files.find((f) => f.kind === 'sps')!.blob.text(),
    );

    expect(cases).toHaveLength(respondents.length + 1);
    const byId = new Map(cases.map((c) => [c.response_id, c]));
    respondents.forEach((r, i) => {
      const read = byId.get(r.id)!;
      expect(read.welbevinden_acties).toBe((answerOf(i) ?? '').replaceAll('\r', '<CR>'));
    });
    expect(byId.get(respondents[1]!.id)!.welbevinden_toekomst).toBe('Coördinatie en één visie');
    expect(byId.get('r-stand-in'.padEnd(21, 'x'))!.welbevinden_acties).toBe('privé\uFFFDteken');
    for (const row of FIGURE_1_ROWS) {
      const counts = [1, 2, 3, 4, 5].map(
        (rank) => cases.filter((c) => c[`prioriteiten.${row}`] === String(rank)).length,
      );
      expect(counts, row).toEqual(FIGURE_1[row]);
    }
    expect(level('profiel.role')).toBe('Nominal');
    expect(level('onderwijsniveau')).toBe('Nominal');
    expect(level('prioriteiten.welbevinden')).toBe('Ordinal');
    expect(level('welbevinden_stellingen.werkdruk')).toBe('Ordinal');
    expect(level('verandering_school')).toBe('Scale');
  });

  it('keeps what an imported XLSForm asks: typed decimals, whole-number choice codes, dates', async () => {
    const db = new KringDb(`spss-pspp-form-${Date.now()}`);
    dbs.push(db);
    const session = await createSession(db, {
      definition: JSON.stringify(formKinds()),
      title: 'Formulier',
      school: 'De Klimop',
    });
    const answers: Record<string, AnswerValue>[] = [
      { leeftijd: 14, uren: 2.25, gelezen: 'ok', graad: '2', cijfer: 4, geboren: '2012-02-29' },
      { leeftijd: 9, uren: 0.5, gelezen: 'ok', graad: '1', aankomst: '2026-03-31T14:30' },
    ];
    for (const [i, a] of answers.entries())
      await collect(db, session.id, {
        id: `form-${i}`.padEnd(21, 'x'),
        surveyId: 'form_kinds',
        surveyVersion: 2,
        status: 'submitted',
        language: 'nl',
        startedAt: 1_700_000_000_000,
        updatedAt: 1_700_000_001_000,
        submittedAt: 1_700_000_001_000,
        answers: a,
      });
    const result = await studyData(db, [session.id], text);
    if (!result.ok) throw new Error(result.reason);
    const folder = mkdtempSync(join(tmpdir(), 'kring-pspp-form-'));
    const files = await studyFiles(result.data, { delimiter: ';', bom: true });
    for (const file of files)
      writeFileSync(join(folder, file.name), Buffer.from(await file.blob.arrayBuffer()));
    const { cases, level, format } = readWithPspp(
      folder,
      await files.find((f) => f.kind === 'sps')!.blob.text(),
      '',
    );
    expect(cases.map((c) => [c.leeftijd, c.uren, c.graad, c.geboren, c.aankomst])).toEqual([
      ['14', '2.25', '2', '2012-02-29', ''],
      ['9', '0.5', '1', '', '2026-03-31T14:30'],
    ]);
    expect(level('uren')).toBe('Scale');
    // Shown with its decimals in SPSS's data view, not rounded to a whole number.
    expect(format('uren')).toMatch(/^F\d+\.2$/);
    expect(format('leeftijd')).toMatch(/^F\d+\.0$/);
    expect(level('graad')).toBe('Nominal');
  });
});
