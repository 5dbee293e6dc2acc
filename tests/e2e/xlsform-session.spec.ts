/**
 * An XLSForm as ODK and KoboToolbox users write it (a plain choice named "other" with its
 * follow-up question, a hint, a constraint with its message, a note), imported and run in a
 * real session with two tablets: both responses are received and counted, none is set aside.
 */
import { expect, test, type Page } from '@playwright/test';
import writeXlsxFile from 'write-excel-file/node';
import {
  deviceRows,
  expectConnectedOverWebrtc,
  joinTablet,
  submittedCount,
} from './session-helpers';

const survey = [
  [
    'type',
    'name',
    'label::Nederlands (nl)',
    'hint::Nederlands (nl)',
    'relevant',
    'required',
    'constraint',
    'constraint_message::Nederlands (nl)',
  ],
  ['note', 'welkom', 'Welkom! Dit duurt twee minuten.', '', '', '', '', ''],
  ['begin_group', 'lessen', 'Je lessen', '', '', '', '', ''],
  ['select_one vak', 'vak', 'Welk vak geef je het liefst?', '', '', 'yes', '', ''],
  ['text', 'vak_ander', 'Welk ander vak?', 'Eén vak is genoeg.', "${vak} = 'other'", 'yes', '', ''],
  [
    'integer',
    'uren',
    'Hoeveel uur per week?',
    '',
    '',
    'yes',
    '. >= 0 and . <= 40',
    'Tussen 0 en 40 uur',
  ],
  ['end_group', '', '', '', '', '', '', ''],
];
const choices = [
  ['list_name', 'name', 'label::Nederlands (nl)'],
  ['vak', 'wiskunde', 'Wiskunde'],
  ['vak', 'taal', 'Taal'],
  ['vak', 'other', 'Iets anders'],
];

async function answer(tablet: Page, vak: string, uren: string, ander?: string) {
  await tablet.getByRole('button', { name: 'Beginnen' }).click();
  await tablet.getByRole('button', { name: /Ik ga akkoord/ }).click();
  // The note before the group is a part of its own, the group the next.
  await expect(tablet.getByText('Welkom! Dit duurt twee minuten.')).toBeVisible();
  await tablet.getByRole('button', { name: /Volgende/ }).click();
  await expect(tablet.getByRole('heading', { level: 1, name: 'Je lessen' })).toBeVisible();
  await tablet.getByRole('radio', { name: vak }).check();
  if (ander) {
    // A plain choice "other": no extra box of Kring's own, the form's follow-up question.
    await expect(tablet.getByPlaceholder('Omschrijf')).toHaveCount(0);
    await expect(tablet.getByText('Eén vak is genoeg.')).toBeVisible();
    await tablet.getByRole('textbox', { name: 'Welk ander vak?' }).fill(ander);
  }
  const hours = tablet.getByRole('textbox', { name: 'Hoeveel uur per week?' });
  await hours.fill('50');
  await hours.blur();
  await expect(tablet.getByText('Tussen 0 en 40 uur')).toBeVisible();
  await hours.fill(uren);
  await hours.blur();
  await expect(tablet.getByText('Tussen 0 en 40 uur')).toHaveCount(0);
  await expect(tablet.locator('[data-item="uren"] [data-save]')).toHaveText('✓ Bewaard');
  await tablet.getByRole('button', { name: /Nakijken en indienen/ }).click();
  await expect(tablet.getByText(/Alle verplichte vragen zijn beantwoord/)).toBeVisible();
  await tablet.getByRole('button', { name: 'Mijn antwoorden indienen' }).click();
  await expect(tablet.getByRole('heading', { name: 'Dank je wel!' })).toBeVisible();
}

test('an imported XLSForm with "other", a condition, a constraint and a hint runs with two tablets; both responses are counted', async ({
  page,
  browser,
}) => {
  const path = test.info().outputPath('lessen.xlsx');
  await writeXlsxFile([
    { data: survey, sheet: 'survey' },
    { data: choices, sheet: 'choices' },
    {
      data: [
        ['form_title', 'form_id', 'version'],
        ['Lessen', 'lessen', '1'],
      ],
      sheet: 'settings',
    },
  ]).toFile(path);

  await page.goto('/facilitator');
  await page.getByLabel(/Breng een vragenlijst binnen/).setInputFiles(path);
  const report = page.getByTestId('xlsform-report');
  await expect(report).toContainText('3 van 3 vragen overgenomen.');
  // Every line names the row and the question as they are in the spreadsheet.
  await report.getByText(/Wat elke vraag werd/).click();
  await expect(report.locator('li[data-row="5"]')).toContainText(
    'rij 5 · vak_ander: werd een vraag van het soort "Open tekst"',
  );
  await expect(report.locator('li[data-row="6"]')).toContainText('rij 6 · uren');

  await page.locator('#session-survey').selectOption({ label: 'Lessen · v1 (uit de bibliotheek)' });
  await page.locator('#session-school').fill('De Klimop');
  // The form has no introduction: the start waits for a word from the facilitator.
  await expect(page.getByTestId('intro-to-write')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sessie starten' })).toBeDisabled();
  await page.getByLabel(/Toch starten/).check();
  await page.getByRole('button', { name: 'Sessie starten' }).click();
  const url = new URL((await page.locator('.url').textContent())!.trim());
  const joinPath = `${url.pathname}${url.search}`;

  const first = await joinTablet(browser, joinPath);
  const second = await joinTablet(browser, joinPath);
  await expectConnectedOverWebrtc(first);
  await expectConnectedOverWebrtc(second);
  await answer(first, 'Iets anders', '12', 'Techniek');
  await answer(second, 'Wiskunde', '3');

  await expect(submittedCount(page)).toContainText('2 van 2 ingediend', { timeout: 30_000 });
  for (const row of await deviceRows(page).all())
    await expect(row).toHaveAttribute('data-quarantined', '0');
  for (const tablet of [first, second])
    await expect(tablet.getByTestId('receipt')).toHaveText('✓ Ontvangen door de begeleider', {
      timeout: 30_000,
    });
});
