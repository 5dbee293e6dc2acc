import { describe, expect, it } from 'vitest';
import { setCondition } from '../../src/domain/authoring/conditions';
import { idProblem, otherIds, renameChoice, renameItem } from '../../src/domain/authoring/ids';
import { validateSurvey } from '../../src/domain/survey-validate';
import { allTypes } from '../fixtures/surveys';

describe('renaming ids in the editor', () => {
  it('a question renamed keeps every condition on its answers working', () => {
    const survey = allTypes();
    // `num` shows if prof.role is teacher; part s3 shows if multi contains c.
    const renamed = renameItem(survey, 0, 0, 'profiel');
    expect(renamed.sections[0]!.items[0]!.id).toBe('profiel');
    expect(renamed.sections[1]!.items[3]!.showIf).toEqual({
      answer: 'profiel.role',
      anyOf: ['teacher'],
    });
    expect(validateSurvey(renamed).ok).toBe(true);
    const multi = renameItem(survey, 1, 2, 'keuzes');
    expect(multi.sections[2]!.showIf).toMatchObject({ answer: 'keuzes' });
    expect(validateSurvey(multi).ok).toBe(true);
  });

  it('an option renamed stays picked in the conditions that picked it', () => {
    const survey = allTypes();
    const renamed = renameChoice(survey, { section: 1, index: 2 }, 'options', 2, 'veel');
    expect(renamed.sections[2]!.showIf).toEqual({ answer: 'multi', anyOf: ['veel'] });
    const role = renameChoice(survey, { section: 0, index: 0 }, 'roles', 0, 'leerkracht');
    expect(role.sections[1]!.items[3]!.showIf).toMatchObject({ anyOf: ['leerkracht'] });
    expect(validateSurvey(role).ok).toBe(true);
  });

  it('a statement renamed moves the conditions on its answer along', () => {
    const survey = setCondition(
      allTypes(),
      { section: 1, index: 0 },
      { answer: 'lik.st2', anyOf: [1] },
    );
    const renamed = renameChoice(survey, { section: 0, index: 3 }, 'statements', 1, 'klimaat');
    expect(renamed.sections[1]!.items[0]!.showIf).toMatchObject({ answer: 'lik.klimaat' });
    expect(validateSurvey(renamed).ok).toBe(true);
  });

  it('refuses ids that are malformed or taken, and says which', () => {
    const survey = allTypes();
    expect(idProblem('Vraag 1', [])).toBe('pattern');
    expect(idProblem('rank', otherIds(survey, 0, 1))).toBe('taken');
    expect(idProblem('s1', otherIds(survey, 0, 1))).toBe('taken');
    expect(idProblem('matrix', otherIds(survey, 0, 1))).toBeUndefined();
    expect(renameItem(survey, 0, 1, 'rank')).toBe(survey);
    expect(renameItem(survey, 0, 1, '1matrix')).toBe(survey);
    expect(renameChoice(survey, { section: 1, index: 1 }, 'options', 0, 'b')).toBe(survey);
  });
});
