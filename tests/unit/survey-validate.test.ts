import { describe, expect, it } from 'vitest';
import { formatIssue, jsonErrorPlace, validateSurvey } from '../../src/domain/survey-validate';
import { studyJson } from '../fixtures/surveys';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function issuesOf(mutate: (s: Json) => void): string[] {
  const json = studyJson() as Json;
  mutate(json);
  const result = validateSurvey(json);
  return result.ok ? [] : result.issues.map(formatIssue);
}

describe('validateSurvey', () => {
  it('accepts the bundled study with all its sections and items', () => {
    const result = validateSurvey(JSON.stringify(studyJson()));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.survey.sections.map((s) => s.id)).toEqual([
      'over_jou',
      'prioriteiten',
      'welbevinden',
      'gelijke_kansen',
      'digitalisering',
      'veranderingsbekwaamheid',
    ]);
    // Defaults are filled in: optional items, open text limits.
    const open = result.survey.sections[2]!.items[1]!;
    expect(open).toMatchObject({ type: 'open-text', required: false, maxLength: 1500 });
  });

  it('explains broken JSON with the parser message', () => {
    const result = validateSurvey('{"format": "kring-survey",');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(formatIssue(result.issues[0]!)).toMatch(
      /^\(document\): expected valid JSON.*, received .+/,
    );
  });

  it('gives the line and column of a JSON syntax error', () => {
    const result = validateSurvey('{\n  "format": "kring-survey"\n  "id": "x"\n}');
    if (result.ok) throw new Error('valid?');
    expect(result.issues[0]).toMatchObject({ code: 'jsonAt', params: { line: 3, column: 3 } });
    expect(formatIssue(result.issues[0]!)).toMatch(/at line 3, column 3/);
    // Firefox words it itself.
    expect(
      jsonErrorPlace('', 'JSON.parse: expected , at line 7 column 12 of the JSON data'),
    ).toEqual({
      line: 7,
      column: 12,
    });
  });

  it('refuses a file from a newer format version and says to update', () => {
    expect(issuesOf((s) => (s.formatVersion = 7))).toEqual([
      'formatVersion: expected 1 or lower (this file was made by a newer Kring: update Kring to open it), received 7',
    ]);
  });

  it('refuses a value that is not an object', () => {
    expect(validateSurvey('[1,2]')).toEqual({
      ok: false,
      issues: [{ path: '', code: 'notObject', received: 'an array' }],
    });
  });

  const broken: [string, (s: Json) => void, string][] = [
    [
      'unknown item type',
      (s) => (s.sections[1].items[0].type = 'slider'),
      'sections[1].items[0].type: expected ("rating-matrix" | "ranking" | "likert" | "open-text" | "single-choice" | "multiple-choice" | "numeric-scale" | "number" | "date" | "note" | "profile"), received "slider"',
    ],
    [
      'missing field',
      (s) => delete s.intro.consent,
      'intro.consent: expected the field "consent" (it is missing)',
    ],
    [
      'misspelled field',
      (s) => (s.sections[0].items[0].requird = true),
      'sections[0].items[0].requird: expected no such field (check its spelling), received "requird"',
    ],
    [
      'missing translation',
      (s) => delete s.sections[2].items[0].statements[3].text.en,
      'sections[2].items[0].statements[3].text: expected a text in "en"',
    ],
    ['empty text', (s) => (s.title.nl = '   '), 'title.nl: expected a non-empty text'],
    [
      'bad id',
      (s) => (s.sections[1].items[0].id = 'Prioriteiten!'),
      'sections[1].items[0].id: expected an id of lowercase letters, digits and _ (starting with a letter, at most 40), received "Prioriteiten!"',
    ],
    [
      'duplicate item id',
      (s) => (s.sections[3].items[1].id = 'welbevinden_acties'),
      'sections[3].items[1].id: expected an item id used once in the survey, received "welbevinden_acties"',
    ],
    [
      'duplicate row id',
      (s) => (s.sections[1].items[0].rows[4].id = 'welbevinden'),
      'sections[1].items[0].rows[4].id: expected a value not used earlier in this list, received "welbevinden"',
    ],
    [
      'inverted scale',
      (s) => (s.sections[1].items[0].scale.max = 1),
      'sections[1].items[0].scale.max: expected a number greater than min (1), received 1',
    ],
    [
      'no-opinion code on the scale',
      (s) => (s.sections[2].items[0].noOpinion.code = 2),
      'sections[2].items[0].noOpinion.code: expected a code not used by the scale, received 2',
    ],
    [
      'condition on a later item',
      (s) => (s.sections[0].items[0].showIf = { answer: 'onderwijsniveau', anyOf: ['basis'] }),
      'sections[0].items[0].showIf.answer: expected the answer key of an earlier item (e.g. "profile.role"), received "onderwijsniveau"',
    ],
    [
      'condition on an impossible value',
      (s) => (s.sections[5].showIf.anyOf = ['teacher']),
      'sections[5].showIf.anyOf[0]: expected one of "leerkracht", "leerling", "ouder", "directie", "zorg", "ict", "ander", received "teacher"',
    ],
    [
      'no options',
      (s) => s.sections[0].items[1].options.splice(0),
      'sections[0].items[1].options: expected a list of at least 1, received 0',
    ],
    [
      'fractional scale',
      (s) => (s.sections[5].items[0].max = 9.5),
      'sections[5].items[0].max: expected a whole number, received 9.5',
    ],
    [
      'scale too long for a tablet row',
      (s) => (s.sections[5].items[0].max = 20),
      'sections[5].items[0].max: expected at most 11 scale points (max ≤ 11), received 20',
    ],
    [
      'reserved option id',
      (s) => (s.sections[0].items[1].options[0].id = 'other'),
      'sections[0].items[1].options[0].id: expected an id other than "other" (reserved for "other, namely …"), received "other"',
    ],
  ];

  it.each(broken)('names the path and the expectation: %s', (_name, mutate, message) => {
    expect(issuesOf(mutate)).toContain(message);
  });

  it('reports every problem of a file at once, not only the first', () => {
    const issues = issuesOf((s) => {
      s.version = 0;
      s.sections[1].items[0].type = 'slider';
      delete s.intro.title;
    });
    expect(issues).toHaveLength(3);
  });
});
