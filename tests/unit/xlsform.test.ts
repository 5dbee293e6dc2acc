import { describe, expect, it } from 'vitest';
import {
  fromXlsForm,
  kringId,
  parseRelevant,
  type SheetRow,
} from '../../src/domain/authoring/xlsform';
import { validateSurvey } from '../../src/domain/survey-validate';

const L = (nl: string, en: string) => ({ 'label::Nederlands (nl)': nl, 'label::English (en)': en });

/** An XLSForm written for this test, as the three sheets' rows. */
const survey: SheetRow[] = [
  { type: 'begin_group', name: 'over_jou', ...L('Over jou', 'About you') },
  { type: 'select_one rollen', name: 'rol', required: 'yes', ...L('Je rol', 'Your role') },
  { type: 'select_multiple kanalen or_other', name: 'kanalen', ...L('Kanalen', 'Channels') },
  { type: 'note', name: 'uitleg', ...L('Lees dit', 'Read this') },
  { type: 'end_group', name: '' },
  {
    type: 'begin_group',
    name: 'stellingen',
    appearance: 'table-list',
    ...L('Stellingen', 'Statements'),
  },
  { type: 'select_one eens', name: 'aandacht', ...L('Er was aandacht', 'There was attention') },
  { type: 'select_one eens', name: 'tijd', ...L('Er was tijd', 'There was time') },
  { type: 'end_group', name: '' },
  { type: 'begin group', name: 'afsluiter', ...L('Tot slot', 'Finally') },
  { type: 'rank prioriteiten', name: 'volgorde', ...L('Rangschik', 'Rank') },
  {
    type: 'range',
    name: 'cijfer',
    parameters: 'start=1 end=10',
    relevant: "${rol} = 'leerkracht'",
    ...L('Cijfer', 'Score'),
  },
  { type: 'integer', name: 'jaren', constraint: '. >= 0 and . <= 10', ...L('Jaren', 'Years') },
  { type: 'integer', name: 'uren', constraint: '. >= 0 and . <= 40', ...L('Uren', 'Hours') },
  { type: 'integer', name: 'leeftijd', ...L('Leeftijd', 'Age') },
  {
    type: 'text',
    name: 'Toelichting!',
    relevant: "${rol} != 'leerling' and ${jaren} > 3",
    ...L('Toelichting', 'Comments'),
  },
  { type: 'calculate', name: 'som', calculation: '1+1' },
  { type: 'end group', name: '' },
];
const choices: SheetRow[] = [
  { list_name: 'rollen', name: 'leerkracht', ...L('Leerkracht', 'Teacher') },
  { list_name: 'rollen', name: 'leerling', ...L('Leerling', 'Pupil') },
  { list_name: 'kanalen', name: 'mail', ...L('Mail', 'Mail') },
  { list_name: 'kanalen', name: 'app', ...L('App', 'App') },
  { list_name: 'eens', name: '1', ...L('Eens', 'Agree') },
  { list_name: 'eens', name: '2', ...L('Oneens', 'Disagree') },
  { list_name: 'eens', name: '9', ...L('Geen mening', 'No opinion') },
  { list_name: 'prioriteiten', name: 'welbevinden', ...L('Welbevinden', 'Wellbeing') },
  { list_name: 'prioriteiten', name: 'digitalisering', ...L('Digitalisering', 'Digitalisation') },
];
const settings: SheetRow[] = [{ form_title: 'Na corona', form_id: 'na_corona', version: '3' }];

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
    const byName = Object.fromEntries(report.map((r) => [r.name, r]));
    expect(byName.uitleg).toMatchObject({ row: 5, reason: expect.stringMatching(/note/) });
    expect(byName.leeftijd?.reason).toMatch(/integer without a range/);
    expect(byName.uren?.reason).toMatch(/41 points/);
    expect(byName.som?.reason).toMatch(/"calculate" has no Kring equivalent/);
    expect(byName['Toelichting!']?.reason).toMatch(/relevant.*not understood/);
    expect(byName.intro?.reason).toMatch(/introduction and consent/);
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
