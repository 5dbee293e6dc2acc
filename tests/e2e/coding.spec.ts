import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { studyJson } from '../fixtures/surveys';
import { writeBundleFile } from './fixtures/bundle-file';

/** A bundle file of one school's session with a teacher's and a director's open answers. */
function bundleFile(school: string, texts: string[]): string {
  return writeBundleFile(
    school,
    studyJson() as { version: number },
    texts.map((text, i) => ({
      'profiel.role': i === 0 ? 'leerkracht' : 'directie',
      welbevinden_acties: text,
    })),
  );
}

test('two schools imported, coded with the framework, filtered by school, a quote exported as the study prints it', async ({
  page,
}) => {
  await page.goto('/facilitator');
  await page
    .getByLabel(/Bundelbestanden importeren/)
    .setInputFiles([
      bundleFile('Klimop', ['Elke week een klasgesprek.', 'Een werkgroep welbevinden.']),
      bundleFile('Zonnebloem', ['Wandelen met de klas in de pauze.', 'Meer tijd voor overleg.']),
    ]);
  await expect(page.getByTestId('import-outcome').locator('.ok')).toHaveCount(2);

  // The study: both schools' sessions counted together, and apart with the school filter.
  await page.getByRole('link', { name: 'Resultaten van alle sessies samen (studie)' }).click();
  await expect(page.getByTestId('results-total')).toHaveText('4 respondenten');
  await page.getByRole('combobox', { name: 'School', exact: true }).selectOption('zonnebloem');
  await expect(page.getByTestId('results-total')).toHaveText('2 respondenten');
  await page.getByRole('link', { name: /Alle sessies/ }).click();

  await page.getByRole('link', { name: 'Open antwoorden, reacties en notities coderen' }).click();

  await expect(page.getByTestId('coding-total')).toHaveText('4 van 4 teksten');
  await page.getByLabel('Je naam als codeerder').fill('An');
  await page.getByRole('button', { name: 'Bewaren', exact: true }).click();
  await expect(page.getByText('Je codeert als An')).toBeVisible();

  await page.getByRole('combobox', { name: 'School', exact: true }).selectOption('Zonnebloem');
  await expect(page.getByTestId('coding-total')).toHaveText('2 van 4 teksten');
  const first = page.locator('article[data-source]').first();
  await expect(first).toContainText('Wandelen met de klas in de pauze.');
  await first.getByRole('button', { name: /Coderen/ }).click();
  await first.getByLabel('Verbindende klas- en groepsactiviteiten').check();
  await first.getByLabel('Memo (niet verplicht)').fill('buiten');
  await first.getByRole('button', { name: 'Toepassen' }).click();
  await expect(first.getByTestId('coding')).toContainText(
    'Verbindende klas- en groepsactiviteiten',
  );

  await page
    .getByRole('combobox', { name: 'Code', exact: true })
    .first()
    .selectOption('welbevinden');
  await expect(page.getByTestId('coding-total')).toHaveText('1 van 4 teksten');

  const quoteCode = page.locator('section', { hasText: 'Citaten per code' }).getByRole('combobox');
  await quoteCode.selectOption('welbevinden.groepsactiviteiten');
  await expect(page.getByTestId('quotes')).toHaveText(
    '“Wandelen met de klas in de pauze.” (leerkracht)',
  );
  await page.screenshot({ path: test.info().outputPath('coding.png'), fullPage: true }); // to look at
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Bewaren als Markdown' }).click();
  const markdown = readFileSync(await (await download).path(), 'utf8');
  expect(markdown).toContain('> “Wandelen met de klas in de pauze.” (leerkracht)');

  // The codebook is editable: a new sub-code can be used at once, and is saved with the book.
  await page.getByText('Codeboek', { exact: true }).click();
  await page.getByLabel('Nieuwe code').fill('Rol van ouders');
  await page.getByLabel('Onder', { exact: true }).selectOption({ label: 'Welbevinden' });
  await page.getByRole('button', { name: 'Toevoegen', exact: true }).click();
  await first.getByRole('button', { name: /Coderen/ }).click();
  await expect(first.getByLabel('Rol van ouders')).toBeVisible();
  await first
    .getByRole('button', { name: 'Annuleren' })
    .click()
    .catch(() => undefined);
  const book = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Codeboek bewaren (JSON)' }).click();
  const codes = JSON.parse(readFileSync(await (await book).path(), 'utf8')) as { id: string }[];
  expect(codes.map((c) => c.id)).toContain('welbevinden.rol_van_ouders');

  // The coding survives a reload (it is stored as it is made).
  await page.reload();
  await expect(page.locator('[data-testid="coding"]')).toHaveCount(1);

  // The printable report of the study: groups, figures with counts, and the coded quote.
  await page.goto('/facilitator?study');
  await page.getByTestId('report-link').click();
  await expect(page.getByTestId('report-groups')).toContainText('Zonnebloem');
  await expect(page.getByTestId('report-quote')).toHaveText(
    '“Wandelen met de klas in de pauze.” (leerkracht)',
  );
  await expect(page.getByRole('heading', { name: /^Figuur 1\. / })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('report.png'), fullPage: true }); // to look at
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
});
