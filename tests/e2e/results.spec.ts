import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { startSession, submitFrom } from './session-helpers';

test('answers from three tablets appear in the live results, filter by role, as chart, table and CSV', async ({
  browser,
}) => {
  const facilitator = await startSession(browser);
  const page = facilitator.page;
  await page.getByRole('button', { name: 'Resultaten tonen' }).click();
  await expect(page.getByTestId('results-total')).toHaveText('0 respondenten');

  const roles = ['leerkracht', 'leerkracht', 'leerling'] as const;
  for (const role of roles) await submitFrom(browser, facilitator, role);
  await expect(page.getByTestId('results-total')).toHaveText('3 respondenten');

  const priorities = page.locator('article[data-item="prioriteiten"]');
  await expect(priorities.getByTestId('result-n')).toHaveText('n = 3');
  await expect(priorities.locator('canvas')).toBeVisible();
  await priorities.screenshot({ path: test.info().outputPath('priorities.png') });
  await page
    .locator('article[data-item="welbevinden_stellingen"]')
    .screenshot({ path: test.info().outputPath('likert.png') });

  const png = page.waitForEvent('download');
  await priorities.getByRole('button', { name: 'Grafiek bewaren (PNG)' }).click();
  const image = readFileSync(await (await png).path());
  expect(image.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect((await png).suggestedFilename()).toBe('prioriteiten.png');

  // The table holds the same counts: answerRest rates welbevinden 1 on every tablet.
  await priorities.getByRole('button', { name: 'Tabel', exact: true }).click();
  const wellbeing = priorities.getByRole('row', { name: /Welbevinden/ });
  await expect(wellbeing.getByRole('cell').first()).toHaveText('3');

  // "No opinion" is reported beside the Likert scale, not in it, per statement: every tablet
  // gave it on the first statement, none on the others; so that statement's n is 0.
  const likertN = page
    .locator('article[data-item="welbevinden_stellingen"]')
    .getByTestId('result-n');
  await expect(likertN).toContainText('n = 0–3 per stelling (zie de tabel)');
  await expect(likertN).toContainText('0–3 per stelling (in de tabel, niet in de balken)');

  const download = page.waitForEvent('download');
  await priorities.getByRole('button', { name: 'Tabel bewaren (CSV)' }).click();
  const csv = readFileSync(await (await download).path(), 'utf8');
  // For Excel with Dutch or Belgian settings: separated by semicolons.
  expect(csv.split('\n')[1]).toMatch(/^"?Welbevinden[^;]*"?;3;0;0;0;0;3/);

  // Charts are drawn as they come near the screen: the last one, once scrolled to, is drawn
  // and saves as an image like the first.
  const last = page.locator('article.result').last();
  await last.scrollIntoViewIfNeeded();
  await expect.poll(() => last.locator('canvas').evaluate(drawnPixels)).toBeGreaterThan(0);
  const lastPng = page.waitForEvent('download');
  await last.getByRole('button', { name: 'Grafiek bewaren (PNG)' }).click();
  expect((await lastPng).suggestedFilename()).toMatch(/\.png$/);

  await page.getByRole('combobox', { name: 'Rol', exact: true }).selectOption('leerling');
  await expect(page.getByTestId('results-total')).toHaveText('1 respondent');
  await expect(
    page.locator('article[data-item="verandering_zelf"]').getByTestId('result-n'),
  ).toHaveText('n = 0');
});

/** How many pixels of a canvas are not blank (runs in the page). */
function drawnPixels(canvas: HTMLCanvasElement): number {
  const context = canvas.getContext('2d');
  if (!context || canvas.width === 0) return 0;
  const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
  let drawn = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) drawn++;
  return drawn;
}
