/**
 * One response to the survey with every item type (tests/fixtures/surveys.ts `allTypes`), on a
 * tablet of any engine: the file is checked on the facilitator page and tried as a
 * participant, the response is answered through the controls (the ranking by buttons and by
 * dragging), the page reloaded mid-survey, and the response submitted.
 */
import { expect } from '@playwright/test';
import { L, type Lang } from '../fixtures/study-walk';
import { choose, expectItemSaved, sectionHeading, submit } from './study-steps';
import type { Tablet } from './tablet';

const T = {
  nl: {
    chooseFile: /Kies een vragenlijstbestand/,
    valid: '"Alle types" (versie 2) is in orde: 3 delen, 9 vragen.',
    tryIt: 'Deze vragenlijst uitproberen als deelnemer',
    preview: /Voorbeeld: antwoorden die je hier geeft/,
    zUp: '"z" omhoog',
    zFirst: '"z" staat nu op plaats 1 van 3.',
  },
  en: {
    chooseFile: /Choose a questionnaire file/,
    valid: '"All types" (version 2) is valid: 3 parts, 9 questions.',
    tryIt: 'Try this questionnaire as a participant',
    preview: /Preview: answers given here/,
    zUp: 'Move "z" up',
    zFirst: '"z" is now at position 1 of 3.',
  },
} as const;

/** What the stored response holds afterwards, key by key. */
export const EVERY_ITEM_TYPE_ANSWERS = {
  'prof.role': 'teacher',
  'prof.school': 'b',
  'matrix.r1': 1,
  'matrix.r2': 1,
  rank: ['y', 'z', 'x'],
  'lik.st1': 9,
  'lik.st2': 2,
  open: 'short',
  single: 'other',
  'single.other': 'something',
  multi: ['a', 'c'],
  num: 10,
  later: 'at last',
};

const heading = (tablet: Tablet, text: string) =>
  tablet.until(async () => (await sectionHeading(tablet)) === text, `the part "${text}"`);

const rankingOrder = (tablet: Tablet) =>
  tablet.evaluate(() =>
    Array.from(document.querySelectorAll('ol[data-key="rank"] li .label')).map((l) =>
      l.textContent.trim(),
    ),
  );

/** From the facilitator page (open on `tablet`) to the thank-you screen, with `file` holding `allTypes()`. */
export async function answerEveryItemType(tablet: Tablet, file: string, lang: Lang): Promise<void> {
  await tablet.upload(T[lang].chooseFile, file);
  await tablet.see(T[lang].valid);
  await tablet.button(T[lang].tryIt);
  await tablet.see(T[lang].preview, '[role="note"]');
  await tablet.button(L[lang].start);
  await tablet.button(L[lang].accept);

  // Part one: profile with a school list, rating matrix, ranking, Likert.
  await choose(tablet, 'prof.role', 'teacher');
  await tablet.select('select', 'b');
  await choose(tablet, 'matrix.r1', 1);
  await choose(tablet, 'matrix.r2', 1);
  await tablet.button(T[lang].zUp);
  await tablet.button(T[lang].zUp);
  await tablet.until(async () => (await rankingOrder(tablet)).join() === 'z,x,y', 'z, x, y');
  await tablet.see(T[lang].zFirst);
  // And by dragging "y" above "z" with the pointer, as a finger does on a tablet.
  await tablet.drag(
    'ol[data-key="rank"] li[data-option="y"] .handle',
    'ol[data-key="rank"] li[data-option="z"]',
  );
  await tablet.until(async () => (await rankingOrder(tablet)).join() === 'y,z,x', 'y, z, x');
  await expectItemSaved(tablet, 'rank', lang);
  await choose(tablet, 'lik.st1', 9);
  await choose(tablet, 'lik.st2', 2);
  await expectItemSaved(tablet, 'lik', lang);
  await expectItemSaved(tablet, 'prof', lang);
  await tablet.button(L[lang].next);

  // Part two: open text, single choice with "other", multiple choice with a maximum.
  await heading(tablet, 'Twee');
  await tablet.fill('textarea[name="open"]', 'short');
  await choose(tablet, 'single', 'other');
  await tablet.fill('input[name="single.other"]', 'something');
  await tablet.blur();
  await tablet.click('fieldset[data-key="multi"] input[value="a"]');
  await tablet.click('fieldset[data-key="multi"] input[value="c"]');
  await tablet.until(
    () =>
      tablet.evaluate(
        () =>
          document.querySelector<HTMLInputElement>('fieldset[data-key="multi"] input[value="b"]')
            ?.disabled,
      ),
    'a third choice disabled (at most 2)',
  );
  await choose(tablet, 'num', 10);
  await expectItemSaved(tablet, 'num', lang);
  await expectItemSaved(tablet, 'single', lang);

  // The tablet is reloaded (or its browser restarted): the same part, with every answer.
  await tablet.reload();
  await heading(tablet, 'Twee');
  expect(await tablet.checked('fieldset[data-key="num"] input[value="10"]')).toBe(true);
  expect(
    await tablet.evaluate(
      () => document.querySelector<HTMLTextAreaElement>('textarea[name="open"]')?.value,
    ),
  ).toBe('short');
  await tablet.button(L[lang].next);

  // Part three shows because "c" was chosen.
  await heading(tablet, 'Drie');
  await tablet.fill('textarea[name="later"]', 'at last');
  await tablet.blur();
  await expectItemSaved(tablet, 'later', lang);
  await tablet.button(L[lang].review);
  await tablet.see(L[lang].allDone);
  await submit(tablet, lang);
}
