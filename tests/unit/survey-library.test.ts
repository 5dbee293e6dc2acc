import writeXlsxFile from 'write-excel-file/node';
import { freshDatabases } from '../fixtures/databases';
import { describe, expect, it } from 'vitest';
import type { SurveyRow } from '../../src/storage/db';
import {
  importSurveyFile,
  usableSurveys,
  listDrafts,
  listSurveys,
  removeDraft,
  removeSurvey,
} from '../../src/state/study/survey-library';
import { study, studyJson } from '../fixtures/surveys';
import { choices, settings, sheetData, survey } from '../fixtures/xlsform-rows';

const database = freshDatabases('library');
const file = (name: string, content: string | Uint8Array<ArrayBuffer>) => {
  const blob = new Blob([content]);
  return { name, text: () => blob.text(), arrayBuffer: () => blob.arrayBuffer() };
};

async function workbook(): Promise<Uint8Array<ArrayBuffer>> {
  const blob = await writeXlsxFile([
    { data: sheetData(survey), sheet: 'survey' },
    { data: sheetData(choices), sheet: 'choices' },
    { data: sheetData(settings), sheet: 'settings' },
  ]).toBuffer();
  return new Uint8Array(blob);
}

describe('the questionnaire library', () => {
  it('imports an XLSForm workbook into a checked questionnaire, with the report', async () => {
    const db = database();
    const result = await importSurveyFile(db, file('na-corona.xlsx', await workbook()));
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.row).toMatchObject({ surveyId: 'na_corona', version: 3, source: 'xlsform' });
    expect(result.xlsform?.report.map((r) => r.name)).toContain('leeftijd');
    expect(result.xlsform?.questions).toEqual({ total: 10, brought: 10 });
    expect((await listSurveys(db)).map((s) => s.fileName)).toEqual(['na-corona.xlsx']);
    const undo = await removeSurvey(db, result.row.id);
    expect(await listSurveys(db)).toEqual([]);
    await undo();
    expect(await listSurveys(db)).toEqual([result.row]);
  });

  it('a removed draft comes back whole with undo', async () => {
    const db = database();
    await db.drafts.put({ id: 'd1', draft: studyJson(), updatedAt: 5, basis: '{}' });
    const undo = await removeDraft(db, 'd1');
    expect(await listDrafts(db)).toEqual([]);
    await undo();
    expect(await db.drafts.get('d1')).toEqual({
      id: 'd1',
      draft: studyJson(),
      updatedAt: 5,
      basis: '{}',
    });
  });

  it("imports survey JSON, and refuses a broken file with the validator's issues", async () => {
    const db = database();
    expect(
      await importSurveyFile(db, file('studie.json', JSON.stringify(studyJson()))),
    ).toMatchObject({
      ok: true,
      row: { surveyId: 'som_na_corona', source: 'json' },
    });
    const broken = await importSurveyFile(db, file('kapot.json', '{"format": "kring-survey"'));
    expect(broken).toMatchObject({ ok: false, issues: [{ code: 'jsonAt', params: { line: 1 } }] });
    expect(await importSurveyFile(db, file('geen.xlsx', 'dit is geen werkboek'))).toEqual({
      ok: false,
      unreadable: true,
      problem: { reason: 'text' },
    });
    expect(await listSurveys(db)).toHaveLength(1);
  });

  it('says why a file is not an XLSForm, one reason per kind of file', async () => {
    const db = database();
    const reasonOf = async (name: string, content: string | Uint8Array<ArrayBuffer>) => {
      const result = await importSurveyFile(db, file(name, content));
      return 'problem' in result ? result.problem : result;
    };
    expect(await reasonOf('leeg.xlsx', '')).toEqual({ reason: 'empty' });
    const oldExcel = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]);
    expect(await reasonOf('oud.xls', oldExcel)).toEqual({ reason: 'xls' });
    expect(await reasonOf('lijst.csv', 'type;name;label\ntext;naam;Naam\n')).toEqual({
      reason: 'text',
    });
    const zipNoWorkbook = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8, 255, 0]);
    expect(await reasonOf('kapot.xlsx', zipNoWorkbook)).toEqual({ reason: 'notWorkbook' });
    const huge = new Uint8Array(10 * 1024 * 1024 + 1);
    huge.set([0x50, 0x4b]);
    expect(await reasonOf('groot.xlsx', huge)).toEqual({ reason: 'tooLarge', megabytes: 10 });
    const noSurvey = await writeXlsxFile([{ data: [['a'], ['b']], sheet: 'Blad1' }]).toBuffer();
    expect(await reasonOf('blad.xlsx', new Uint8Array(noSurvey))).toEqual({
      reason: 'noSurvey',
      sheets: 'Blad1',
    });
    expect(await listSurveys(db)).toEqual([]);
  });
});

describe('the questionnaires a session can start on', () => {
  it('are the library rows that pass the check, each read once', () => {
    const good = { id: 'a', definition: JSON.stringify(studyJson()) } as SurveyRow;
    const broken = { id: 'b', definition: '{"id": "x"' } as SurveyRow;
    const usable = usableSurveys([good, broken]);
    expect(usable.map((u) => u.row.id)).toEqual(['a']);
    expect(usable[0]!.survey.id).toBe(study().id);
  });
});
