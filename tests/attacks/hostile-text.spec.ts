/**
 * What a participant types is shown to the whole room (issue 19): an answer with a bidi override
 * could show `gnp.exe` as `exe.png` on the beamer, and 1,400 characters without a space widened
 * the results and coding views by 24,000 px. The text shows as typed, in its place.
 */
import { expect, test, type Page } from '@playwright/test';
import { joinTablet, openBeamer, startSession } from '../e2e/session-helpers';
import { answerProfile, answerRest, L, startResponse } from '../e2e/study-run';

const RLO = '\u202e';
const ANSWER = `Zie bijlage ${RLO}gnp.exe en ${'x'.repeat(1400)}`;

/** How far the page is wider than its window (0 when nothing sticks out). */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test('an answer with a bidi override and a 1,400-character word: shown in its place, not reordered, on every screen', async ({
  browser,
}) => {
  const facilitator = await startSession(browser);
  const page = facilitator.page;
  const tablet = await joinTablet(browser, facilitator.joinPath);
  await startResponse(tablet, 'nl', null);
  await answerProfile(tablet, 'nl', 'leerkracht');
  await answerRest(tablet, 'nl', true, ANSWER);
  await tablet.getByRole('button', { name: L.nl.submit }).click();
  await expect(tablet.getByTestId('receipt')).toHaveText('✓ Ontvangen door de begeleider', {
    timeout: 30_000,
  });

  // The results: the open answer wraps.
  await page.getByRole('button', { name: 'Resultaten tonen' }).click();
  const open = page.locator('article[data-item="welbevinden_acties"]');
  await expect(open).toContainText('gnp.exe');
  expect(await overflow(page)).toBeLessThanOrEqual(1);

  // The beamer: approved, shown without the override, and within the screen.
  const beamer = await openBeamer(page);
  await page.getByLabel('Groepen tonen vanaf (respondenten)').fill('1');
  await page.getByLabel('Groepen tonen vanaf (respondenten)').blur();
  const slides = page.getByRole('combobox', { name: 'Naar dia' });
  const slide = slides.locator('option', { hasText: 'Wat deden jij of je school' });
  await slides.selectOption((await slide.getAttribute('value')) ?? '');
  await page.keyboard.press('r');
  await open.getByRole('button', { name: 'Goedkeuren' }).first().click();
  const quote = beamer.locator('.quotes li').first();
  await expect(quote).toContainText('Zie bijlage gnp.exe en xxx');
  expect(await quote.textContent()).not.toContain(RLO);
  expect(await overflow(beamer)).toBeLessThanOrEqual(1);

  // The coding view: the text wraps.
  const coding = await facilitator.context.newPage();
  await coding.goto('/facilitator');
  await coding.getByRole('link', { name: 'Open antwoorden, reacties en notities coderen' }).click();
  await expect(coding.getByText(/Zie bijlage/).first()).toBeVisible();
  expect(await overflow(coding)).toBeLessThanOrEqual(1);
  await tablet.context().close();
  await facilitator.context.close();
});
