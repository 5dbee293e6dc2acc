import { expect, test, type Page } from '@playwright/test';
import { E2E_PORT } from '../../playwright.config';
import {
  deviceRows,
  expectConnectedOverWebrtc,
  joinTablet,
  openBeamer,
  startSession,
  submitFrom,
  typeJoinCode,
} from './session-helpers';
import { answerProfile, answerRest, startResponse } from './study-run';

/**
 * What a facilitator and the room see at the start of a session (issue 20): where tablets go,
 * the beamer's join slide on one screen, and the same keys in both windows.
 */

/** Whether an element lies wholly inside the page's viewport. */
async function wholeOnScreen(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((element) => {
    const box = element.getBoundingClientRect();
    return (
      box.width > 0 &&
      box.top >= 0 &&
      box.left >= 0 &&
      box.bottom <= window.innerHeight &&
      box.right <= window.innerWidth
    );
  });
}

test('the kit page sends tablets to /join, and a tablet opening the bare address lands there', async ({
  page,
  browser,
}) => {
  await page.goto('/facilitator');
  const addresses = page.locator('.urls a');
  const count = await addresses.count();
  for (let i = 0; i < count; i++) await expect(addresses.nth(i)).toHaveText(/^http:\/\/.+\/join$/);

  // The laptop's own try-out page says what it is.
  await page.goto('/');
  await expect(page.getByTestId('standalone-note')).toContainText('bereiken geen laptop');

  // A tablet reaches the laptop by a network address, not "localhost".
  const tablet = await (await browser.newContext()).newPage();
  await tablet.goto(`http://127.0.0.2:${E2E_PORT}/`);
  await expect(tablet).toHaveURL(`http://127.0.0.2:${E2E_PORT}/join`);
  await expect(tablet.getByLabel(/code/i).first()).toBeVisible();
  // And the short address on the beamer is the same page.
  await tablet.goto(`http://127.0.0.2:${E2E_PORT}/j`);
  await expect(tablet.getByLabel(/code/i).first()).toBeVisible();
  await tablet.context().close();
});

for (const [width, height] of [
  [1280, 720],
  [1920, 1080],
] as const) {
  test(`the beamer's join slide fits on one ${width}×${height} screen: address, code and QR code`, async ({
    browser,
  }) => {
    const facilitator = await startSession(browser);
    const beamer = await openBeamer(facilitator.page);
    await beamer.setViewportSize({ width, height });
    await expect(beamer.getByTestId('projection-url')).toHaveText(/^http:\/\/[^/]+\/j$/);
    await expect(beamer.getByTestId('projection-count')).toHaveText(
      'Wachten op de eerste tablets…',
    );
    for (const part of ['h1', '.qr', '.code', '[data-testid="projection-url"]', '.check'])
      expect(await wholeOnScreen(beamer, part), part).toBe(true);
    const qr = await beamer.locator('.qr').boundingBox();
    expect(qr!.height).toBeGreaterThan(height * 0.4); // big enough to scan across a classroom
    await beamer.screenshot({ path: test.info().outputPath(`join-${width}.png`) }); // to look at
    await facilitator.context.close();
  });
}

test('R, F and B do the same in the beamer window as on the session page, and are shown', async ({
  browser,
}) => {
  const facilitator = await startSession(browser);
  const page = facilitator.page;
  const beamer = await openBeamer(page);
  await submitFrom(browser, facilitator, 'leerkracht');
  await beamer.mouse.move(10, 10);
  await expect(beamer.getByTestId('projection-keys')).toBeVisible();
  await expect(beamer.getByTestId('projection-keys')).toContainText('R Antwoorden tonen');

  await beamer.keyboard.press('ArrowRight');
  await expect(beamer.getByText('De antwoorden komen zo meteen in beeld.')).toBeVisible();
  await beamer.keyboard.press('r');
  await expect(page.getByRole('button', { name: /Antwoorden tonen/ })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await beamer.keyboard.press('f');
  await expect(page.getByTestId('beamer-now')).toContainText('bevroren');
  await beamer.keyboard.press('f');
  await expect(page.getByTestId('beamer-now')).not.toContainText('bevroren');
  await beamer.keyboard.press('b');
  await expect(beamer.locator('main')).toHaveAttribute('data-slide', 'blank');
  await beamer.keyboard.press('b');
  await expect(beamer.locator('main')).not.toHaveAttribute('data-slide', 'blank');
  await facilitator.context.close();
});

test("a pupil's tablet: its number as the laptop lists it, the school given, no network jargon", async ({
  browser,
}) => {
  const facilitator = await startSession(browser, { school: 'De Klimop' });
  const tablet = await joinTablet(browser, facilitator.joinPath);
  await expectConnectedOverWebrtc(tablet);
  await expect(deviceRows(facilitator.page).first().getByRole('rowheader')).toHaveText('Tablet 1');
  await expect(tablet.getByTestId('tablet-number')).toHaveText('Tablet 1');
  await expect(tablet.getByTestId('connection')).toContainText('Verbonden met de begeleider');
  // How it connects and the check code are for the facilitator, behind "Details".
  await expect(tablet.getByText(/WebRTC/)).toBeHidden();
  await expect(tablet.getByText(/Controlecode/)).toBeHidden();
  await tablet.getByTestId('connection-details').getByText('Details').click();
  await expect(tablet.getByText('rechtstreeks (WebRTC)')).toBeVisible();

  await startResponse(tablet, 'nl', null);
  await expect(tablet.getByTestId('school-given')).toHaveText('De Klimop');
  await expect(tablet.locator('input[name="profiel.school"]')).toHaveCount(0);
  await answerProfile(tablet, 'nl', 'leerling');
  await answerRest(tablet, 'nl', false);
  await expect(tablet.locator('[data-review-item="profiel"]')).toContainText('De Klimop');
  await facilitator.context.close();
});

test('a typed code no session answers says, after a few seconds, that it may be wrong', async ({
  browser,
}) => {
  const tablet = await typeJoinCode(browser, 'ZZZZ2222');
  await expect(tablet.getByRole('heading', { name: /Op zoek naar de begeleider/ })).toBeVisible();
  await expect(tablet.getByTestId('code-unanswered')).toHaveCount(0);
  await expect(tablet.getByTestId('code-unanswered')).toHaveText(
    /^Geen enkele sessie antwoordt op code ZZZZ-2222\./,
    { timeout: 15_000 },
  );
  await tablet.getByRole('button', { name: 'Aan een andere sessie deelnemen' }).click();
  await expect(tablet.getByLabel('De code op het scherm')).toBeVisible();
  await tablet.context().close();
});

test('every response in a table: its tablet, role and answers; a test response removed, undone, removed for good', async ({
  browser,
}) => {
  const facilitator = await startSession(browser);
  const page = facilitator.page;
  await submitFrom(browser, facilitator, 'leerkracht', 'Een test van de begeleider.');
  await submitFrom(browser, facilitator, 'leerling', 'Meer pauzes.');
  const table = page.getByTestId('responses');
  await table.getByText(/Antwoordenlijsten \(2\)/).click();
  const rows = table.locator('tr[data-response]');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('Tablet 1');
  await expect(rows.nth(0)).toContainText('Leerkracht');
  await expect(rows.nth(0)).toContainText('ingediend');
  await rows.nth(0).getByRole('button', { name: 'Antwoorden' }).click();
  await expect(table).toContainText('Een test van de begeleider.');

  await page.getByRole('button', { name: 'Resultaten tonen' }).click();
  await expect(page.getByTestId('results-total')).toHaveText('2 respondenten');
  await rows.nth(0).getByRole('button', { name: 'Verwijderen' }).click();
  await expect(page.getByTestId('results-total')).toHaveText('1 respondent');
  await expect(table.getByText(/Antwoordenlijsten \(1\)/)).toBeVisible();
  await table.getByRole('button', { name: 'Ongedaan maken' }).click();
  await expect(page.getByTestId('results-total')).toHaveText('2 respondenten');
  await rows.nth(0).getByRole('button', { name: 'Verwijderen' }).click();
  await expect(page.getByTestId('results-total')).toHaveText('1 respondent');

  // After a reload the tablets sync again: the removed response is not taken in again.
  await page.reload();
  await page.getByRole('button', { name: 'Resultaten tonen' }).click();
  await expect(page.getByTestId('results-total')).toHaveText('1 respondent');
  await expect(deviceRows(page)).toHaveCount(2);
  await page.goto('/facilitator');
  await expect(page.getByTestId('session-counts').first()).toContainText('1 ingediend, 0 bezig');
  await facilitator.context.close();
});
