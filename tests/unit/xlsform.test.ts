/**
 * The XLSForm mapping, one probe form per feature: how ODK and KoboToolbox users write forms
 * (pyxform's reading of xlsform.org), what Kring makes of each, and the report's row, name
 * and column for everything it changed or left out.
 */
import { describe, expect, it } from 'vitest';
import {
  fromXlsForm,
  kringId,
  placeOfPath,
  type SheetRow,
  type XlsFormNote,
} from '../../src/domain/authoring/xlsform';
import { validateSurvey } from '../../src/domain/survey-validate';
import type { Item, Survey } from '../../src/domain/survey-schema';
import { choices, settings, survey } from '../fixtures/xlsform-rows';

/** Rows from a header line and value lines, as a sheet reads. */
function sheet(header: string[], ...lines: string[][]): SheetRow[] {
  return lines.map((line) =>
    Object.fromEntries(header.flatMap((h, i) => (line[i] ? [[h, line[i]]] : []))),
  );
}

function imported(
  surveyRows: SheetRow[],
  choiceRows: SheetRow[] = [],
  settingRows: SheetRow[] = [{ form_id: 'probe', form_title: 'Probe' }],
  options = {},
) {
  const result = fromXlsForm(
    { survey: surveyRows, choices: choiceRows, settings: settingRows },
    options,
  );
  const checked = validateSurvey(result.definition);
  if (!checked.ok) throw new Error(JSON.stringify(checked.issues, null, 1));
  const items = checked.survey.sections.flatMap((s) => s.items);
  const item = (id: string) => items.find((i) => i.id === id) as Item & Record<string, unknown>;
  const notes = (code: XlsFormNote['code']) => result.report.filter((n) => n.code === code);
  return { ...result, survey: checked.survey, items, item, notes };
}

const yesNo = sheet(['list_name', 'name', 'label'], ['yn', '1', 'Ja'], ['yn', '0', 'Nee']);

describe('XLSForm import: the test form', () => {
  const { survey: kring, items, item, notes, questions } = imported(survey, choices, settings);

  it("makes a valid Kring survey in the form's languages", () => {
    expect(kring).toMatchObject({ id: 'na_corona', version: 3, languages: ['nl', 'en'] });
  });

  it('maps groups to parts and every question to an item', () => {
    expect(kring.sections.map((s) => s.id)).toEqual(['over_jou', 'deel_2', 'afsluiter']);
    expect(items.map((i) => [i.id, i.type])).toEqual([
      ['rol', 'single-choice'],
      ['kanalen', 'multiple-choice'],
      ['uitleg', 'note'],
      ['stellingen', 'likert'],
      ['volgorde', 'ranking'],
      ['cijfer', 'numeric-scale'],
      ['jaren', 'number'],
      ['uren', 'number'],
      ['leeftijd', 'number'],
      ['toelichting', 'open-text'],
    ]);
    expect(item('stellingen')).toMatchObject({
      statements: [{ id: 'aandacht' }, { id: 'tijd' }],
      scale: [{ code: 1 }, { code: 2 }],
      noOpinion: { code: 9 },
    });
    expect(item('rol').required).toBe(true);
    expect(item('kanalen').other).toEqual({ text: { nl: 'Anders', en: 'Other' } });
    expect(item('cijfer').showIf).toEqual({ answer: 'rol', anyOf: ['leerkracht'] });
    expect(item('jaren')).toMatchObject({ min: 0, max: 10, decimals: 0 });
    expect(item('toelichting').showIf).toEqual({
      all: [
        { not: { answer: 'rol', anyOf: ['leerling'] } },
        { answer: 'jaren', compare: '>', value: 3 },
      ],
    });
    expect(questions).toEqual({ total: 10, brought: 10 });
  });

  it('reports, by row, what each question became and what was left out', () => {
    expect(notes('mapped').map((n) => n.row)).toEqual([3, 4, 5, 8, 12, 13, 14, 15, 16, 17]);
    expect(notes('statement').map((n) => [n.row, n.name])).toEqual([
      [8, 'aandacht'],
      [9, 'tijd'],
    ]);
    expect(notes('calculate')).toMatchObject([{ row: 18, name: 'som', kind: 'left-out' }]);
    expect(notes('idChanged')).toMatchObject([
      { row: 17, name: 'Toelichting!', params: { id: 'toelichting' } },
    ]);
    expect(notes('intro')).toHaveLength(1);
  });
});

describe('XLSForm import: spellings and aliases pyxform reads', () => {
  it('reads label::English, label:English, a code in brackets and plain codes as languages', () => {
    const { survey: s, notes } = imported(
      sheet(
        ['type', 'name', 'label::English', 'label:Nederlands', 'hint::fr'],
        ['text', 'q', 'Q', 'V', 'Indice'],
      ),
    );
    expect(s.languages).toEqual(['en', 'nl', 'fr']);
    expect(s.sections[0]!.items[0]).toMatchObject({
      text: { en: 'Q', nl: 'V', fr: 'Q' },
      help: { en: 'Indice', nl: 'Indice', fr: 'Indice' },
    });
    expect(notes('languageDerived').map((n) => [n.column, n.params?.code])).toEqual([
      ['label::English', 'en'],
      ['label:Nederlands', 'nl'],
    ]);
    expect(notes('translationMissing').map((n) => n.params)).toEqual([
      { language: 'fr', count: 1 },
      { language: 'en', count: 1 },
      { language: 'nl', count: 1 },
    ]);
  });

  it('puts default_language first, read from a name, a code or both', () => {
    for (const written of ['Deutsch (de)', 'de', 'Deutsch', 'German']) {
      const { survey: s } = imported(
        sheet(
          ['type', 'name', 'label::English (en)', 'label::Deutsch (de)'],
          ['text', 'q', 'Q', 'F'],
        ),
        [],
        [{ form_id: 'p', default_language: written }],
      );
      expect(s.languages).toEqual(['de', 'en']);
    }
    const plain = imported(
      sheet(['type', 'name', 'label'], ['text', 'q', 'Frage']),
      [],
      [{ default_language: 'de' }],
    );
    expect(plain.survey.languages).toEqual(['de']);
  });

  it("reads a plain label in the importer's language when the form does not say, and reports it", () => {
    const { survey: s, notes } = imported(
      sheet(['type', 'name', 'label'], ['text', 'q', 'Vraag']),
      [],
      [],
      {
        language: 'nl',
        fileName: 'Mijn vragenlijst.xlsx',
      },
    );
    expect(s.languages).toEqual(['nl']);
    expect(notes('languageAssumed')).toMatchObject([{ params: { code: 'nl' } }]);
    expect(s).toMatchObject({ id: 'mijn_vragenlijst', title: { nl: 'Mijn vragenlijst' } });
    expect(notes('idFromFileName')).toHaveLength(1);
  });

  it('reads headers in any case, "list name", and the old type spellings', () => {
    const { items } = imported(
      sheet(
        ['TYPE', 'NAME', 'LABEL'],
        ['select one from kleur', 'a', 'A'],
        ['select all that apply from kleur or specify other', 'b', 'B'],
        ['select_one kleur or_other', 'c', 'C'],
        ['string', 'd', 'D'],
        ['int', 'e', 'E'],
        ['select multiple kleur', 'f', 'F'],
      ),
      sheet(['list name', 'name', 'label'], ['kleur', 'rood', 'Rood'], ['kleur', 'blauw', 'Blauw']),
    );
    expect(items.map((i) => [i.id, i.type, 'other' in i])).toEqual([
      ['a', 'single-choice', false],
      ['b', 'multiple-choice', true],
      ['c', 'single-choice', true],
      ['d', 'open-text', false],
      ['e', 'number', false],
      ['f', 'multiple-choice', false],
    ]);
  });

  it('takes select_one_external choices from their own sheet', () => {
    const result = fromXlsForm({
      survey: sheet(['type', 'name', 'label'], ['select_one_external stad', 's', 'Stad']),
      choices: [],
      settings: [{ form_id: 'x' }],
      external_choices: sheet(
        ['list_name', 'name', 'label'],
        ['stad', 'gent', 'Gent'],
        ['stad', 'brugge', 'Brugge'],
      ),
    });
    expect(validateSurvey(result.definition).ok).toBe(true);
    expect(result.questions).toEqual({ total: 1, brought: 1 });
  });

  it('keeps numeric and look-alike choice names as codes, and a one-choice select', () => {
    const { item, notes } = imported(
      sheet(
        ['type', 'name', 'label', 'relevant'],
        ['select_one yn', 'toestemming', 'Toestemming?'],
        ['text', 'waarom', 'Waarom?', '${toestemming} = 0'],
        ['select_one ok', 'gelezen', 'Gelezen'],
        ['select_one codes', 'code', 'Code'],
      ),
      [
        ...yesNo,
        ...sheet(['list_name', 'name', 'label'], ['ok', 'ok', 'OK']),
        ...sheet(
          ['list_name', 'name', 'label'],
          ['codes', 'Yes', 'Yes'],
          ['codes', 'yes', 'yes'],
          ['codes', 'dont know', "Don't know"],
          ['codes', '-99', 'Refused'],
        ),
      ],
    );
    expect(item('toestemming').options).toEqual([
      { id: '1', text: { en: 'Ja' } },
      { id: '0', text: { en: 'Nee' } },
    ]);
    expect(item('waarom').showIf).toEqual({ answer: 'toestemming', anyOf: ['0'] });
    expect(item('gelezen').options).toHaveLength(1);
    expect((item('code').options as { id: string }[]).map((o) => o.id)).toEqual([
      'Yes',
      'yes',
      'dont_know',
      '-99',
    ]);
    expect(notes('choiceCode')).toMatchObject([
      { sheet: 'choices', row: 7, name: 'dont know', params: { code: 'dont_know' } },
    ]);
  });

  it('keeps a plain choice named "other" a choice, with its follow-up question', () => {
    const { item } = imported(
      sheet(
        ['type', 'name', 'label', 'relevant', 'required'],
        ['select_one vak', 'vak', 'Vak', '', 'yes'],
        ['text', 'vak_ander', 'Welk vak?', "${vak} = 'other'"],
      ),
      sheet(
        ['list_name', 'name', 'label'],
        ['vak', 'wiskunde', 'Wiskunde'],
        ['vak', 'other', 'Iets anders'],
      ),
    );
    expect(item('vak')).not.toHaveProperty('other');
    expect(item('vak').options).toContainEqual({ id: 'other', text: { en: 'Iets anders' } });
    expect(item('vak_ander').showIf).toEqual({ answer: 'vak', anyOf: ['other'] });
  });

  it('gives a group without a label its name as title, and joins nested group titles', () => {
    const { survey: s, notes } = imported(
      sheet(
        ['type', 'name', 'label'],
        ['begin_group', 'achtergrond', ''],
        ['text', 'a', 'A'],
        ['begin group', 'school', 'School'],
        ['text', 'b', 'B'],
        ['end group', '', ''],
        ['text', 'c', 'C'],
        ['end_group', '', ''],
      ),
    );
    expect(s.sections.map((x) => [x.id, x.title.en, x.items.map((i) => i.id)])).toEqual([
      ['achtergrond', 'achtergrond', ['a']],
      ['school', 'achtergrond – School', ['b']],
      ['achtergrond_2', 'achtergrond', ['c']],
    ]);
    expect(notes('groupNoLabel')).toMatchObject([{ row: 2, name: 'achtergrond' }]);
  });
});

describe('XLSForm import: what a school questionnaire needs', () => {
  it('maps hints, guidance hints and required messages', () => {
    const { item, notes } = imported(
      sheet(
        ['type', 'name', 'label', 'hint', 'guidance_hint', 'required', 'required_message'],
        ['text', 'a', 'A', 'Kort graag', '', 'yes', 'Vul dit in'],
        ['text', 'b', 'B', '', 'Voor de interviewer', 'true()', ''],
        ['text', 'c', 'C', 'Hint', 'Gids', "${a} != ''", ''],
      ),
    );
    expect(item('a')).toMatchObject({
      help: { en: 'Kort graag' },
      required: true,
      requiredMessage: { en: 'Vul dit in' },
    });
    expect(item('b')).toMatchObject({ help: { en: 'Voor de interviewer' }, required: true });
    expect(item('c')).toMatchObject({ help: { en: 'Hint' }, required: false });
    expect(notes('guidanceHint')).toMatchObject([{ row: 4, column: 'guidance_hint' }]);
    expect(notes('requiredExpression')).toMatchObject([{ row: 4, column: 'required' }]);
  });

  it('maps group relevance to the part, and conditions with and / or / != / < / > / not()', () => {
    const { survey: s, item } = imported(
      sheet(
        ['type', 'name', 'label', 'relevant'],
        ['integer', 'leeftijd', 'Leeftijd', ''],
        ['select_multiple kleur', 'kleuren', 'Kleuren', ''],
        ['begin_group', 'jong', 'Jong', '${leeftijd} < 12'],
        ['text', 'a', 'A', "selected(${kleuren}, 'rood') or not(${leeftijd} >= 10)"],
        ['text', 'b', 'B', "${a} != '' and count-selected(${kleuren}) > 0"],
        ['end_group'],
      ),
      sheet(['list_name', 'name', 'label'], ['kleur', 'rood', 'Rood'], ['kleur', 'blauw', 'Blauw']),
    );
    expect(s.sections[1]).toMatchObject({
      id: 'jong',
      showIf: { answer: 'leeftijd', compare: '<', value: 12 },
    });
    expect(item('a').showIf).toEqual({
      any: [
        { answer: 'kleuren', anyOf: ['rood'] },
        { not: { answer: 'leeftijd', compare: '>=', value: 10 } },
      ],
    });
    expect(item('b').showIf).toEqual({
      all: [
        { answer: 'a', answered: true },
        { answer: 'kleuren', answered: true },
      ],
    });
  });

  it('reports a condition it cannot read, with the expression and the reason', () => {
    const { item, notes } = imported(
      sheet(
        ['type', 'name', 'label', 'relevant'],
        ['integer', 'n', 'N', ''],
        ['text', 'a', 'A', '${n} + 1 > 3'],
        ['text', 'b', 'B', '${later} = 1'],
        ['text', 'later', 'Later', ''],
      ),
    );
    expect(item('a').showIf).toBeUndefined();
    expect(notes('relevant').map((n) => [n.row, n.column, n.params])).toEqual([
      [3, 'relevant', { expression: '${n} + 1 > 3', reason: 'notFromAnswer' }],
      [4, 'relevant', { expression: '${later} = 1', reason: 'notBefore', detail: '${later}' }],
    ]);
  });

  it("maps constraints: a range, a pattern, a length, a count, with the form's message", () => {
    const { item, notes } = imported(
      sheet(
        ['type', 'name', 'label', 'constraint', 'constraint_message'],
        ['integer', 'uren', 'Uren', '. >= 0 and . <= 40', 'Tussen 0 en 40'],
        ['decimal', 'gewicht', 'Gewicht', '. > 0', ''],
        ['text', 'postcode', 'Postcode', "regex(., '^[0-9]{4}$')", 'Vier cijfers'],
        ['text', 'naam', 'Naam', 'string-length(.) <= 20', ''],
        ['select_multiple kleur', 'kleuren', 'Kleuren', 'count-selected(.) <= 1', ''],
        ['integer', 'raar', 'Raar', '. mod 2 = 0', ''],
      ),
      sheet(['list_name', 'name', 'label'], ['kleur', 'rood', 'Rood'], ['kleur', 'blauw', 'Blauw']),
    );
    expect(item('uren')).toMatchObject({
      type: 'number',
      min: 0,
      max: 40,
      constraintMessage: { en: 'Tussen 0 en 40' },
    });
    expect(item('gewicht')).toMatchObject({ type: 'number', min: 0.000001, decimals: 6 });
    expect(item('postcode')).toMatchObject({
      pattern: '[0-9]{4}',
      constraintMessage: { en: 'Vier cijfers' },
    });
    expect(item('naam')).toMatchObject({ maxLength: 20 });
    expect(item('kleuren')).toMatchObject({ maxSelected: 1 });
    expect(notes('constraint')).toMatchObject([{ row: 7, name: 'raar', column: 'constraint' }]);
  });

  it('reports defaults and leaves them out: Kring never answers for the participant', () => {
    const { item, notes } = imported(
      sheet(['type', 'name', 'label', 'default'], ['integer', 'n', 'N', '5']),
    );
    expect(item('n')).toBeDefined();
    expect(notes('default')).toMatchObject([
      { row: 2, column: 'default', kind: 'left-out', params: { value: '5' } },
    ]);
  });

  it('maps a choice filter on a choice column, and reports one it cannot read', () => {
    const { item, notes } = imported(
      sheet(
        ['type', 'name', 'label', 'choice_filter'],
        ['select_one provincie', 'provincie', 'Provincie', ''],
        ['select_one gemeente', 'gemeente', 'Gemeente', 'provincie=${provincie}'],
        ['select_one gemeente', 'raar', 'Raar', 'position(..) > 1'],
      ),
      sheet(
        ['list_name', 'name', 'label', 'provincie'],
        ['provincie', 'ant', 'Antwerpen'],
        ['provincie', 'lim', 'Limburg'],
        ['gemeente', 'mechelen', 'Mechelen', 'ant'],
        ['gemeente', 'hasselt', 'Hasselt', 'lim'],
      ),
    );
    expect(item('gemeente').options).toEqual([
      { id: 'mechelen', text: { en: 'Mechelen' }, showIf: { answer: 'provincie', anyOf: ['ant'] } },
      { id: 'hasselt', text: { en: 'Hasselt' }, showIf: { answer: 'provincie', anyOf: ['lim'] } },
    ]);
    expect(item('raar').options).toEqual([
      { id: 'mechelen', text: { en: 'Mechelen' } },
      { id: 'hasselt', text: { en: 'Hasselt' } },
    ]);
    expect(notes('choiceFilter')).toMatchObject([{ row: 4, column: 'choice_filter' }]);
  });

  it('maps range with its step, and a decimal or long range to a typed number', () => {
    const { item, notes } = imported(
      sheet(
        ['type', 'name', 'label', 'parameters'],
        ['range', 'a', 'A', 'start=0 end=10 step=2'],
        ['range', 'b', 'B', 'start=0 end=1 step=0.1'],
        ['range', 'c', 'C', 'start=0 end=100 step=1'],
      ),
    );
    expect(item('a')).toMatchObject({ type: 'numeric-scale', min: 0, max: 10, step: 2 });
    expect(item('b')).toMatchObject({ type: 'number', min: 0, max: 1, decimals: 1 });
    expect(item('c')).toMatchObject({ type: 'number', min: 0, max: 100, decimals: 0 });
    expect(notes('rangeAsNumber').map((n) => n.row)).toEqual([3, 4]);
  });

  it('brings notes over as text between questions, and integers and decimals as typed numbers', () => {
    const { items } = imported(
      sheet(
        ['type', 'name', 'label'],
        ['note', 'welkom', 'Welkom bij de bevraging.'],
        ['integer', 'kinderen', 'Hoeveel kinderen?'],
        ['decimal', 'uren', 'Hoeveel uur?'],
      ),
    );
    expect(items).toMatchObject([
      { id: 'welkom', type: 'note', text: { en: 'Welkom bij de bevraging.' } },
      { id: 'kinderen', type: 'number', decimals: 0 },
      { id: 'uren', type: 'number', decimals: 6 },
    ]);
  });

  it('fills ${field} in a label with the earlier answer, as a reference Kring reads', () => {
    const { item, notes } = imported(
      sheet(
        ['type', 'name', 'label'],
        ['text', 'Kind_naam', 'Naam van het kind?'],
        ['integer', 'leeftijd', 'Hoe oud is ${Kind_naam}?'],
        ['text', 'x', 'Over ${onbekend}'],
      ),
    );
    expect(item('leeftijd').text).toEqual({ en: 'Hoe oud is ${kind_naam}?' });
    expect(item('x').text).toEqual({ en: 'Over …' });
    expect(notes('reference')).toMatchObject([
      { row: 4, column: 'label', params: { reason: 'notBefore', detail: '${onbekend}' } },
    ]);
  });
});

describe('XLSForm import: matrices', () => {
  const scale = sheet(
    ['list_name', 'name', 'label'],
    ['eens', 'e', 'Eens'],
    ['eens', 'o', 'Oneens'],
    ['vaak', 'nooit', 'Nooit'],
    ['vaak', 'soms', 'Soms'],
    ['vaak', 'vaak', 'Vaak'],
  );

  it('skips the header row of a table-list matrix and keeps lists that differ apart', () => {
    const { items, notes } = imported(
      sheet(
        ['type', 'name', 'label', 'appearance'],
        ['begin_group', 'stellingen', 'Stellingen', 'table-list'],
        ['select_one eens', 'kop', 'Kies', 'label'],
        ['select_one eens', 's1', 'Het is fijn', 'list-nolabel'],
        ['select_one eens', 's2', 'Het is druk', 'list-nolabel'],
        ['select_one vaak', 's3', 'Ik ben moe', 'list-nolabel'],
        ['end_group'],
      ),
      scale,
    );
    expect(items.map((i) => [i.id, i.type])).toEqual([
      ['stellingen', 'likert'],
      ['stellingen_2', 'likert'],
    ]);
    expect(items[0]).toMatchObject({
      statements: [{ id: 's1' }, { id: 's2' }],
      scale: [{ code: 1 }, { code: 2 }],
    });
    expect(items[1]).toMatchObject({
      statements: [{ id: 's3' }],
      scale: [{ code: 1 }, { code: 2 }, { code: 3 }],
    });
    expect(notes('matrixHeader')).toMatchObject([{ row: 3, name: 'kop' }]);
    expect(notes('likertSplit')).toMatchObject([{ row: 2, params: { blocks: 2 } }]);
  });

  it('keeps row conditions and requirements: rows that differ make separate blocks', () => {
    const { items } = imported(
      sheet(
        ['type', 'name', 'label', 'appearance', 'relevant', 'required'],
        ['select_one eens', 'rol', 'Rol', '', '', ''],
        ['begin_group', 'blok', 'Blok', 'field-list', '', ''],
        ['select_one eens', 'kop', '', 'label', '', ''],
        ['select_one eens', 'a', 'A', 'list-nolabel', '', 'yes'],
        ['select_one eens', 'b', 'B', 'list-nolabel', "${rol} = 'e'", 'yes'],
        ['end_group'],
      ),
      scale,
    );
    expect(items.slice(1)).toMatchObject([
      { id: 'blok', required: true, statements: [{ id: 'a' }] },
      {
        id: 'blok_2',
        required: true,
        statements: [{ id: 'b' }],
        showIf: { answer: 'rol', anyOf: ['e'] },
      },
    ]);
  });
});

describe('XLSForm import: places in the spreadsheet', () => {
  it("turns a definition's path into the row, the name and the column", () => {
    const { places } = imported(
      sheet(
        ['type', 'name', 'label', 'relevant'],
        ['text', 'a', 'A'],
        ['text', 'b', 'B', "${a} = 'x'"],
      ),
    );
    expect(placeOfPath('sections[0].items[1].showIf.answer', places)).toEqual({
      row: 3,
      name: 'b',
      column: 'relevant',
    });
    expect(placeOfPath('sections[0].title', places)).toEqual({
      row: 2,
      name: 'a',
      column: 'label',
    });
    expect(placeOfPath('intro.consent', places)).toBeUndefined();
  });

  it('makes names into ids', () => {
    expect(kringId('Toelichting!')).toBe('toelichting');
    expect(kringId('3de_vraag')).toBe('de_vraag');
    expect(kringId('Q1.2')).toBe('q1_2');
    expect(kringId('Été')).toBe('ete');
  });
});

export type { Survey };
