import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { L, answerProfile, answerRest, choose, startResponse, storedResponses } from './study-run';

async function expectNoSeriousAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

test('a teacher completes the whole study in Dutch; the next respondent starts empty', async ({
  page,
}) => {
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await startResponse(page, 'nl');
  await expectNoSeriousAxeViolations(page);
  await answerProfile(page, 'nl', 'leerkracht');
  await answerRest(page, 'nl', true);
  await expectNoSeriousAxeViolations(page);
  await page.getByRole('button', { name: L.nl.submit }).click();
  await expect(page.getByRole('heading', { name: L.nl.thanks })).toBeVisible();

  const [stored] = await storedResponses(page);
  expect(stored).toMatchObject({
    status: 'submitted',
    answers: {
      'profiel.role': 'leerkracht',
      'onderwijsniveau.other': 'Deeltijds kunstonderwijs',
      'prioriteiten.welbevinden': 1,
      'prioriteiten.differentiatie': 5,
      'welbevinden_stellingen.aandacht_leerlingen': 9,
      welbevinden_acties: 'Elke week een klasgesprek en een wandeling.',
      verandering_zelf: 8,
    },
  });

  await page.getByRole('button', { name: L.nl.nextRespondent }).click();
  await page.getByRole('button', { name: L.nl.start }).click();
  await page.getByRole('button', { name: L.nl.accept }).click();
  await expect(page.locator('fieldset[data-key="profiel.role"] input:checked')).toHaveCount(0);
  await expect(page.locator('input[name="profiel.school"]')).toHaveValue('');
  expect((await storedResponses(page)).length).toBe(2);
  expect(errors).toEqual([]);
});

test('a pupil completes the study in English and is not asked the teachers-only part', async ({
  page,
}) => {
  await startResponse(page, 'en');
  await expect(page.getByText('Pupil', { exact: true })).toBeVisible();
  await answerProfile(page, 'en', 'leerling');
  await answerRest(page, 'en', false);
  await expect(page.getByText('Capacity for change')).toHaveCount(0);
  await page.getByRole('button', { name: L.en.submit }).click();
  await expect(page.getByRole('heading', { name: L.en.thanks })).toBeVisible();
  const [stored] = await storedResponses(page);
  expect(stored).toMatchObject({ status: 'submitted', language: 'en' });
  expect(stored!.answers).not.toHaveProperty('verandering_school');
});

test('the review page lists unanswered required questions and links to them', async ({ page }) => {
  await startResponse(page, 'nl');
  await answerProfile(page, 'nl', 'ouder');
  for (let n = 0; n < 4; n++) await page.getByRole('button', { name: /Volgende/ }).click();
  await page.getByRole('button', { name: /Nakijken en indienen/ }).click();
  await expect(page.getByText('Nog 4 verplichte vragen zonder antwoord:')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Mijn antwoorden indienen' })).toBeDisabled();
  await page.getByRole('button', { name: 'Ga naar deze vraag' }).first().click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Prioriteiten voor de toekomst' }),
  ).toBeVisible();
  await expect(page.locator('[data-item="prioriteiten"]')).toBeFocused();
  await choose(page, 'prioriteiten.welbevinden', 2);
});

test('the review page shows every answer in words, each with a way back to change it', async ({
  page,
}) => {
  await startResponse(page, 'nl');
  await answerProfile(page, 'nl', 'leerkracht');
  await answerRest(page, 'nl', true, 'Elke week een klasgesprek.\nEn een wandeling.');
  await expect(page.getByRole('heading', { name: 'Je antwoorden', exact: true })).toBeVisible();
  const answer = (id: string) => page.locator(`[data-review-item="${id}"]`);
  await expect(answer('profiel')).toContainText('Leerkracht');
  await expect(answer('onderwijsniveau')).toContainText('Deeltijds kunstonderwijs');
  await expect(answer('prioriteiten')).toContainText('Welbevinden: 1');
  await expect(answer('welbevinden_acties')).toContainText('Elke week een klasgesprek.');
  await expect(answer('welbevinden_acties')).toContainText('En een wandeling.');
  await expect(answer('welbevinden_toekomst')).toContainText('niet beantwoord');
  await page
    .getByRole('button', { name: /^Je antwoord wijzigen op: Wat deden jij of je school/ })
    .click();
  await expect(page.locator('textarea[name="welbevinden_acties"]')).toBeVisible();
  await expect(page.locator('[data-item="welbevinden_acties"]')).toBeFocused();
});

test('progress counts parts: a role that adds questions never makes the total jump', async ({
  page,
}) => {
  await startResponse(page, 'nl');
  const progress = page.getByTestId('progress');
  await expect(progress).toHaveText('Deel 1 van 6');
  await answerProfile(page, 'nl', 'leerkracht'); // the teachers' part is one of the six
  const seen = [await progress.textContent()];
  for (let part = 2; part <= 6; part++) {
    await page.getByRole('button', { name: /Volgende/ }).click();
    await expect(progress).toHaveText(`Deel ${part} van 6`);
    seen.push(await progress.textContent());
  }
  expect(seen).toEqual([1, 2, 3, 4, 5, 6].map((n) => `Deel ${n} van 6`));
  await page.getByRole('button', { name: /Nakijken en indienen/ }).click();
  await expect(progress).toHaveText('Alle delen gezien: nakijken en indienen');
});

test('on a phone, a Likert block stays short and the scale ends stand by their numbers', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await startResponse(page, 'nl');
  await answerProfile(page, 'nl', 'leerkracht');
  await page.getByRole('button', { name: /Volgende/ }).click();
  // "5 = niet belangrijk" ends where the 5 ends.
  const five = page.locator('fieldset[data-key="prioriteiten.welbevinden"] label').nth(4);
  const end = page.locator('.ends span').last();
  await expect(end).toHaveText('5 = niet belangrijk');
  const [fiveBox, endBox] = [await five.boundingBox(), await end.boundingBox()];
  expect(Math.abs(fiveBox!.x + fiveBox!.width - (endBox!.x + endBox!.width))).toBeLessThan(12);

  await page.getByRole('button', { name: /Volgende/ }).click();
  const block = page.locator('[data-item="welbevinden_stellingen"]');
  await expect(block).toBeVisible();
  const height = (await block.boundingBox())!.height;
  expect(height).toBeLessThan(2600); // was 5,078 px: nine statements × five full-width rows
  // Every point stays a full touch target, and the four scale points share one row.
  const chips = block.locator('fieldset').first().locator('label');
  const boxes = await Promise.all((await chips.all()).map((c) => c.boundingBox()));
  for (const box of boxes) expect(Math.min(box!.width, box!.height)).toBeGreaterThanOrEqual(44);
  expect(new Set(boxes.slice(0, 4).map((b) => Math.round(b!.y))).size).toBe(1);
  await page.screenshot({ path: test.info().outputPath('likert-phone.png'), fullPage: true });
});

test('open text shows a character counter and stops at the maximum', async ({ page }) => {
  await startResponse(page, 'nl');
  await answerProfile(page, 'nl', 'leerkracht');
  await page.getByRole('button', { name: /Volgende/ }).click();
  await page.getByRole('button', { name: /Volgende/ }).click();
  const box = page.locator('textarea[name="welbevinden_toekomst"]');
  await box.fill('x'.repeat(1600));
  await expect(box).toHaveValue('x'.repeat(1500));
  await expect(page.getByText('1.500 van 1.500 tekens')).toBeVisible();
});
