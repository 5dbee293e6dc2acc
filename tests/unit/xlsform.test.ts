import { describe, expect, it } from 'vitest';
import {
  fromXlsForm,
  kringId,
  parseRelevant,
  xlsFormNoteText,
} from '../../src/domain/authoring/xlsform';
import { validateSurvey } from '../../src/domain/survey-validate';
import { choices, settings, survey } from '../fixtures/xlsform';

describe('XLSForm import', () => {
  const { definition, report } = fromXlsForm({ survey, choices, settings });

  it("makes a valid Kring survey in the form's languages", () => {
    const checked = validateSurvey(definition);
    expect(checked.ok ? [] : checked.issues).toEqual([]);
    expect(definition).toMatchObject({ id: 'na_corona', version: 3, languages: ['nl', 'en'] });
  });

  it('maps groups to sections and the supported types to Kring items', () => {
    const checked = validateSurvey(definition);
    if (!checked.ok) throw new Error('invalid');
    const sections = checked.survey.sections;
    // The Likert group, outside any section, gets a section of its own.
    expect(sections.map((s) => s.id)).toEqual(['over_jou', 'deel_6', 'afsluiter']);
    const items = sections.flatMap((s) => s.items);
    expect(items.map((i) => [i.id, i.type])).toEqual([
      ['rol', 'single-choice'],
      ['kanalen', 'multiple-choice'],
      ['stellingen', 'likert'],
      ['volgorde', 'ranking'],
      ['cijfer', 'numeric-scale'],
      ['jaren', 'numeric-scale'],
      ['toelichting', 'open-text'],
    ]);
    const likert = items.find((i) => i.type === 'likert');
    expect(likert?.type === 'likert' && likert.statements.map((s) => s.id)).toEqual([
      'aandacht',
      'tijd',
    ]);
    expect(likert?.type === 'likert' && likert.noOpinion?.code).toBe(9);
    expect(likert?.type === 'likert' && likert.scale.map((p) => p.code)).toEqual([1, 2]);
    expect(items.find((i) => i.id === 'rol')?.required).toBe(true);
    expect(items.find((i) => i.id === 'kanalen')).toHaveProperty('other');
    expect(items.find((i) => i.id === 'cijfer')?.showIf).toEqual({
      answer: 'rol',
      anyOf: ['leerkracht'],
    });
    expect(items.find((i) => i.id === 'jaren')).toMatchObject({ min: 0, max: 10 });
  });

  it('lists everything it could not bring over, with the row and why', () => {
    const byName = Object.fromEntries(
      report.map((r) => [r.name, { ...r, text: xlsFormNoteText(r) }]),
    );
    expect(byName.uitleg).toMatchObject({ row: 5, code: 'note' });
    expect(byName.leeftijd?.text).toMatch(/integer without a range/);
    expect(byName.uren?.text).toMatch(/41 points/);
    expect(byName.som?.text).toMatch(/"calculate" has no Kring equivalent/);
    expect(byName['Toelichting!']?.text).toMatch(/relevant.*not understood/);
    expect(byName.intro?.text).toMatch(/introduction and consent/);
  });

  it('reads simple relevant expressions and makes names into ids', () => {
    expect(parseRelevant("selected(${kanalen}, 'app') or selected(${kanalen}, 'mail')")).toEqual({
      answer: 'kanalen',
      anyOf: ['app', 'mail'],
    });
    expect(parseRelevant('${score} = 3')).toEqual({ answer: 'score', anyOf: [3] });
    expect(parseRelevant("${a} = 'x' or ${b} = 'y'")).toBeUndefined();
    expect(kringId('Toelichting!')).toBe('toelichting');
    expect(kringId('3de_vraag')).toBe('de_vraag');
  });
});
