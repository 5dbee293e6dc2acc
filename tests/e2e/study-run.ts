/**
 * Drives the bundled study like a participant in Playwright's Chromium: the shared walk
 * (tests/fixtures/study-walk.ts) through a page.
 */
import { expect, type Page } from '@playwright/test';
import * as walk from '../fixtures/study-walk';
import {
  L,
  responsesInPage,
  type Lang,
  type StoredResponse,
  type StudyDriver,
} from '../fixtures/study-walk';

export { L, responsesInPage, type Lang, type StoredResponse };

/** The walk's verbs on a Playwright page. */
export function pageDriver(page: Page): StudyDriver {
  return {
    check: (css) => page.locator(css).check(),
    fill: (css, text) => page.locator(css).fill(text),
    blur: (css) => page.locator(css).blur(),
    press: (name) => page.getByRole('button', { name }).click(),
    see: (text, css = 'body *') =>
      expect(page.locator(css).filter({ hasText: text }).first()).toBeVisible(),
    visible: (css) => expect(page.locator(css).first()).toBeVisible(),
    has: async (css) => (await page.locator(css).count()) > 0,
    keysUnder: async (prefix) => {
      const groups = page.locator(`fieldset[data-key^="${prefix}."]`);
      await expect(groups.first()).toBeVisible();
      return groups.evaluateAll((all) => all.map((f) => f.getAttribute('data-key')!));
    },
  };
}

/** Picks a value in the radio group of one answer key. */
export const choose = (page: Page, key: string, value: string | number): Promise<void> =>
  walk.choose(pageDriver(page), key, value);

export const expectItemSaved = (page: Page, itemId: string, lang: Lang): Promise<void> =>
  walk.expectItemSaved(pageDriver(page), itemId, lang);

/** Starts a response: on the standalone page, or (with `url: null`) on the page already open. */
export async function startResponse(
  page: Page,
  lang: Lang,
  url: string | null = '/',
): Promise<void> {
  if (url !== null) await page.goto(url);
  await walk.startResponse(pageDriver(page), lang);
}

export const answerProfile = (page: Page, lang: Lang, role: string): Promise<void> =>
  walk.answerProfile(pageDriver(page), lang, role);

/** Answers every section after the profile and arrives at the review page. */
export async function answerRest(
  page: Page,
  lang: Lang,
  teacher: boolean,
  openAnswer?: string,
): Promise<void> {
  const driver = pageDriver(page);
  await walk.answerPriorities(driver, lang);
  await walk.answerStatements(driver, lang, teacher, openAnswer);
}

/** The response rows in this page's IndexedDB, read the way a support person would inspect them. */
export const storedResponses = (page: Page): Promise<StoredResponse[]> =>
  page.evaluate(responsesInPage);
