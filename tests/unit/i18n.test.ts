import { facilitatorEn } from '../../src/ui/i18n/facilitator-en';
import { facilitatorNl } from '../../src/ui/i18n/facilitator-nl';
import { describe, expect, it } from 'vitest';
import {
  bundleProblemText as englishBundleProblem,
  type BundleProblem,
} from '../../src/domain/bundle';
import { validateSurvey } from '../../src/domain/survey-validate';
import { bundleProblemText } from '../../src/ui/facilitator/bundle-problem';
import { browserLanguage, I18n } from '../../src/ui/i18n/i18n.svelte';
import { studyJson } from '../fixtures/surveys';

describe('i18n', () => {
  it('picks the first browser language Kring speaks, Dutch otherwise', () => {
    expect(browserLanguage(['fr-BE', 'en-GB', 'nl'])).toBe('en');
    expect(browserLanguage(['nl-BE'])).toBe('nl');
    expect(browserLanguage(['de'])).toBe('nl');
  });

  it('chooses singular or plural by count, in both languages', () => {
    const i18n = new I18n('nl');
    expect(i18n.t('review.missing', { count: 1 })).toBe('Nog 1 verplichte vraag zonder antwoord:');
    expect(i18n.t('review.missing', { count: 3 })).toBe('Nog 3 verplichte vragen zonder antwoord:');
    i18n.language = 'en';
    expect(i18n.t('review.missing', { count: 1 })).toBe(
      '1 required question still needs an answer:',
    );
  });

  it('writes counts, numbers and percentages as each language does', () => {
    const i18n = new I18n('nl', { nl: facilitatorNl, en: facilitatorEn });
    expect(i18n.t('report.sessions', { count: 1 })).toBe('1 sessie');
    expect(i18n.t('report.respondents', { count: 1250 })).toBe('1.250 respondenten');
    expect(i18n.percent(1 / 3)).toBe('33,3%');
    expect(i18n.number(2.5, { maximumFractionDigits: 1 })).toBe('2,5');
    i18n.language = 'en';
    expect(i18n.t('report.sessions', { count: 1 })).toBe('1 session');
    expect(i18n.t('report.respondents', { count: 1250 })).toBe('1,250 respondents');
    expect(i18n.percent(1 / 3)).toBe('33.3%');
  });

  it('writes dates as each language does, with the language switched in between', () => {
    const i18n = new I18n('nl');
    const at = Date.UTC(2026, 11, 4, 9, 5);
    const style = { dateStyle: 'long', timeZone: 'UTC' } as const;
    expect(i18n.date(at, style)).toBe('4 december 2026');
    i18n.language = 'en';
    expect(i18n.date(at, style)).toBe('December 4, 2026');
    expect(i18n.date(at, { ...style, dateStyle: 'short', timeStyle: 'short' })).toBe(
      '12/4/26, 9:05 AM',
    );
  });

  it('words validation issues in Dutch and in English', () => {
    const json = studyJson() as { sections: { items: { id: string }[] }[] };
    json.sections[3]!.items[1]!.id = 'welbevinden_acties';
    const result = validateSurvey(json);
    if (result.ok) throw new Error('expected an invalid survey');
    const i18n = new I18n('nl');
    expect(i18n.issueText(result.issues[0]!)).toBe(
      'een vraag-id dat maar één keer voorkomt in de vragenlijst',
    );
    i18n.language = 'en';
    expect(i18n.issueText(result.issues[0]!)).toBe('an item id used once in the survey');
  });

  it('shows a survey text in the UI language, else in the first language that has it', () => {
    const i18n = new I18n('en');
    expect(i18n.text({ nl: 'Welbevinden', en: 'Wellbeing' })).toBe('Wellbeing');
    expect(i18n.text({ nl: 'Welbevinden', fr: 'Bien-être' }, ['fr'])).toBe('Bien-être');
  });
});

describe('the facilitator texts', () => {
  it('are added by the facilitator route only: a tablet page does not carry them', () => {
    expect(() => new I18n('nl').t('beamer.heading')).toThrow(/beamer.heading/);
    const facilitator = new I18n('nl', { nl: facilitatorNl, en: facilitatorEn });
    expect(facilitator.t('beamer.heading')).toBe('Beamer');
    expect(facilitator.t('welcome.start')).toBe('Beginnen');
    facilitator.language = 'en';
    expect(facilitator.t('session.close')).toBe('Close the session');
  });
});

describe('a refused response in a bundle, on the laptop', () => {
  it('is worded in the page language, naming the question, with no English check text', () => {
    const problem: BundleProblem = {
      code: 'response',
      path: 'responses.3',
      problems: [
        {
          kind: 'invalidAnswer',
          key: 'prioriteiten.welbevinden',
          expected: 'one of 1, 2, 3, 4, 5',
        },
        { kind: 'unknownKey', key: 'extra' },
      ],
    };
    const nl = bundleProblemText(new I18n('nl', { nl: facilitatorNl, en: facilitatorEn }), problem);
    expect(nl).toBe(
      'responses.3: het antwoord op "prioriteiten.welbevinden" past niet bij de vraag; een antwoord op "extra", dat de vragenlijst niet vraagt',
    );
    const en = bundleProblemText(new I18n('en', { nl: facilitatorNl, en: facilitatorEn }), problem);
    expect(en).toContain('the answer to "prioriteiten.welbevinden" does not fit the question');
    // The command line and logs keep the check's own detail, in English.
    expect(englishBundleProblem(problem)).toContain('expected one of 1, 2, 3, 4, 5');
  });
});
