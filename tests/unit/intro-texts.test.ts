import { describe, expect, it } from 'vitest';
import { fromXlsForm } from '../../src/domain/authoring/xlsform';
import { introToWrite, withIntroToWrite } from '../../src/domain/intro-texts';
import { validateSurvey } from '../../src/domain/survey-validate';
import { study } from '../fixtures/surveys';

describe('intro texts still to write', () => {
  const imported = validateSurvey(
    fromXlsForm({ survey: [{ type: 'text', name: 'q', label: 'Q' }], choices: [], settings: [] })
      .definition,
  );
  if (!imported.ok) throw new Error('invalid');

  it('finds the stand-ins of an imported form, and none in a written questionnaire', () => {
    expect(introToWrite(imported.survey)).toEqual([
      'title',
      'purpose',
      'whoSees',
      'anonymity',
      'howToStop',
      'consent',
    ]);
    expect(introToWrite(study())).toEqual([]);
  });

  it('opens them in the editor as empty, so they are listed as still to write', () => {
    const draft = withIntroToWrite(imported.survey);
    expect(draft.intro.consent).toEqual({ en: '' });
    const checked = validateSurvey(draft);
    expect(checked.ok ? [] : checked.issues.map((i) => i.path)).toContain('intro.consent.en');
  });
});
