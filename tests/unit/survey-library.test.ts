import writeXlsxFile from 'write-excel-file/node';
import { afterEach, describe, expect, it } from 'vitest';
import { KringDb } from '../../src/storage/db';
import {
  importSurveyFile,
  listDrafts,
  listSurveys,
  removeDraft,
  removeSurvey,
} from '../../src/state/survey-library';
import { studyJson } from '../fixtures/surveys';
import { choices, settings, sheetData, survey } from '../fixtures/xlsform';

let n = 0;
const dbs: KringDb[] = [];
afterEach(() => dbs.splice(0).forEach((db) => db.close()));
const database = () => {
  const db = new KringDb(`library-${++n}`);
  dbs.push(db);
  return db;
};
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
    expect(result.report.map((r) => r.name)).toContain('leeftijd');
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
    expect(broken).toMatchObject({ ok: false, issues: [{ code: 'json' }] });
    expect(await importSurveyFile(db, file('geen.xlsx', 'dit is geen werkboek'))).toEqual({
      ok: false,
      unreadable: true,
    });
    expect(await listSurveys(db)).toHaveLength(1);
  });
});
