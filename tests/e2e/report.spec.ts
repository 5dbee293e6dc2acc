import { expect, test } from '@playwright/test';
import { studyJson } from '../fixtures/surveys';
import { writeBundleFile } from './fixtures/bundle-file';

/**
 * The printable report as a researcher reads it (issue 20): figures numbered in order, each
 * block titled with its section, counts and plurals in Dutch, and n per row where respondents
 * skipped a row, as the study's own Figure 1 has them.
 */
test('the report numbers its figures in order, names their sections and writes Dutch', async ({
  page,
}) => {
  const statements = (block: string, ids: string[], code: number) =>
    Object.fromEntries(ids.map((id) => [`${block}.${id}`, code]));
  const answers = (i: number) => ({
    'profiel.role': 'leerkracht',
    'profiel.school': 'De Klimop',
    onderwijsniveau: 'basis',
    'prioriteiten.welbevinden': 1,
    'prioriteiten.zelfsturing': 2,
    'prioriteiten.gelijke_kansen': 3,
    'prioriteiten.differentiatie': 4,
    // The second and third respondent left "digitalisering" blank, as some in the study did.
    ...(i === 0 ? { 'prioriteiten.digitalisering': 5 } : {}),
    ...statements('welbevinden_stellingen', ['aandacht_leerlingen', 'signalen'], 1),
    ...statements('gelijke_kansen_stellingen', ['achterstand'], 2),
    ...statements('digitalisering_stellingen', ['vaardigheden'], i === 0 ? 9 : 1),
    verandering_school: 7,
  });
  await page.goto('/facilitator');
  await page
    .getByLabel(/Bundelbestanden importeren/)
    .setInputFiles([
      writeBundleFile('Klimop', studyJson() as { version: number }, [0, 1, 2].map(answers)),
    ]);
  await expect(page.getByTestId('import-outcome')).toContainText('1 nieuwe sessie, 3 nieuwe');
  // None of them answered every required question: kept, counted, and said.
  await expect(page.getByTestId('import-incomplete')).toHaveText(
    /^3 ingediende antwoordenlijsten missen een verplicht antwoord\./,
  );

  await page.goto('/facilitator?study');
  await page.getByTestId('report-link').click();
  await expect(page.getByText('3 respondenten in 1 sessie.')).toBeVisible();
  const titles = await page.getByTestId('report-figure').getByRole('heading').allTextContents();
  expect(titles.map((t) => Number(/^Figuur (\d+)\./.exec(t)?.[1]))).toEqual(
    titles.map((_, i) => i + 1),
  );
  expect(titles).toContain(
    'Figuur 4. Welbevinden: In hoeverre ben je het eens met deze stellingen?',
  );
  expect(titles).toContain(
    'Figuur 5. Gelijke onderwijskansen: In hoeverre ben je het eens met deze stellingen?',
  );
  const priorities = page.getByTestId('report-figure').filter({ hasText: 'Prioriteiten' });
  await expect(priorities.getByText('n = 1–3 per rij (zie de tabel)')).toBeVisible();
  // "No opinion" per statement in the table: the first respondent's, beside its statement.
  const digital = page
    .getByTestId('report-figure')
    .filter({ has: page.getByRole('heading', { name: /^Figuur 6\. Digitalisering/ }) });
  await expect(
    digital.getByRole('row', { name: /digitale vaardigheden/ }).getByRole('cell'),
  ).toHaveText(['2', '0', '0', '0', '1', '2']);
});
