import { expect, test } from '@playwright/test';
import writeXlsxFile from 'write-excel-file/node';
import { choices, settings, sheetData, survey } from '../fixtures/xlsform-rows';
import { joinTablet } from './session-helpers';

test('an XLSForm from ODK/Kobo is imported with its report and runs in a session on a tablet', async ({
  page,
  browser,
}) => {
  const path = test.info().outputPath('na-corona.xlsx');
  await writeXlsxFile([
    { data: sheetData(survey), sheet: 'survey' },
    { data: sheetData(choices), sheet: 'choices' },
    { data: sheetData(settings), sheet: 'settings' },
  ]).toFile(path);

  await page.goto('/facilitator');
  await page.getByLabel(/Breng een vragenlijst binnen/).setInputFiles(path);
  const outcome = page.getByTestId('library-outcome');
  await expect(outcome).toContainText('na-corona.xlsx is klaar voor sessies.');
  // The report names the row and the question, in the spreadsheet's terms.
  await expect(outcome.locator('li[data-row="18"]')).toContainText(
    'rij 18 · som: een berekening ("calculate") is geen vraag',
  );

  await page
    .locator('#session-survey')
    .selectOption({ label: 'Na corona · v3 (uit de bibliotheek)' });
  await page.locator('#session-school').fill('De Klimop');
  await page.getByLabel(/Toch starten/).check();
  await page.getByRole('button', { name: 'Sessie starten' }).click();
  const url = new URL((await page.locator('.url').textContent())!.trim());
  const tablet = await joinTablet(browser, `${url.pathname}${url.search}`);
  await expect(tablet.getByRole('heading', { name: 'Na corona' })).toBeVisible();
});
