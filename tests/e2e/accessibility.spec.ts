import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { studyJson } from '../fixtures/surveys';
import { writeBundleFile } from './fixtures/bundle-file';
import { joinTablet, openBeamer, startSession, submitFrom } from './session-helpers';
import { answerProfile, answerRest, L, startResponse } from './study-run';

/**
 * Every page of Kring through axe (issue 20): nothing above "minor" on the kit page, a session
 * and its beamer, a tablet from joining to thanks, the study, coding, report and editor.
 */
async function expectAccessible(page: Page, where: string): Promise<void> {
  // target-size (WCAG 2.2) too: tablets and phones are touched, not clicked.
  const results = await new AxeBuilder({ page })
    .options({ rules: { 'target-size': { enabled: true } } })
    .analyze();
  const found = results.violations
    .filter((v) => v.impact !== 'minor' && v.impact !== null)
    .map(
      (v) =>
        `${where}: ${v.id} (${v.impact}): ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  expect(found).toEqual([]);
}

test('the facilitator pages: kit, session, beamer', async ({ browser }) => {
  const facilitator = await startSession(browser);
  const page = facilitator.page;
  await expectAccessible(page, 'session');
  const beamer = await openBeamer(page);
  await expect(beamer.locator('.qr')).toBeVisible();
  await expectAccessible(beamer, 'beamer join slide');
  await submitFrom(browser, facilitator, 'leerkracht');
  await page.getByRole('button', { name: 'Resultaten tonen' }).click();
  await expect(page.getByTestId('results-total')).toHaveText('1 respondent');
  await expectAccessible(page, 'session with results');
  await page.goto('/facilitator');
  await expect(page.locator('#session-survey')).toBeVisible();
  await expectAccessible(page, 'kit');
  await facilitator.context.close();
});

test('a tablet from joining to thanks', async ({ browser }) => {
  const facilitator = await startSession(browser);
  const join = await (await browser.newContext()).newPage();
  await join.goto('/join');
  await expect(join.getByLabel('De code op het scherm')).toBeVisible();
  await expectAccessible(join, 'join page');
  await join.context().close();

  const tablet = await joinTablet(browser, facilitator.joinPath);
  await expectAccessible(tablet, 'welcome');
  await tablet.getByRole('button', { name: L.nl.start }).click();
  await expectAccessible(tablet, 'consent');
  await tablet.getByRole('button', { name: L.nl.accept }).click();
  await answerProfile(tablet, 'nl', 'leerkracht');
  await expectAccessible(tablet, 'first part');
  await answerRest(tablet, 'nl', true);
  await expectAccessible(tablet, 'review');
  await tablet.getByRole('button', { name: L.nl.submit }).click();
  await expect(tablet.getByRole('heading', { name: L.nl.thanks })).toBeVisible();
  await expectAccessible(tablet, 'thanks');
  await facilitator.context.close();
});

test('on a phone, mid-questionnaire with a discussion open: the banner covers nothing, the focus shows', async ({
  browser,
}) => {
  const facilitator = await startSession(browser);
  const tablet = await joinTablet(browser, facilitator.joinPath);
  await tablet.setViewportSize({ width: 390, height: 844 });
  await startResponse(tablet, 'nl', null);
  await answerProfile(tablet, 'nl', 'leerling');
  await tablet.getByRole('button', { name: /Volgende/ }).click();
  await facilitator.page.getByRole('button', { name: 'Deze dia bespreken' }).click();
  await expect(tablet.getByRole('button', { name: 'Meedoen', exact: true })).toBeVisible();
  await tablet.mouse.wheel(0, 600);
  await expectAccessible(tablet, 'phone with discussion banner');

  // The keyboard focus on an answer chip is a ring with 3:1 contrast on the page.
  await tablet.locator('fieldset[data-key="prioriteiten.welbevinden"] input').first().focus();
  const ring = await tablet
    .locator('fieldset[data-key="prioriteiten.welbevinden"] label')
    .first()
    .evaluate((label) => getComputedStyle(label).outlineColor);
  expect(contrastOnWhite(ring)).toBeGreaterThanOrEqual(3);
  await facilitator.context.close();
});

/** The contrast of a CSS rgb() colour against white. */
function contrastOnWhite(color: string): number {
  const [r, g, b] = (color.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 1.05 / (0.2126 * r! + 0.7152 * g! + 0.0722 * b! + 0.05);
}

test('the standalone try-out page, the study, coding, report and editor', async ({ page }) => {
  await startResponse(page, 'nl');
  await expectAccessible(page, 'standalone questionnaire');

  await page.goto('/facilitator');
  const bundle = writeBundleFile('Klimop', studyJson() as { version: number }, [
    { 'profiel.role': 'leerkracht', welbevinden_acties: 'Elke week een klasgesprek.' },
    { 'profiel.role': 'directie', welbevinden_acties: 'Een werkgroep welbevinden.' },
  ]);
  await page.getByLabel(/Bundelbestanden importeren/).setInputFiles([bundle]);
  await expect(page.getByTestId('import-outcome').locator('.ok')).toHaveCount(1);
  await page.goto('/facilitator?study');
  await expect(page.getByTestId('results-total')).toHaveText('2 respondenten');
  await expectAccessible(page, 'study');
  await page.goto('/facilitator?coding');
  await expect(page.getByTestId('coding-total')).toHaveText('2 van 2 teksten');
  await page.getByLabel('Je naam als codeerder').fill('An');
  await page.getByRole('button', { name: 'Bewaren', exact: true }).click();
  await expect(page.getByText('Je codeert als An')).toBeVisible();
  await page
    .locator('article[data-source]')
    .first()
    .getByRole('button', { name: /Coderen/ })
    .click();
  await expect(page.getByLabel('Memo (niet verplicht)')).toBeVisible();
  const box = await page.getByLabel('Welbevinden', { exact: true }).boundingBox();
  expect(Math.min(box!.width, box!.height)).toBeGreaterThanOrEqual(24); // was about 13 px
  await expectAccessible(page, 'coding');
  // Search with a hit being coded, and a transcript's turns being corrected before storing.
  await page.getByLabel('Zoek een woord of zinsdeel').fill('werkgroep');
  await page.getByTestId('search-hit').getByRole('button', { name: 'Hier coderen' }).click();
  await page.getByText('Transcript toevoegen').click();
  await page
    .getByLabel('Of plak de tekst')
    .fill('Interviewer: Hoe gaat het?\nJan: Goed. Echt goed.\nInterviewer: Fijn.\nJan: Ja.');
  await page.getByRole('button', { name: 'Tekst lezen' }).click();
  await page.getByText(/Alle 4 beurten nakijken/).click();
  await page.getByRole('button', { name: 'Beurt 2 splitsen' }).click();
  await expectAccessible(page, 'coding: search, transcript import');
  await page.goto('/facilitator?study');
  await page.getByTestId('report-link').click();
  await expect(page.getByTestId('report-groups')).toBeVisible();
  await expectAccessible(page, 'report');
  await page.goto('/facilitator');
  await page.getByRole('link', { name: 'Nieuwe vragenlijst', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Vragenlijst bewerken' })).toBeVisible();
  await expectAccessible(page, 'editor');
});
