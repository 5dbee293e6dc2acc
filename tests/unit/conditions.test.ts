import { describe, expect, it } from 'vitest';
import { conditionSources, setCondition } from '../../src/domain/authoring/conditions';
import { validateSurvey } from '../../src/domain/survey-validate';
import { allTypes } from '../fixtures/surveys';

describe('show-if conditions picked in the editor', () => {
  it('offers the answers asked before the question, with their values and texts', () => {
    const survey = allTypes();
    const sources = conditionSources(survey, { section: 1, index: 3 });
    // Rankings and open texts are not offered: a condition on them would always or never hold.
    expect(sources.map((s) => s.key)).toEqual([
      'prof.role',
      'prof.school',
      'matrix.r1',
      'matrix.r2',
      'lik.st1',
      'lik.st2',
      'single',
      'multi',
    ]);
    const likert = sources.find((s) => s.key === 'lik.st1')!;
    expect(likert.part).toEqual({ nl: 'st1', en: 'st1' });
    expect(likert.values.map((v) => [v.value, v.text?.nl])).toEqual([
      [1, 'eens'],
      [2, 'oneens'],
      [9, 'geen mening'],
    ]);
    const single = sources.find((s) => s.key === 'single')!;
    expect(single.values.map((v) => v.value)).toEqual(['a', 'b', 'other']);
    expect(single.values[2]!.text?.nl).toBe('ander');
  });

  it('offers only earlier parts for a part, and nothing for the first question', () => {
    const survey = allTypes();
    expect(conditionSources(survey, { section: 0, index: 0 })).toEqual([]);
    expect(conditionSources(survey, { section: 0 })).toEqual([]);
    const forPart = conditionSources(survey, { section: 1 }).map((s) => s.key);
    expect(forPart).toContain('lik.st2');
    expect(forPart).not.toContain('single');
  });

  it('a picked condition keeps the survey valid; removing it leaves no trace', () => {
    const survey = allTypes();
    const set = setCondition(
      survey,
      { section: 1, index: 1 },
      { answer: 'lik.st1', anyOf: [1, 2] },
    );
    expect(set.sections[1]!.items[1]!.showIf).toEqual({ answer: 'lik.st1', anyOf: [1, 2] });
    expect(validateSurvey(set).ok).toBe(true);
    const cleared = setCondition(set, { section: 1, index: 1 }, undefined);
    expect('showIf' in cleared.sections[1]!.items[1]!).toBe(false);
    const part = setCondition(survey, { section: 2 }, undefined);
    expect('showIf' in part.sections[2]!).toBe(false);
    expect(validateSurvey(part).ok).toBe(true);
  });
});
