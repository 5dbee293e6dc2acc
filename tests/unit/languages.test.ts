import { describe, expect, it } from 'vitest';
import {
  addLanguage,
  fillMissingTranslations,
  missingTranslations,
  removeLanguage,
} from '../../src/domain/authoring/languages';
import { localizedTexts } from '../../src/domain/localized-texts';
import { validateSurvey } from '../../src/domain/survey-validate';
import { I18n } from '../../src/ui/i18n/i18n.svelte';
import { study } from '../fixtures/surveys';

describe('survey languages in the editor', () => {
  it('adding a language leaves every text to translate; filling them gives a valid survey', () => {
    const withFrench = addLanguage(study(), 'FR ');
    expect(withFrench.languages).toEqual(['nl', 'en', 'fr']);
    const texts = [...localizedTexts(withFrench)];
    expect(texts.every(({ text }) => text.fr === '')).toBe(true);
    const missing = missingTranslations(withFrench);
    expect(missing).toHaveLength(texts.length);
    expect(missing[0]).toMatchObject({ path: 'title', lang: 'fr' });
    expect(validateSurvey(withFrench).ok).toBe(false);
    const filled = fillMissingTranslations(withFrench);
    expect(validateSurvey(filled).ok).toBe(true);
    // The gap shows the first language that has the text: Dutch here.
    expect(filled.title.fr).toBe(study().title.nl);
  });

  it('refuses a code that is not a language code, or one already there', () => {
    const survey = study();
    expect(addLanguage(survey, 'français')).toBe(survey);
    expect(addLanguage(survey, 'en')).toBe(survey);
  });

  it('removing a language drops its texts; the last language stays', () => {
    const dutchOnly = removeLanguage(study(), 'en');
    expect(dutchOnly.languages).toEqual(['nl']);
    expect([...localizedTexts(dutchOnly)].some(({ text }) => 'en' in text)).toBe(false);
    expect(validateSurvey(dutchOnly).ok).toBe(true);
    expect(removeLanguage(dutchOnly, 'nl')).toBe(dutchOnly);
  });

  it('does not touch the survey it was given', () => {
    const survey = study();
    const before = JSON.stringify(survey);
    fillMissingTranslations(addLanguage(survey, 'tr'));
    removeLanguage(survey, 'en');
    expect(JSON.stringify(survey)).toBe(before);
  });
});

describe('a survey language beyond Dutch and English on the tablet', () => {
  it('shows the survey texts in it while the buttons stay in the UI language', () => {
    const i18n = new I18n('nl');
    i18n.choose('fr');
    expect(i18n.reading).toBe('fr');
    expect(i18n.language).toBe('nl');
    expect(i18n.text({ nl: 'Welbevinden', fr: 'Bien-être' })).toBe('Bien-être');
    expect(i18n.t('welcome.start')).toBe('Beginnen');
    i18n.choose('en');
    expect(i18n.reading).toBe('en');
    expect(i18n.text({ nl: 'Welbevinden', en: 'Wellbeing', fr: 'Bien-être' })).toBe('Wellbeing');
  });
});
