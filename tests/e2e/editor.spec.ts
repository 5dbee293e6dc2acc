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
  await page.getByRole('link', { name: 'Nieuwe vragenlijst', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Vragenlijst bewerken' })).toBeVisible();
  // A new questionnaire: texts still to write, named as the editor names them, not as errors
  // with code paths; the boxes show what belongs in them as a hint, never as a text.
  await expect(page.getByTestId('editor-check')).toContainText(
    'Nog te schrijven voor je kan publiceren: 11 teksten.',
  );
  await expect(page.getByTestId('editor-to-write')).toContainText('Wie de antwoorden ziet');
  await expect(page.getByTestId('editor-to-write')).toContainText('Deel 1, vraag 1: Optie 2');
  await expect(page.getByTestId('editor-check')).not.toContainText('intro.');
  const firstOption = page
    .getByRole('group', { name: 'Optie 1', exact: true })
    .getByLabel('en', { exact: true });
  await expect(firstOption).toHaveValue('');
  await expect(firstOption).toHaveAttribute('placeholder', 'Optie 1');

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
  await expect(option2).toHaveValue('');
  await page.getByRole('button', { name: /Opnieuw/ }).click();
  await expect(option2).toHaveValue('Nee');
  await expect(page.getByTestId('editor-check')).toContainText('klaar om te publiceren');
  await expect(page.getByTestId('editor-saved')).toHaveText(
    'Alle wijzigingen bewaard op deze laptop',
  );

  await page.screenshot({ path: test.info().outputPath('editor.png') }); // to look at
  await page.getByRole('button', { name: 'Publiceren voor sessies' }).click();
  await expect(page.getByText('Gepubliceerd als versie 1')).toBeVisible();

  // As it changes, the editor says what changed since the published version and whether
  // answers stay comparable: a wording is; a third option is not (undone again).
  const changes = page.getByTestId('editor-changes');
  await expect(changes).toContainText('Nog niets gewijzigd sinds versie 1');
  await write(page, 'Optie 2', 'Neen', 'No');
  await expect(changes).toContainText('de antwoorden blijven vergelijkbaar');
  // Options swapped: the codes change meaning (breaking); undone again.
  await page.getByRole('button', { name: 'Nummer 2 naar boven' }).click();
  await expect(
    page.getByRole('group', { name: 'Optie 1', exact: true }).getByLabel('nl', { exact: true }),
  ).toHaveValue('Neen');
  await expect(changes).toContainText('antwoorden van beide versies tellen niet samen');
  await page.getByRole('button', { name: /Ongedaan maken/ }).click();
  await expect(changes).toContainText('de antwoorden blijven vergelijkbaar');
  await page.getByRole('button', { name: '+ Optie toevoegen' }).click();
  await write(page, 'Optie 3', 'Misschien', 'Maybe');
  await expect(changes).toContainText('antwoorden van beide versies tellen niet samen');
  // Two steps back: the option's texts (one field, both languages), then the option itself.
  for (let step = 0; step < 2; step++)
    await page.getByRole('button', { name: /Ongedaan maken/ }).click();
  await expect(page.getByRole('group', { name: 'Optie 3', exact: true })).toHaveCount(0);
  await expect(changes).toContainText('de antwoorden blijven vergelijkbaar');
  await page.getByRole('button', { name: 'Publiceren voor sessies' }).click();
  await expect(page.getByText('Gepubliceerd als versie 2')).toBeVisible();
  await expect(changes).toContainText('Nog niets gewijzigd sinds versie 2');

  await page.goto('/facilitator');
  // The draft stays listed, to go on writing later (or after a crash).
  await expect(page.getByTestId('drafts')).toContainText('Klasklimaat');
  // Removing it by mistake costs nothing: undo puts it back.
  await page.getByRole('button', { name: 'Het ontwerp Klasklimaat verwijderen' }).click();
  await expect(page.getByTestId('drafts')).toHaveCount(0);
  await page.getByRole('button', { name: 'Ongedaan maken' }).click();
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

test('scales, ids, a picked show-if and a third language with missing translations accepted, tried in the preview', async ({
  page,
}) => {
  await page.goto('/facilitator');
  await page.getByRole('link', { name: 'Nieuwe vragenlijst', exact: true }).click();
  for (const [field, nl, en] of [
    ['Titel', 'Klasklimaat', 'Class climate'],
    ['Introductie: titel', 'Over deze vragenlijst', 'About this questionnaire'],
    ['Waarom deze vragenlijst', 'Om te leren.', 'To learn.'],
    ['Wie de antwoorden ziet', 'De begeleider.', 'The facilitator.'],
    ['Anonimiteit', 'Anoniem.', 'Anonymous.'],
    ['Stoppen', 'Altijd.', 'Any time.'],
    ['Toestemming', 'Ik doe mee.', 'I take part.'],
    ['Titel van het deel', 'Jouw klas', 'Your class'],
    ['Vraag', 'Voel je je goed in de klas?', 'Do you feel good in class?'],
    ['Optie 1', 'Ja', 'Yes'],
    ['Optie 2', 'Nee', 'No'],
  ] as const)
    await write(page, field, nl, en);

  // The question's id is its variable name: renamed; a bad id is refused with the reason.
  const id = page.getByLabel('Id (antwoordsleutel)');
  await id.fill('Goed?');
  await expect(page.getByRole('alert')).toContainText('begint met een kleine letter');
  await id.fill('goed');
  await id.press('Enter');
  await expect(id).toHaveValue('goed');

  // A follow-up shown only to those who answered "Nee", picked from a list, not typed.
  await page.getByLabel('Nieuwe vraag van het type').selectOption('open-text');
  await page.getByRole('button', { name: '+ Vraag toevoegen' }).click();
  await write(page, 'Vraag', 'Wat zou helpen?', 'What would help?', 1);
  // Pickers: the part's, question 1's, question 2's.
  const condition = page.getByLabel('Alleen tonen als').nth(2);
  await condition.selectOption({ label: 'Voel je je goed in de klas?' });
  await page
    .getByRole('group', { name: 'het antwoord een van deze is:' })
    .getByLabel('Nee')
    .check();
  await page
    .getByRole('group', { name: 'het antwoord een van deze is:' })
    .getByLabel('Ja')
    .uncheck();
  await page.getByLabel('Hoogstens tekens').fill('200');

  // A Likert block with a fifth point on its scale.
  await page.getByLabel('Nieuwe vraag van het type').selectOption('likert');
  await page.getByRole('button', { name: '+ Vraag toevoegen' }).click();
  await page.getByRole('button', { name: '+ Een punt toevoegen' }).click();
  await write(page, 'Punt 5', 'weet niet', "don't know");
  // A new block comes with its texts to write, not with placeholders.
  await expect(page.getByTestId('editor-to-write')).toContainText('Deel 1, vraag 3: Stelling 1');
  await write(page, 'Vraag', 'Hoe is de sfeer?', 'How is the mood?', 2);
  await write(page, 'Stelling 1', 'We helpen elkaar.', 'We help each other.');
  await expect(page.getByTestId('editor-check')).toContainText('klaar om te publiceren');

  // Dragged: the Likert block onto the first question takes its place; the follow-up dragged
  // above the question it depends on is refused (the order stays).
  const order = () =>
    page.locator('.question').evaluateAll((els) => els.map((el) => el.getAttribute('aria-label')));
  // A tall window: both questions in view at once (as on a big screen).
  await page.setViewportSize({ width: 1280, height: 3200 });
  await page.getByRole('group', { name: 'Vraag goed' }).scrollIntoViewIfNeeded();
  await page.getByTestId('drag-likert').dragTo(page.getByRole('group', { name: 'Vraag goed' }));
  await expect.poll(order).toEqual(['Vraag likert', 'Vraag goed', 'Vraag open_text']);
  await page.getByTestId('drag-open_text').dragTo(page.getByRole('group', { name: 'Vraag goed' }));
  await expect.poll(order).toEqual(['Vraag likert', 'Vraag goed', 'Vraag open_text']);
  await expect(page.getByRole('alert')).toContainText('Niet verplaatst of verwijderd');
  // The arrows refuse the same move, and say so too; a move that is fine clears the message.
  await page.getByRole('button', { name: 'Vraag open_text naar boven' }).click();
  await expect.poll(order).toEqual(['Vraag likert', 'Vraag goed', 'Vraag open_text']);
  await expect(page.getByRole('alert')).toContainText('Niet verplaatst of verwijderd');
  await page.getByRole('button', { name: 'Vraag likert naar beneden' }).click();
  await expect.poll(order).toEqual(['Vraag goed', 'Vraag likert', 'Vraag open_text']);
  await expect(page.getByRole('alert')).toHaveCount(0);

  // An explanation under the first question (optional texts are switched on).
  await page
    .getByRole('group', { name: 'Vraag goed' })
    .getByRole('checkbox', { name: 'Uitleg onder de vraag' })
    .check();
  await write(page, 'Uitleg onder de vraag', 'Denk aan deze week.', 'Think of this week.');

  // French added: every text waits for a translation; publishing waits until that is accepted.
  await page.getByLabel('Een taal toevoegen (code)').fill('fr');
  await page.getByRole('button', { name: '+ Toevoegen' }).click();
  await expect(page.getByTestId('editor-check')).toContainText('moeten nog vertaald worden');
  const publish = page.getByRole('button', { name: 'Publiceren voor sessies' });
  await expect(publish).toBeDisabled();
  const title = page.getByRole('group', { name: 'Titel', exact: true });
  await title.getByLabel('fr', { exact: true }).fill('Climat de classe');
  const question = page.getByRole('group', { name: 'Vraag', exact: true }).first();
  await question.getByLabel('fr', { exact: true }).fill('Te sens-tu bien en classe ?');
  await page.getByLabel(/Toch publiceren/).check();
  await expect(publish).toBeEnabled();
  await publish.click();
  await expect(page.getByText('Gepubliceerd als versie 1')).toBeVisible();
  await expect(page.getByLabel('Id van de vragenlijst')).toHaveValue('vragenlijst');

  // The preview offers French: the survey's texts in French (Dutch where none was written),
  // Kring's own buttons in Dutch; the follow-up shows only after "Nee".
  const popup = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Voorbeeld op een tablet' }).click();
  const preview = await popup;
  await preview.getByRole('button', { name: 'français' }).click();
  await expect(preview.getByRole('heading', { name: 'Climat de classe' })).toBeVisible();
  await preview.getByRole('button', { name: 'Beginnen' }).click();
  await preview.getByRole('button', { name: /akkoord/i }).click();
  await expect(preview.getByText('Te sens-tu bien en classe ?')).toBeVisible();
  await expect(preview.getByText('Wat zou helpen?')).toBeHidden();
  await expect(preview.getByText('Denk aan deze week.')).toBeVisible();
  await preview.getByRole('radio', { name: 'Nee', exact: true }).first().check();
  await expect(preview.getByText('Wat zou helpen?')).toBeVisible();
  await expect(preview.getByText('weet niet')).toBeVisible();
  await preview.screenshot({ path: test.info().outputPath('preview-fr.png') });

  // Duplicated from the library: a questionnaire of its own, not a next version.
  await page.goto('/facilitator');
  await page
    .getByRole('link', { name: 'Dupliceren als nieuwe vragenlijst: vragenlijst-v1.json' })
    .click();
  await expect(page.getByLabel('Id van de vragenlijst')).toHaveValue('vragenlijst_kopie');
  await expect(
    page.getByRole('group', { name: 'Titel', exact: true }).getByLabel('nl', { exact: true }),
  ).toHaveValue('Klasklimaat (kopie)');
});

test("the study's bundled questionnaire is edited into its version 2, which sessions then offer", async ({
  page,
}) => {
  await page.goto('/facilitator');
  await page.locator('.bundled').getByRole('link', { name: 'Bewerken' }).click();
  await expect(page.getByLabel('Id van de vragenlijst')).toHaveValue('som_na_corona');
  const changes = page.getByTestId('editor-changes');
  await expect(changes).toContainText('Nog niets gewijzigd sinds versie 1');
  const required = page.getByRole('checkbox', { name: 'Verplicht' }).first();
  await required.setChecked(!(await required.isChecked()));
  await expect(changes).toContainText('de antwoorden blijven vergelijkbaar');
  await page.getByRole('button', { name: 'Publiceren voor sessies' }).click();
  await expect(page.getByText('Gepubliceerd als versie 2')).toBeVisible();
  await page.goto('/facilitator');
  await expect(page.locator('#session-survey')).toContainText(
    'digitalisering · v2 (uit de bibliotheek)',
  );
});

test("the facilitator's language stays English from page to page", async ({ page }) => {
  await page.goto('/facilitator');
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('link', { name: 'New questionnaire', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Questionnaire editor' })).toBeVisible();
  await page.getByRole('link', { name: /All sessions/ }).click();
  await expect(page.getByRole('button', { name: 'Start the session' })).toBeVisible();
});
