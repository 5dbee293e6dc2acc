/**
 * The kinds of question an imported XLSForm brings (tests/fixtures/surveys.ts `formKinds`), on
 * a tablet of any engine: a note, a typed number refused out of range and then taken, an option
 * that shows only once that number allows it, a text refused by its pattern with the form's
 * message, a one-choice acknowledgement, a scale with a step, and dates.
 */
import { expect } from '@playwright/test';
import { L, type Lang } from '../fixtures/study-walk';
import { choose, expectItemSaved, submit } from './study-steps';
import type { Tablet } from './tablet';

const T = {
  nl: {
    chooseFile: /Kies een vragenlijstbestand/,
    valid: /is in orde/,
    tryIt: 'Deze vragenlijst uitproberen als deelnemer',
    preview: /Voorbeeld: antwoorden die je hier geeft/,
    outOfRange: 'Typ een getal van 0 tot 120.',
  },
  en: {
    chooseFile: /Choose a questionnaire file/,
    valid: /is valid/,
    tryIt: 'Try this questionnaire as a participant',
    preview: /Preview: answers given here/,
    outOfRange: 'Type a number from 0 to 120.',
  },
} as const;

/** What the stored response holds afterwards, key by key. */
export const FORM_KINDS_ANSWERS = {
  leeftijd: 14,
  postcode: '1000',
  gelezen: 'ok',
  graad: '2',
  cijfer: 4,
  geboren: '2012-02-29',
};

const radio = (key: string, value: string | number) =>
  `fieldset[data-key="${key}"] input[value="${value}"]`;

const present = (tablet: Tablet, css: string) =>
  tablet.evaluate((selector: string) => document.querySelector(selector) !== null, css);

/** From the facilitator page (open on `tablet`) to the thank-you screen, with `file` holding `formKinds()`. */
export async function answerFormKinds(tablet: Tablet, file: string, lang: Lang): Promise<void> {
  await tablet.upload(T[lang].chooseFile, file);
  await tablet.see(T[lang].valid);
  await tablet.button(T[lang].tryIt);
  await tablet.see(T[lang].preview, '[role="note"]');
  await tablet.button(L[lang].start);
  await tablet.button(L[lang].accept);
  await tablet.see('Lees dit eerst.', '.note-text');

  // A number out of range is not taken, and the field says why; a number in range is.
  await tablet.fill('input[name="leeftijd"]', '150');
  await tablet.blur();
  await tablet.see(T[lang].outOfRange, '.problem');
  expect(await present(tablet, radio('graad', 2))).toBe(false);
  await tablet.fill('input[name="leeftijd"]', '14');
  await tablet.blur();
  await expectItemSaved(tablet, 'leeftijd', lang);
  // The second grade shows only from 14 on (a choice filter).
  await choose(tablet, 'graad', 2);

  await tablet.fill('textarea[name="postcode"]', '12');
  await tablet.blur();
  await tablet.see('Vier cijfers', '.problem');
  await tablet.fill('textarea[name="postcode"]', '1000');
  await tablet.blur();
  await tablet.until(
    async () => !(await present(tablet, '[data-item="postcode"] .problem:not(:empty)')),
    'the message gone',
  );
  await expectItemSaved(tablet, 'postcode', lang);

  await choose(tablet, 'gelezen', 'ok');
  expect(await present(tablet, radio('cijfer', 3))).toBe(false);
  await choose(tablet, 'cijfer', 4);
  // The date as the tablet's picker (or, without one, the keyboard) writes it.
  await tablet.paste('input[name="geboren"]', '2012-02-29');
  await tablet.blur();
  await expectItemSaved(tablet, 'geboren', lang);

  await tablet.button(L[lang].review);
  await tablet.see(L[lang].allDone);
  await submit(tablet, lang);
}
