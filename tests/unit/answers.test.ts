import { describe, expect, it } from 'vitest';
import { answerKeys, checkAnswer, indexAnswerKeys, isItemComplete } from '../../src/domain/answers';
import fc from 'fast-check';
import { missesRequired, surveyProgress } from '../../src/domain/progress';
import type { Item } from '../../src/domain/survey-schema';
import { resolveVisibility } from '../../src/domain/visibility';
import { fullStudyResponse } from '../fixtures/collected-sessions';
import { allTypes, study } from '../fixtures/surveys';

const survey = allTypes();
const item = (id: string): Item =>
  survey.sections.flatMap((s) => s.items).find((i) => i.id === id)!;

describe('answer keys', () => {
  it('gives sub-keys for matrix rows, statements, profile fields and "other"', () => {
    expect(answerKeys(item('matrix'))).toEqual(['matrix.r1', 'matrix.r2']);
    expect(answerKeys(item('lik'))).toEqual(['lik.st1', 'lik.st2']);
    expect(answerKeys(item('prof'))).toEqual(['prof.role', 'prof.school']);
    expect(answerKeys(item('single'))).toEqual(['single', 'single.other']);
    expect(answerKeys(item('rank'))).toEqual(['rank']);
  });

  it('indexes the bundled study with one column per Figure 1 priority', () => {
    const keys = [...indexAnswerKeys(study()).keys()];
    expect(keys.filter((k) => k.startsWith('prioriteiten.'))).toEqual([
      'prioriteiten.welbevinden',
      'prioriteiten.zelfsturing',
      'prioriteiten.digitalisering',
      'prioriteiten.gelijke_kansen',
      'prioriteiten.differentiatie',
    ]);
  });
});

describe('checkAnswer', () => {
  const cases: [string, string, unknown, string | null][] = [
    ['matrix', 'matrix.r1', 3, null],
    ['matrix', 'matrix.r1', 6, 'one of 1, 2, 3, 4, 5'],
    ['matrix', 'matrix.r9', 3, 'an answer key of item "matrix"'],
    ['lik', 'lik.st1', 9, null], // "no opinion" is its own code, a valid answer
    ['lik', 'lik.st1', null, 'one of 1, 2, 9'],
    ['rank', 'rank', ['z', 'x', 'y'], null],
    ['rank', 'rank', ['z', 'z', 'y'], 'an order of all of "x", "y", "z"'],
    ['open', 'open', 'twelve chars', 'a text of at most 10 characters'],
    ['open', 'open', '  ', 'a non-empty text'],
    ['single', 'single', 'other', null],
    ['single', 'single.other', 'Iets anders', null],
    ['multi', 'multi', ['a', 'c'], null],
    ['multi', 'multi', ['a', 'b', 'c'], 'a list of distinct values from "a", "b", "c", at most 2'],
    ['multi', 'multi', ['a', 'a'], 'a list of distinct values from "a", "b", "c", at most 2'],
    ['num', 'num', 10, null],
    ['num', 'num', 0, 'one of 1, 2, 3, 4, 5, 6, 7, 8, 9, 10'],
    ['prof', 'prof.role', 'pupil', null],
    ['prof', 'prof.school', 'c', 'one of "a", "b"'],
  ];
  it.each(cases)('%s / %s = %j', (id, key, value, expected) => {
    expect(checkAnswer(item(id), key, value)).toBe(expected);
  });
});

describe('completeness', () => {
  it('needs every matrix row and every statement; "no opinion" counts as answered', () => {
    expect(isItemComplete(item('matrix'), { 'matrix.r1': 1 })).toBe(false);
    expect(isItemComplete(item('matrix'), { 'matrix.r1': 1, 'matrix.r2': 1 })).toBe(true);
    expect(isItemComplete(item('lik'), { 'lik.st1': 9, 'lik.st2': 1 })).toBe(true);
  });

  it('needs the text when "other, namely …" is chosen', () => {
    expect(isItemComplete(item('single'), { single: 'other' })).toBe(false);
    expect(isItemComplete(item('single'), { single: 'other', 'single.other': 'x' })).toBe(true);
  });

  it('needs the school only when the survey requires it', () => {
    expect(isItemComplete(item('prof'), { 'prof.role': 'teacher' })).toBe(false);
    expect(isItemComplete(item('prof'), { 'prof.role': 'teacher', 'prof.school': 'a' })).toBe(true);
  });
});

describe('visibility and progress', () => {
  it('shows an item only when its condition holds, and ignores answers of hidden items', () => {
    const teacher = resolveVisibility(survey, { 'prof.role': 'teacher', num: 4 });
    expect(teacher.sections[1]!.items.map((i) => i.id)).toContain('num');
    const pupil = resolveVisibility(survey, { 'prof.role': 'pupil', num: 4 });
    expect(pupil.sections[1]!.items.map((i) => i.id)).not.toContain('num');
    expect(pupil.relevant).not.toHaveProperty('num');
  });

  it('shows a section when a multiple-choice answer contains the value', () => {
    expect(resolveVisibility(survey, { multi: ['a'] }).sections).toHaveLength(2);
    expect(
      resolveVisibility(survey, { multi: ['a', 'c'] }).sections.map((s) => s.section.id),
    ).toEqual(['s1', 's2', 's3']);
  });

  it('lists unanswered required items in survey order and counts progress over shown items', () => {
    const progress = surveyProgress(survey, {
      'prof.role': 'pupil',
      'prof.school': 'a',
      'matrix.r1': 2,
    });
    expect(progress.missingRequired.map((m) => m.item.id)).toEqual(['matrix', 'lik', 'single']);
    expect(progress).toMatchObject({ answered: 2, total: 7 });
  });

  it('says a response misses a required question exactly when its progress lists one', () => {
    const s = study();
    const full = { ...fullStudyResponse(1).answers, 'profiel.school': 'School A' };
    const keys = Object.keys(full);
    const roles = ['leerkracht', 'leerling', 'ouder', 'directie'];
    fc.assert(
      fc.property(
        fc.subarray(keys),
        fc.constantFrom(...roles),
        (dropped: string[], role: string) => {
          const answers: Record<string, unknown> = { ...full, 'profiel.role': role };
          for (const key of dropped) delete answers[key];
          const typed = answers as Parameters<typeof missesRequired>[1];
          expect(missesRequired(s, typed)).toBe(
            surveyProgress(s, typed).missingRequired.length > 0,
          );
        },
      ),
      { numRuns: 300 },
    );
    // A complete response misses nothing, whichever role hides which questions.
    for (const role of roles)
      expect(missesRequired(s, { ...full, 'profiel.role': role })).toBe(false);
  });

  it('asks teachers, and only teachers, about change capacity in the bundled study', () => {
    const s = study();
    const ids = (role: string) =>
      resolveVisibility(s, { 'profiel.role': role }).sections.map((x) => x.section.id);
    expect(ids('leerkracht')).toContain('veranderingsbekwaamheid');
    expect(ids('leerling')).not.toContain('veranderingsbekwaamheid');
  });
});
