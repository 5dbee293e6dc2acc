import { expect, test, type Page } from '@playwright/test';
import { joinTablet } from './session-helpers';

/** Types a text in both languages of a field of the editor. */
async function write(page: Page, field: string, nl: string, en: string, nth = 0) {
  const group = page.getByRole('group', { name: field, exact: true }).nth(nth);
  await group.getByLabel('nl', { exact: true }).fill(nl);
  await group.getByLabel('en', { exact: true }).fill(en);
}

test('a questionnaire built from scratch in both languages is published, answered on a tablet, and counted', async ({
  page,
  browser,
}) => {
  await page.goto('/facilitator');
  await page.getByRole('link', { name: 'Nieuwe vragenlijst' }).click();
  await expect(page.getByRole('heading', { name: 'Vragenlijst bewerken' })).toBeVisible();
  await expect(page.getByTestId('editor-check')).toContainText('op te lossen');

  await write(page, 'Titel', 'Klasklimaat', 'Class climate');
  for (const [field, nl, en] of [
    ['Introductie: titel', 'Over deze vragenlijst', 'About this questionnaire'],
    [
      'Waarom deze vragenlijst',
      'Om het klasklimaat te verbeteren.',
      'To improve the class climate.',
    ],
    ['Wie de antwoorden ziet', 'Alleen de begeleider.', 'Only the facilitator.'],
    ['Anonimiteit', 'Je naam wordt niet gevraagd.', 'Your name is not asked.'],
    ['Stoppen', 'Je mag altijd stoppen.', 'You may stop at any time.'],
    ['Toestemming', 'Ik doe mee.', 'I take part.'],
    ['Titel van het deel', 'Jouw klas', 'Your class'],
  ] as const)
    await write(page, field, nl, en);
  await write(page, 'Vraag', 'Voel je je goed in de klas?', 'Do you feel good in class?');
  await write(page, 'Optie 1', 'Ja', 'Yes');
  await write(page, 'Optie 2', 'Nee', 'No');
  await expect(page.getByTestId('editor-check')).toContainText('klaar om te publiceren');

  // Undo takes back the last edits (the options typed one after another), redo brings them back.
  const option2 = page
    .getByRole('group', { name: 'Optie 2', exact: true })
    .getByLabel('nl', { exact: true });
  await page.getByRole('button', { name: /Ongedaan maken/ }).click();
  await expect(option2).toHaveValue('Optie 2');
  await page.getByRole('button', { name: /Opnieuw/ }).click();
  await expect(option2).toHaveValue('Nee');
  await expect(page.getByTestId('editor-check')).toContainText('klaar om te publiceren');
  await expect(page.getByTestId('editor-saved')).toHaveText(
    'Alle wijzigingen bewaard op deze laptop',
  );

  await page.screenshot({ path: test.info().outputPath('editor.png') }); // to look at
  await page.getByRole('button', { name: 'Publiceren voor sessies' }).click();
  await expect(page.getByText('Gepubliceerd als versie 1')).toBeVisible();

  // Publishing a changed questionnaire again says what changed, and makes version 2.
  await write(page, 'Optie 2', 'Neen', 'No');
  await page.getByRole('button', { name: 'Publiceren voor sessies' }).click();
  await expect(page.getByText('Gepubliceerd als versie 2')).toBeVisible();
  await expect(page.getByTestId('editor-changes')).toContainText(
    'de antwoorden blijven vergelijkbaar',
  );

  await page.goto('/facilitator');
  // The draft stays listed, to go on writing later (or after a crash).
  await expect(page.getByTestId('drafts')).toContainText('Klasklimaat');
  await page.locator('#session-survey').selectOption({ index: 1 }); // the newest: version 2
  await page.getByRole('button', { name: 'Sessie starten' }).click();
  const url = new URL((await page.locator('.url').textContent())!.trim());
  const tablet = await joinTablet(browser, `${url.pathname}${url.search}`);
  await expect(tablet.getByRole('heading', { name: 'Klasklimaat' })).toBeVisible();
  await tablet.getByRole('button', { name: 'English' }).click();
  await tablet.getByRole('button', { name: 'Start' }).click();
  await expect(tablet.getByText('I take part.')).toBeVisible();
  await tablet.getByRole('button', { name: /I agree/ }).click();
  await tablet.getByLabel('Yes').check();
  await tablet.getByRole('button', { name: /Check and submit/ }).click();
  await tablet.getByRole('button', { name: 'Submit my answers' }).click();
  await expect(tablet.getByTestId('receipt')).toHaveText('✓ Received by the facilitator');

  await page.getByRole('button', { name: 'Resultaten tonen' }).click();
  await expect(page.getByTestId('results-total')).toHaveText('1 respondent');
});
