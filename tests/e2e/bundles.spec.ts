import { expect, test } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseCsv } from '../../src/domain/export/csv';
import { joinTablet, startSession } from './session-helpers';
import { answerProfile, answerRest, L, startResponse } from './study-run';
import { studyBundle } from '../fixtures/study-bundle';

test('a session exported on one laptop imports on another with its results; a broken file is refused', async ({
  browser,
}) => {
  const school = await startSession(browser, { school: 'Sint-Jozefscollege' });
  const tablet = await joinTablet(browser, school.joinPath);
  await startResponse(tablet, 'nl', null);
  await answerProfile(tablet, 'nl', 'leerkracht');
  await answerRest(tablet, 'nl', true);
  await tablet.getByRole('button', { name: L.nl.submit }).click();
  await expect(school.page.getByTestId('submitted-count')).toHaveText('1 van 1 ingediend');

  await school.page.goto('/facilitator');
  const saved = school.page.waitForEvent('download');
  await school.page
    .getByRole('button', { name: /exporteren als bundelbestand/ })
    .first()
    .click();
  const file = test.info().outputPath('bundle.kring.json');
  await (await saved).saveAs(file);
  expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ format: 'kring-bundle' });

  // The researcher's laptop: another browser profile.
  const researcher = await (await browser.newContext()).newPage();
  await researcher.goto('/facilitator');
  const broken = test.info().outputPath('broken.kring.json');
  writeFileSync(broken, '{"format": "kring-bundle", "formatVersion": 1');
  await researcher.getByLabel(/Bundelbestanden importeren/).setInputFiles([broken]);
  await expect(researcher.getByTestId('import-outcome')).toContainText(
    'er is niets veranderd. 1 probleem: het bestand is geen geldige JSON',
  );
  await researcher.getByLabel(/Bundelbestanden importeren/).setInputFiles([file, file]);
  await expect(researcher.getByTestId('import-outcome')).toContainText('1 nieuwe sessie,');
  await expect(researcher.getByTestId('import-outcome')).toContainText('0 nieuwe sessies');
  await researcher
    .getByTestId('sessions')
    .getByRole('link', { name: /Onderwijs na corona/ })
    .click();
  await expect(researcher.getByText(/komt uit een bundel/)).toBeVisible();
  await researcher.getByRole('button', { name: 'Resultaten tonen' }).click();
  await expect(researcher.getByTestId('results-total')).toHaveText('1 respondent');

  // The data files, named after the session and the day; in Dutch the CSV is for a Dutch or
  // Belgian Excel (separated by semicolons); the SPSS syntax reads its own comma-separated CSV.
  await expect(
    researcher.getByRole('radio', { name: /Excel met Nederlandse of Belgische instellingen/ }),
  ).toBeChecked();
  await researcher.getByRole('button', { name: 'Bestanden klaarmaken' }).click();
  const now = new Date();
  const day = [now.getFullYear(), now.getMonth() + 1, now.getDate()]
    .map((n) => String(n).padStart(2, '0'))
    .join('-');
  // The session's title, "Onderwijs na corona: welbevinden, …", cut between words.
  const base = `onderwijs-na-corona-welbevinden-gelijke-kansen-${day}`;
  const csvDownload = researcher.waitForEvent('download');
  await researcher.getByRole('button', { name: `${base}-data.csv` }).click();
  const csv = parseCsv(readFileSync(await (await csvDownload).path(), 'utf8'), ';');
  expect(csv).toHaveLength(2);
  expect(csv[1]![csv[0]!.indexOf('prioriteiten.welbevinden')]).toBe('1');
  await expect(researcher.getByText('De gegevens zoals de SPSS-syntax ze leest')).toBeVisible();
  const spsDownload = researcher.waitForEvent('download');
  await researcher.getByRole('button', { name: `${base}-spss.sps` }).click();
  const sps = readFileSync(await (await spsDownload).path(), 'utf8');
  expect(sps).toContain('MISSING VALUES welbevinden_stellingen.aandacht_leerlingen (9).');
  expect(sps).toContain(`/FILE='${base}-spss.csv'`);
});

test("a study's large bundle imports in the background with progress, and the study counts it all", async ({
  page,
}) => {
  const file = test.info().outputPath('studie.kring.json');
  writeFileSync(file, JSON.stringify(studyBundle(2500, 60)));
  await page.goto('/facilitator');
  await page.getByLabel(/Bundelbestanden importeren/).setInputFiles(file);
  // The file is read, checked and stored in a worker, batch by batch: the page says how far.
  await expect(page.getByTestId('import-progress')).toBeVisible();
  await expect(page.getByTestId('import-outcome')).toContainText(
    '60 nieuwe sessies, 2.500 nieuwe of nieuwere antwoorden',
    { timeout: 60_000 },
  );
  await expect(page.getByTestId('import-progress')).toBeHidden();
  // The kit page lists the sessions a page at a time, the rest on request.
  const listed = page.getByTestId('sessions').getByRole('link');
  await expect(listed).toHaveCount(50);
  await page.getByRole('button', { name: 'Nog 10 tonen (van 60)' }).click();
  await expect(listed).toHaveCount(60);
  await page.goto('/facilitator?study');
  await expect(page.getByTestId('results-total')).toHaveText('2.500 respondenten');
  // Thousands of open answers are shown a page at a time.
  const answers = page.locator('article[data-item="welbevinden_acties"] li.answer');
  await expect(answers).toHaveCount(50);
  await page
    .locator('article[data-item="welbevinden_acties"]')
    .getByRole('button', { name: 'Nog 50 tonen (van 2.500)' })
    .click();
  await expect(answers).toHaveCount(100);

  // So are the texts to code: the first 50 of all of them, and more on request.
  await page.goto('/facilitator?coding');
  await expect(page.getByTestId('coding-total')).toContainText('van');
  await expect(page.locator('article[data-source]')).toHaveCount(50);
  await page.getByTestId('show-more').click();
  await expect(page.locator('article[data-source]')).toHaveCount(100);
});
