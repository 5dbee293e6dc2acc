import { freshDatabases } from '../fixtures/databases';
import { describe, expect, it, vi } from 'vitest';
import { blankSurvey, moveSection, updateItem } from '../../src/domain/authoring/operations';
import type { Item, LocalizedText } from '../../src/domain/survey-schema';
import { SurveyEditor } from '../../src/state/study/survey-editor.svelte';
import { study, studyJson } from '../fixtures/surveys';

const database = freshDatabases('editor');
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
  // A new question comes with its texts to write (no placeholder): its wording and options.
  editor.apply((d) =>
    updateItem(d, 0, 0, (item) =>
      item.type === 'single-choice'
        ? {
            ...item,
            text: both('Voel je je goed?', 'Do you feel good?'),
            options: item.options.map((o, i) => ({
              ...o,
              text: both(`Optie ${i}`, `Option ${i}`),
            })),
          }
        : item,
    ),
  );
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
    editor.apply((d) => updateItem(d, 0, 0, (item: Item) => ({ ...item, required: true }) as Item));
    expect(editor.changes).toEqual([
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

  it('lists missing translations apart from problems, and publishes them only once accepted, filled from the first language', async () => {
    const db = database();
    const editor = (await SurveyEditor.open(db, 'draft4', blankSurvey()))!;
    writeTexts(editor);
    editor.apply((d) => ({ ...d, title: both('Klasklimaat', '') }), 'title');
    // A text written in Dutch only is a translation to make, not an invalid survey.
    expect(editor.validation.ok).toBe(true);
    expect(editor.missingTranslations).toEqual([
      { path: 'title', lang: 'en', source: 'Klasklimaat' },
    ]);
    expect(editor.canPublish).toBe(false);
    expect(await editor.publish()).toBeUndefined();
    editor.acceptMissing = true;
    const row = (await editor.publish())!;
    expect(JSON.parse(row.definition).title).toEqual(both('Klasklimaat', 'Klasklimaat'));
    // The draft keeps the gap, still listed, for a translator to fill later.
    expect(editor.draft.title.en).toBe('');
    expect(editor.missingTranslations).toHaveLength(1);
  });

  it('a text empty in every language is a problem to fix, not a translation to accept', async () => {
    const editor = (await SurveyEditor.open(database(), 'draft5', blankSurvey()))!;
    writeTexts(editor);
    editor.apply((d) => ({ ...d, title: both('', '') }), 'title');
    editor.acceptMissing = true;
    expect(editor.validation.ok).toBe(false);
    expect(editor.canPublish).toBe(false);
    expect(await editor.publish()).toBeUndefined();
  });

  it('editing the bundled study (not in the library) compares with it and publishes the next version', async () => {
    const db = database();
    const bundled = JSON.stringify(study());
    const editor = (await SurveyEditor.open(db, 'draft6', study(), bundled))!;
    expect(editor.publishedVersion?.version).toBe(study().version);
    editor.apply((d) => updateItem(d, 0, 0, (item: Item) => ({ ...item, required: false })));
    expect(editor.changes?.filter((c) => c.change !== 'same')).toHaveLength(1);
    await editor.flush();
    // Reopened from the list of drafts (no basis given): it still knows where it came from.
    const again = (await SurveyEditor.open(db, 'draft6'))!;
    const row = await again.publish();
    expect(row).toMatchObject({ surveyId: study().id, version: study().version + 1 });
  });

  it('says when a move is refused, and forgets it with the next change', async () => {
    const editor = (await SurveyEditor.open(database(), 'draft7', study()))!;
    const dependent = editor.draft.sections.findIndex((s) => s.showIf);
    editor.move((d) => moveSection(d, dependent, 0));
    expect(editor.moveRefused).toBe(true);
    expect(editor.canUndo).toBe(false);
    editor.move((d) => moveSection(d, 0, 1));
    expect(editor.moveRefused).toBe(false);
  });

  it('keeps the draft over a reload: nothing written is lost', async () => {
    const db = database();
    const editor = (await SurveyEditor.open(db, 'draft3', blankSurvey()))!;
    editor.apply((d) => ({ ...d, title: both('Bewaard', 'Saved') }), 'title');
    await editor.flush();
    const again = (await SurveyEditor.open(db, 'draft3'))!;
    expect(again.draft.title).toEqual(both('Bewaard', 'Saved'));
  });

  it('says when a change cannot be saved (a full disk), keeps it, and saves it with the next', async () => {
    const db = database();
    const editor = (await SurveyEditor.open(db, 'draft4', blankSurvey()))!;
    const full = Object.assign(new Error('QuotaExceededError'), { name: 'QuotaExceededError' });
    const spy = vi
      .spyOn(db.drafts, 'put')
      .mockImplementation(() => Promise.reject(full) as ReturnType<typeof db.drafts.put>);
    editor.apply((d) => ({ ...d, title: both('Eerst', 'First') }), 'title');
    await vi.waitFor(() => expect(editor.saveProblem).toBe('quota'), { timeout: 2000 });
    expect(editor.saved).toBe(false);
    expect(editor.draft.title).toEqual(both('Eerst', 'First'));

    spy.mockRestore(); // space freed
    editor.apply((d) => ({ ...d, title: both('Daarna', 'Then') }), 'title');
    await vi.waitFor(() => expect(editor.saved).toBe(true), { timeout: 2000 });
    expect(editor.saveProblem).toBeUndefined();
    const again = (await SurveyEditor.open(db, 'draft4'))!;
    expect(again.draft.title).toEqual(both('Daarna', 'Then'));
  });
});

describe('opening the editor from a questionnaire', () => {
  const bundled = JSON.stringify(studyJson());
  const serving: typeof fetch = () => Promise.resolve(new Response(bundled));

  it('edits the next version of the bundled study, or a copy under an id of its own', async () => {
    const db = database();
    const next = (await SurveyEditor.openFrom(db, 'd1', { from: 'bundled', fetcher: serving }))!;
    expect(next.draft.id).toBe(study().id);
    const copy = (await SurveyEditor.openFrom(db, 'd2', {
      from: 'bundled',
      copy: true,
      fetcher: serving,
    }))!;
    expect(copy.draft.id).not.toBe(study().id);
  });

  it('keeps the edits of a draft over its source when it is opened again', async () => {
    const db = database();
    const first = (await SurveyEditor.openFrom(db, 'd1', { from: 'bundled', fetcher: serving }))!;
    first.apply((d) => ({ ...d, title: both('Eigen titel', 'Own title') }), 'title');
    await first.flush();
    const again = (await SurveyEditor.openFrom(db, 'd1', { from: 'bundled', fetcher: serving }))!;
    expect(again.draft.title).toEqual(both('Eigen titel', 'Own title'));
  });

  it('starts blank when the bundled study cannot be fetched (offline laptop)', async () => {
    const offline: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'));
    const editor = (await SurveyEditor.openFrom(database(), 'd1', {
      from: 'bundled',
      fetcher: offline,
    }))!;
    expect(editor.draft.sections).toHaveLength(blankSurvey().sections.length);
    expect(editor.draft.id).toMatch(/^vragenlijst/);
  });
});
