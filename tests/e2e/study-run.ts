/** Drives the bundled study like a participant, through visible controls only. */
import { expect, type Page } from '@playwright/test';

export type Lang = 'nl' | 'en';

export const L = {
  nl: {
    start: 'Beginnen',
    accept: /Ik ga akkoord/,
    next: /Volgende/,
    review: /Nakijken en indienen/,
    submit: 'Mijn antwoorden indienen',
    thanks: 'Dank je wel!',
    saved: 'Bewaard',
    nextRespondent: 'Volgende deelnemer',
    allDone: /Alle verplichte vragen zijn beantwoord/,
  },
  en: {
    start: 'Start',
    accept: /I agree/,
    next: /Next/,
    review: /Check and submit/,
    submit: 'Submit my answers',
    thanks: 'Thank you!',
    saved: 'Saved',
    nextRespondent: 'Next respondent',
    allDone: /All required questions are answered/,
  },
} as const;

/** Picks a value in the radio group of one answer key. */
export async function choose(page: Page, key: string, value: string | number): Promise<void> {
  await page.locator(`fieldset[data-key="${key}"] input[value="${value}"]`).check();
}

export async function expectItemSaved(page: Page, itemId: string, lang: Lang): Promise<void> {
  await expect(page.locator(`[data-item="${itemId}"] [data-save]`)).toHaveText(
    `✓ ${L[lang].saved}`,
  );
}

/** Starts a response: on the standalone page, or (with `url: null`) on the page already open. */
export async function startResponse(
  page: Page,
  lang: Lang,
  url: string | null = '/',
): Promise<void> {
  if (url !== null) await page.goto(url);
  if (lang === 'en') await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('button', { name: L[lang].start }).click();
  await page.getByRole('button', { name: L[lang].accept }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: lang === 'nl' ? 'Over jou' : 'About you' }),
  ).toBeVisible();
}

export async function answerProfile(page: Page, lang: Lang, role: string): Promise<void> {
  await choose(page, 'profiel.role', role);
  // In a session with a school, the tablet shows it instead of asking.
  await expect(page.locator('[data-key="profiel.school"]')).toBeVisible();
  if ((await page.getByTestId('school-given').count()) === 0)
    await page.locator('input[name="profiel.school"]').fill('Sint-Jozefscollege');
  await choose(page, 'onderwijsniveau', 'other');
  await page.locator('input[name="onderwijsniveau.other"]').fill('Deeltijds kunstonderwijs');
  await page.locator('input[name="onderwijsniveau.other"]').blur();
  await expectItemSaved(page, 'profiel', lang);
  await expectItemSaved(page, 'onderwijsniveau', lang);
}

const PRIORITIES = [
  'welbevinden',
  'zelfsturing',
  'digitalisering',
  'gelijke_kansen',
  'differentiatie',
];

/** Answers every section after the profile and arrives at the review page. */
export async function answerRest(
  page: Page,
  lang: Lang,
  teacher: boolean,
  openAnswer = 'Elke week een klasgesprek en een wandeling.',
): Promise<void> {
  const next = async () => page.getByRole('button', { name: L[lang].next }).click();
  await next();
  for (const [n, row] of PRIORITIES.entries())
    await choose(page, `prioriteiten.${row}`, (n % 5) + 1);
  await expectItemSaved(page, 'prioriteiten', lang);
  await next();
  for (const block of [
    'welbevinden_stellingen',
    'gelijke_kansen_stellingen',
    'digitalisering_stellingen',
  ]) {
    const groups = page.locator(`fieldset[data-key^="${block}."]`);
    const count = await groups.count();
    for (let n = 0; n < count; n++) {
      const key = (await groups.nth(n).getAttribute('data-key'))!;
      await choose(page, key, n === 0 ? 9 : (n % 4) + 1); // the first statement: "no opinion"
    }
    await expectItemSaved(page, block, lang);
    if (block === 'welbevinden_stellingen') {
      await page.locator('textarea[name="welbevinden_acties"]').fill(openAnswer);
    }
    await page
      .getByRole('button', {
        name: teacher || block !== 'digitalisering_stellingen' ? L[lang].next : L[lang].review,
      })
      .click();
  }
  if (teacher) {
    await choose(page, 'verandering_school', 7);
    await choose(page, 'verandering_zelf', 8);
    await expectItemSaved(page, 'verandering_zelf', lang);
    await page.getByRole('button', { name: L[lang].review }).click();
  }
  await expect(page.getByText(L[lang].allDone)).toBeVisible();
}

export interface StoredResponse {
  id: string;
  status: string;
  language: string;
  answers: Record<string, unknown>;
}

/** Runs in a page (of any engine): the response rows of its IndexedDB, read without Kring's code. */
export function responsesInPage(): Promise<StoredResponse[]> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('kring');
    open.onerror = () => reject(new Error(String(open.error)));
    open.onsuccess = () => {
      const request = open.result.transaction('responses').objectStore('responses').getAll();
      request.onsuccess = () => {
        open.result.close();
        resolve(request.result as StoredResponse[]);
      };
      request.onerror = () => reject(new Error(String(request.error)));
    };
  });
}

/** The response rows in this page's IndexedDB, read the way a support person would inspect them. */
export const storedResponses = (page: Page): Promise<StoredResponse[]> =>
  page.evaluate(responsesInPage);
