import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { setCondition } from '../../src/domain/authoring/conditions';
import { History } from '../../src/domain/authoring/history';
import {
  addItem,
  addSection,
  conditionsHold,
  copySurvey,
  moveItem,
  moveItemDown,
  moveItemUp,
  moveSection,
  newItem,
  removeItem,
  removeSection,
  uniqueSurveyId,
  freeName,
  freeCode,
  NO_OPINION_CODE,
  updateItem,
  type Draft,
} from '../../src/domain/authoring/operations';
import { comparableItems, compareVersions } from '../../src/domain/authoring/versions';
import type { ItemType } from '../../src/domain/survey-schema';
import { validateSurvey } from '../../src/domain/survey-validate';
import { allTypes, study } from '../fixtures/surveys';

const TYPES: ItemType[] = [
  'rating-matrix',
  'ranking',
  'likert',
  'open-text',
  'single-choice',
  'multiple-choice',
  'numeric-scale',
  'profile',
];

const issues = (draft: Draft) => {
  const result = validateSurvey(JSON.parse(JSON.stringify(draft)));
  return result.ok ? [] : result.issues;
};

const operation = fc.oneof(
  fc.record({ op: fc.constant('addSection'), at: fc.nat(8) }),
  fc.record({ op: fc.constant('removeSection'), at: fc.nat(8) }),
  fc.record({ op: fc.constant('moveSection'), from: fc.nat(8), to: fc.nat(8) }),
  fc.record({ op: fc.constant('addItem'), section: fc.nat(8), type: fc.constantFrom(...TYPES) }),
  fc.record({ op: fc.constant('removeItem'), section: fc.nat(8), index: fc.nat(8) }),
  fc.record({
    op: fc.constant('moveItem'),
    from: fc.record({ section: fc.nat(8), index: fc.nat(8) }),
    to: fc.record({ section: fc.nat(8), index: fc.nat(8) }),
  }),
);

function apply(draft: Draft, o: ReturnType<typeof toOp>): Draft {
  switch (o.op) {
    case 'addSection':
      return addSection(draft, o.at);
    case 'removeSection':
      return removeSection(draft, o.at);
    case 'moveSection':
      return moveSection(draft, o.from, o.to);
    case 'addItem':
      return addItem(draft, o.section % draft.sections.length, o.type);
    case 'removeItem':
      return removeItem(draft, o.section % draft.sections.length, o.index);
    case 'moveItem':
      return moveItem(draft, o.from, o.to);
  }
}
function toOp(value: unknown) {
  return value as
    | { op: 'addSection' | 'removeSection'; at: number }
    | { op: 'moveSection'; from: number; to: number }
    | { op: 'addItem'; section: number; type: ItemType }
    | { op: 'removeItem'; section: number; index: number }
    | {
        op: 'moveItem';
        from: { section: number; index: number };
        to: { section: number; index: number };
      };
}

describe('survey editing', () => {
  it('a new item of every type is sound as it comes, its texts left to write (no placeholder)', () => {
    for (const type of TYPES) {
      const draft = addItem(study(), 0, type);
      const added = draft.sections[0]!.items.at(-1)!;
      // Only texts to write, and only the new item's: the shape is valid as it comes.
      expect(
        issues(draft).every((i) => i.code === 'text' && /^sections(\.0|\[0\])\.items/.test(i.path)),
        type,
      ).toBe(true);
      expect(added.text).toEqual({ nl: '', en: '' });
      expect(JSON.stringify(added)).not.toMatch(/Nieuwe vraag|New question|Optie \d|Option \d/);
    }
  });

  it('any sequence of adds, moves and removals keeps the definition valid (conditions included)', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 25 }), (ops) => {
        let draft: Draft = study();
        for (const o of ops) draft = apply(draft, toOp(o));
        // New parts leave texts to write; nothing else is ever wrong.
        expect(issues(draft).filter((i) => i.code !== 'text')).toEqual([]);
        expect(conditionsHold(draft)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses to move a question above the answer it depends on', () => {
    const draft = study();
    // The teachers-only part depends on the profile's role, asked in the first part.
    const dependent = draft.sections.findIndex((s) => s.showIf);
    expect(dependent).toBeGreaterThan(0);
    expect(moveSection(draft, dependent, 0)).toBe(draft);
    expect(removeItem(draft, 0, 0)).toBe(draft); // the profile itself
    // Within one part too: a question that depends on the one before it stays after it.
    const inPart = setCondition(
      allTypes(),
      { section: 1, index: 2 },
      {
        answer: 'single',
        anyOf: ['a'],
      },
    );
    expect(moveItem(inPart, { section: 1, index: 2 }, { section: 1, index: 0 })).toBe(inPart);
    expect(moveItem(inPart, { section: 1, index: 1 }, { section: 1, index: 3 })).toBe(inPart);
    expect(moveItem(inPart, { section: 1, index: 0 }, { section: 1, index: 3 })).not.toBe(inPart);
  });

  it('undo and redo walk through the edits; an edit after an undo drops the redo', () => {
    const initial = allTypes();
    const history = new History<Draft>(initial);
    const first = history.push(addItem(initial, 0, 'open-text'));
    const second = history.push(removeItem(first, 0, first.sections[0]!.items.length - 1));
    expect(second).not.toBe(first);
    expect(history.undo()).toBe(first);
    expect(history.undo()).toBe(initial);
    expect(history.canUndo).toBe(false);
    expect(history.redo()).toBe(first);
    expect(history.redo()).toBe(second);
    history.undo();
    const other = history.push(addSection(first));
    expect(history.canRedo).toBe(false);
    expect(history.current).toBe(other);
  });

  it('new ids never collide with existing ones', () => {
    let draft: Draft = allTypes();
    for (let i = 0; i < 5; i++) draft = addItem(draft, 0, 'open-text');
    const ids = draft.sections.flatMap((s) => s.items.map((i) => i.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(newItem(draft, 'open-text').id).toBe('open_text_6');
  });

  it('↑ and ↓ move a question across the border of a part, and stop at the ends', () => {
    const draft = allTypes();
    const ids = (d: Draft) => d.sections.map((s) => s.items.map((i) => i.id));
    const down = moveItemDown(draft, 0, 3); // the last of part 1 …
    expect(ids(down)[1]![0]).toBe('lik'); // … is the first of part 2
    expect(ids(moveItemUp(down, 1, 0))).toEqual(ids(draft));
    expect(moveItemUp(draft, 0, 0)).toBe(draft);
    const last = draft.sections.length - 1;
    expect(moveItemDown(draft, last, draft.sections[last]!.items.length - 1)).toBe(draft);
  });

  it('a duplicate is a questionnaire of its own: new id, version 1, marked as a copy', () => {
    const original = study();
    const taken = new Set([original.id, `${original.id}_kopie`]);
    const copy = copySurvey(original, taken);
    expect(copy.id).toBe(`${original.id}_kopie_2`);
    expect(copy.version).toBe(1);
    expect(copy.title.nl).toBe(`${original.title.nl} (kopie)`);
    expect(copy.title.en).toBe(`${original.title.en} (copy)`);
    expect(validateSurvey(copy).ok).toBe(true);
    expect(uniqueSurveyId('vragenlijst', new Set(['vragenlijst']))).toBe('vragenlijst_2');
  });
});

describe('versions: which changes keep answers comparable', () => {
  const before = study();
  const edit = (itemId: string, change: (item: never) => unknown) => {
    const s = before.sections.findIndex((x) => x.items.some((i) => i.id === itemId));
    const i = before.sections[s]!.items.findIndex((x) => x.id === itemId);
    return updateItem(before, s, i, (item) => change(item as never) as typeof item);
  };
  const changeOf = (after: Draft, itemId: string) =>
    compareVersions(before, after).find((c) => c.itemId === itemId);

  it('a typo fixed in a question or an option is comparable', () => {
    const after = edit('prioriteiten', (item: { text: object }) => ({
      ...item,
      text: { nl: 'Typo hersteld', en: 'Typo fixed' },
    }));
    expect(changeOf(after, 'prioriteiten')).toEqual({ itemId: 'prioriteiten', change: 'text' });
    expect(comparableItems(compareVersions(before, after)).has('prioriteiten')).toBe(true);
    expect(changeOf(before, 'prioriteiten')).toEqual({ itemId: 'prioriteiten', change: 'same' });
  });

  it('a changed scale, option set or type breaks comparability', () => {
    const scale = edit('prioriteiten', (item: { scale: object }) => ({
      ...item,
      scale: { ...item.scale, max: 4 },
    }));
    expect(changeOf(scale, 'prioriteiten')).toMatchObject({ change: 'breaking', reason: 'scale' });
    const noOpinion = edit('welbevinden_stellingen', (item: { noOpinion: { text: object } }) => ({
      ...item,
      noOpinion: { ...item.noOpinion, code: 0 },
    }));
    expect(changeOf(noOpinion, 'welbevinden_stellingen')).toMatchObject({ change: 'breaking' });
    const options = edit('onderwijsniveau', (item: { options: { id: string }[] }) => ({
      ...item,
      options: [...item.options].reverse(),
    }));
    expect(changeOf(options, 'onderwijsniveau')).toMatchObject({
      change: 'breaking',
      reason: 'options',
    });
    const added = addItem(before, 0, 'open-text');
    expect(compareVersions(before, added).filter((c) => c.change === 'added')).toHaveLength(1);
    const removed = removeItem(added, 0, added.sections[0]!.items.length - 1);
    expect(compareVersions(added, removed).filter((c) => c.change === 'removed')).toHaveLength(1);
  });
});

describe('free names and codes for what the editor adds', () => {
  it('numbers a name past the ones in use, bare when it is free', () => {
    expect(freeName('optie', new Set())).toBe('optie');
    expect(freeName('optie', new Set(['optie', 'optie_2']))).toBe('optie_3');
    // A list's third entry is optie_3, or the next free number after it.
    expect(freeName('optie', new Set(['optie_1', 'optie_3']), { from: 3, bare: false })).toBe(
      'optie_4',
    );
  });

  it('gives a new scale point the code after the highest, never the "no opinion" code', () => {
    expect(freeCode([1, 2, 3, 4], [NO_OPINION_CODE])).toBe(5);
    expect(freeCode([1, 2, 3, 4, 5, 6, 7, 8], [NO_OPINION_CODE])).toBe(10);
    expect(freeCode([])).toBe(1);
  });
});
