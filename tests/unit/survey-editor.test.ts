import { afterEach, describe, expect, it } from 'vitest';
import { blankSurvey, updateItem } from '../../src/domain/authoring/operations';
import type { Item, LocalizedText } from '../../src/domain/survey-schema';
import { KringDb } from '../../src/storage/db';
import { SurveyEditor } from '../../src/state/survey-editor.svelte';

let n = 0;
const dbs: KringDb[] = [];
afterEach(() => dbs.splice(0).forEach((db) => db.close()));
const database = () => {
  const db = new KringDb(`editor-${++n}`);
  dbs.push(db);
  return db;
};
const both = (nl: string, en: string): LocalizedText => ({ nl, en });

/** Fills every text a blank survey leaves empty, as a facilitator would. */
function writeTexts(editor: SurveyEditor) {
  editor.apply((d) => ({ ...d, title: both('Klasklimaat', 'Class climate') }), 'title');
  for (const key of ['title', 'purpose', 'whoSees', 'anonymity', 'howToStop', 'consent'] as const)
    editor.apply((d) => ({ ...d, intro: { ...d.intro, [key]: both(`nl ${key}`, `en ${key}`) } }));
  editor.apply((d) => ({
    ...d,
    sections: d.sections.map((s) => ({ ...s, title: both('Deel', 'Part') })),
  }));
}

describe('the survey editor', () => {
  it('starts a blank questionnaire that lists what is still to write, and blocks publishing until done', async () => {
    const db = database();
    const editor = (await SurveyEditor.open(db, 'draft1', blankSurvey()))!;
    expect(editor.validation.ok).toBe(false);
    expect(await editor.publish()).toBeUndefined();
    writeTexts(editor);
    expect(editor.validation.ok ? [] : editor.validation.issues).toEqual([]);
    expect(editor.missingTranslations).toEqual([]);
    const row = await editor.publish();
    expect(row).toMatchObject({ surveyId: 'nieuwe_vragenlijst', version: 1 });
    // A changed survey published again is a new version; the first stays as it was.
    editor.apply((d) => updateItem(d, 0, 0, (item: Item) => ({ ...item, required: true })));
    expect(await editor.changesSincePublished()).toEqual([
      { itemId: editor.draft.sections[0]!.items[0]!.id, change: 'text' },
    ]);
    const second = await editor.publish();
    expect(second?.version).toBe(2);
    expect(await db.surveys.count()).toBe(2);
  });

  it('joins quick edits of one field into one undo step; undo and redo work', async () => {
    const editor = (await SurveyEditor.open(database(), 'draft2', blankSurvey()))!;
    editor.apply((d) => ({ ...d, title: both('K', '') }), 'title');
    editor.apply((d) => ({ ...d, title: both('Kl', '') }), 'title');
    editor.apply((d) => ({ ...d, title: both('Kla', '') }), 'title');
    editor.apply((d) => ({ ...d, id: 'klas' }), 'id');
    editor.undo();
    expect(editor.draft.title.nl).toBe('Kla');
    editor.undo();
    expect(editor.draft.title.nl).toBe('');
    expect(editor.canUndo).toBe(false);
    editor.redo();
    editor.redo();
    expect(editor.draft.id).toBe('klas');
  });

  it('keeps the draft over a reload: nothing written is lost', async () => {
    const db = database();
    const editor = (await SurveyEditor.open(db, 'draft3', blankSurvey()))!;
    editor.apply((d) => ({ ...d, title: both('Bewaard', 'Saved') }), 'title');
    await editor.flush();
    const again = (await SurveyEditor.open(db, 'draft3'))!;
    expect(again.draft.title).toEqual(both('Bewaard', 'Saved'));
  });
});
