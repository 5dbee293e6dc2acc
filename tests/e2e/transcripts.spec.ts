import { expect, test, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { studyJson } from '../fixtures/surveys';
import { docxOf, TEAMS_FOCUS_GROUP } from '../fixtures/transcripts/docx';
import { writeBundleFile } from './fixtures/bundle-file';
import { xmllintErrors } from '../fixtures/refi-qda/xmllint';

/** Issue 24: a focus group's transcript brought into a session, pseudonymised and coded. */

const transcript = (name: string) =>
  fileURLToPath(new URL(`../fixtures/transcripts/${name}`, import.meta.url));

async function codingPageWithASession(page: Page) {
  await page.goto('/facilitator');
  await page
    .getByLabel(/Bundelbestanden importeren/)
    .setInputFiles(
      writeBundleFile('Klimop', studyJson() as { version: number }, [
        { 'profiel.role': 'leerkracht', welbevinden_acties: 'Elke week een klasgesprek.' },
      ]),
    );
  await expect(page.getByTestId('import-outcome').locator('.ok')).toHaveCount(1);
  await page.goto('/facilitator?coding');
  await page.getByLabel('Je naam als codeerder').fill('An');
  await page.getByRole('button', { name: 'Bewaren', exact: true }).click();
  await page.getByText('Transcript toevoegen').click();
}

test('a focus group transcript: speakers mapped, names replaced, a passage across turns coded and quoted by role', async ({
  page,
  browser,
}) => {
  await codingPageWithASession(page);
  await page
    .getByLabel('Bestand (.txt, .docx, .vtt of .srt)')
    .setInputFiles(transcript('focusgroep-sint-jozef.txt'));
  await expect(page.getByTestId('transcript-recognised')).toHaveText('9 beurten herkend');
  // The interviewer is guessed by name; the others are mapped by hand.
  await expect(page.getByLabel('Rol: Interviewer')).toHaveValue('interviewer');
  await page.getByLabel('Rol: Directeur Vermeulen').selectOption('directie');
  await expect(page.getByTestId('pseudonym')).toHaveText([
    'Interviewer',
    'Leerkracht 1',
    'Leerkracht 2',
    'Directie 1',
  ]);
  // "Directeur" is a title, not a name: kept. The school's name is added to the list.
  await page.getByLabel('Directeur → Directie 1').uncheck();
  await page.getByRole('button', { name: 'Naam toevoegen' }).click();
  await page.getByLabel('Naam in de tekst').fill('Sint-Jozefscollege');
  await page.getByLabel('Vervangen door').fill('[school]');
  await expect(page.getByTestId('transcript-preview')).toContainText(
    'gesprekken\nmet Leerkracht 1 en met het zorgteam',
  );
  await page.screenshot({ path: test.info().outputPath('transcript-import.png'), fullPage: true }); // to look at
  await page.getByLabel('Titel').fill('Focusgroep Klimop');
  await page.getByRole('button', { name: 'Transcript bewaren' }).click();
  await expect(page.getByTestId('transcript-stored')).toContainText(
    'Bewaard: “Focusgroep Klimop”, 9 beurten.',
  );

  const card = page.locator('article[data-source^="transcript/"]');
  // Closed until opened (a study holds tens of long transcripts).
  await expect(card).toContainText('9 beurten · 0 coderingen');
  await card.getByRole('button', { name: 'Transcript openen' }).click();
  await expect(card).toContainText('Leerkracht 1');
  await expect(card).toContainText("collega's van het [school]");
  for (const name of ['Jan', 'Peeters', 'Els', 'Maes', 'Vermeulen', 'Sint-Jozefscollege'])
    await expect(card).not.toContainText(new RegExp(`\\b${name}\\b`));

  // A passage from the middle of the principal's turn into the teacher's after it.
  const said = card.locator('[data-start]');
  await page.evaluate(() => {
    const parts = [
      ...document.querySelectorAll('article[data-source^="transcript/"] [data-start]'),
    ];
    const from = parts[6]!.firstChild!;
    const to = parts[8]!.firstChild!;
    const range = document.createRange();
    range.setStart(from, 'Vanuit de directie '.length);
    range.setEnd(to, 'Inderdaad'.length);
    window.getSelection()!.removeAllRanges();
    window.getSelection()!.addRange(range);
  });
  await expect(said).toHaveCount(9);
  await card.getByRole('button', { name: /Coderen/ }).click();
  await expect(card.getByText(/^Passage: “hebben we laptops uitgeleend\./)).toBeVisible();
  await card.getByLabel('Werkdruk van leraren').check();
  await card.getByRole('button', { name: 'Toepassen' }).click();
  await expect(card.getByTestId('coding')).toContainText('Werkdruk van leraren');
  // The coded passage is marked in the transcript, over the two turns it spans.
  await expect(card.locator('mark')).toHaveText([
    /^hebben we laptops uitgeleend\.$/,
    'Maar de werkdruk was enorm, dat mogen we niet vergeten.',
    'Inderdaad',
  ]);
  await expect(card.locator('mark').first()).toHaveAttribute('title', 'Werkdruk van leraren (An)');

  // From the keyboard (nothing selected): the turns from one to another.
  await page.evaluate(() => window.getSelection()!.removeAllRanges());
  await card.getByRole('button', { name: /Coderen/ }).focus();
  await page.keyboard.press('Enter');
  await card.getByLabel('Van beurt').selectOption({ index: 2 });
  await card.getByLabel('Tot en met beurt').selectOption({ index: 3 });
  await card.getByLabel('Tijd voor individuele gesprekken').check();
  await card.getByRole('button', { name: 'Toepassen' }).click();
  await expect(card.getByTestId('coding')).toHaveCount(2);

  await page.screenshot({ path: test.info().outputPath('transcript-coded.png'), fullPage: true }); // to look at
  const quoteCode = page.locator('section', { hasText: 'Citaten per code' }).getByRole('combobox');
  await quoteCode.selectOption('welbevinden.werkdruk');
  await expect(page.getByTestId('quotes')).toHaveText(
    /^“hebben we laptops uitgeleend\..*Inderdaad” \(directie en leerkracht\)$/s,
  );
  // Turns 2 to 3: two teachers, named as the study names several ("leerkrachten").
  await quoteCode.selectOption('welbevinden.gesprekken');
  await expect(page.getByTestId('quotes')).toHaveText(/\(leerkrachten\)$/);

  // Kept as it is made: after a reload the transcript and its codings are there.
  await page.reload();
  await card.getByRole('button', { name: 'Transcript openen' }).click();
  await expect(card.getByTestId('coding')).toHaveCount(2);

  // For MAXQDA, NVivo and ATLAS.ti: the project, valid by the standard's schema, and the codebook.
  const project = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Project bewaren (.qdpx)' }).click();
  const files = unzipSync(readFileSync(await (await project).path()));
  const qde = strFromU8(files['project.qde']!);
  expect(xmllintErrors(qde, 'Project.xsd')).toBe('');
  expect(qde).toContain('name="Focusgroep Klimop"');
  expect(qde.match(/<PlainTextSelection /g)).toHaveLength(2);
  const texts = Object.keys(files).filter((name) => name.startsWith('sources/'));
  expect(texts.map((name) => strFromU8(files[name]!)).join('\n')).toContain(
    'Directie 1: Vanuit de directie hebben we laptops uitgeleend.',
  );
  const book = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Codeboek bewaren (.qdc)' }).click();
  expect(xmllintErrors(readFileSync(await (await book).path(), 'utf8'), 'Codebook.xsd')).toBe('');

  // The project read on a fresh laptop: the transcript with its speakers and both codings.
  const qdpx = test.info().outputPath('studie.qdpx');
  writeFileSync(qdpx, readFileSync(await (await project).path()));
  const fresh = await (await browser.newContext()).newPage();
  await fresh.goto('/facilitator?coding');
  await fresh.getByLabel(/project van MAXQDA, NVivo of ATLAS.ti inlezen/).setInputFiles(qdpx);
  await expect(fresh.getByTestId('qda-outcome')).toHaveText(
    '2 teksten ingelezen als transcripten, met 2 coderingen.',
  );
  const copy = fresh.locator('article[data-source^="transcript/"]', {
    hasText: 'Focusgroep Klimop',
  });
  await copy.getByRole('button', { name: 'Transcript openen' }).click();
  await expect(copy.locator('.speaker').first()).toHaveText('—');
  await expect(copy).toContainText('Leerkracht 1');
  await expect(copy.getByTestId('coding')).toHaveCount(2);
  // The same passages are marked as on the laptop that coded them.
  await expect(copy.locator('mark')).toHaveText(await card.locator('mark').allTextContents());
});

test('a transcript with a broken time is refused with its line; storing one can be undone', async ({
  page,
}) => {
  await codingPageWithASession(page);
  await page
    .getByLabel('Bestand (.txt, .docx, .vtt of .srt)')
    .setInputFiles(transcript('broken.vtt'));
  await expect(page.getByRole('alert')).toHaveText(
    'Regel 6 heeft een tijd die niet klopt: “00:00:04,000 --> 00:00:05.000”.',
  );
  await page.getByLabel('Of plak de tekst').fill('   ');
  await expect(page.getByRole('button', { name: 'Tekst lezen' })).toBeDisabled();

  await page
    .getByLabel('Bestand (.txt, .docx, .vtt of .srt)')
    .setInputFiles(transcript('interview-whisperx.srt'));
  await expect(page.getByTestId('transcript-recognised')).toHaveText('2 beurten herkend');
  await page.getByLabel('Interview (van de hele studie)').check();
  await page.getByRole('button', { name: 'Transcript bewaren' }).click();
  await expect(page.locator('article[data-source^="transcript/"]')).toHaveCount(1);
  await page.getByRole('button', { name: 'Ongedaan maken' }).click();
  await expect(page.getByText('Het transcript is weer weggehaald.')).toBeVisible();
  await expect(page.locator('article[data-source^="transcript/"]')).toHaveCount(0);
});

test('a Word transcript of Teams: its speakers mapped, a passage coded, the report quotes it by role', async ({
  page,
}) => {
  await codingPageWithASession(page);
  const file = test.info().outputPath('focusgesprek-klimop.docx');
  writeFileSync(file, docxOf(TEAMS_FOCUS_GROUP));
  await page.getByLabel('Bestand (.txt, .docx, .vtt of .srt)').setInputFiles(file);
  await expect(page.getByTestId('transcript-recognised')).toHaveText('5 beurten herkend');
  await page.getByLabel('Rol: Jan Peeters').selectOption('interviewer');
  await page.getByLabel('Rol: Mieke Janssens').selectOption('directie');
  await expect(page.getByTestId('pseudonym')).toHaveText([
    'Interviewer',
    'Leerkracht 1',
    'Directie 1',
  ]);
  await page.getByRole('button', { name: 'Transcript bewaren' }).click();
  const card = page.locator('article[data-source^="transcript/"]');
  await card.getByRole('button', { name: 'Transcript openen' }).click();
  // "Jan" was the interviewer: his name in Els's turn is replaced too.
  await expect(card).toContainText('En Interviewer heeft de ouders gebeld.');
  await expect(card).toContainText('0:15');

  await page.evaluate(() => window.getSelection()!.removeAllRanges());
  await card.getByRole('button', { name: /Coderen/ }).click();
  await card.getByLabel('Van beurt').selectOption({ index: 2 });
  await card.getByLabel('Tot en met beurt').selectOption({ index: 2 });
  await card.getByLabel('Tijd voor individuele gesprekken').check();
  await card.getByRole('button', { name: 'Toepassen' }).click();
  await expect(card.getByTestId('coding')).toHaveCount(1);

  await page.goto('/facilitator?study');
  await page.getByTestId('report-link').click();
  const quote = page.getByTestId('report-quote');
  await expect(quote).toContainText('(leerkracht)');
  // The line break inside the turn (Shift+Enter in Word) is kept: no words run together.
  expect(await quote.innerText()).toBe(
    '“Dat welbevinden zo hoog scoort. Zeker na de lockdown.” (leerkracht)',
  );
});

test('search across every text: hits in an open answer and a transcript, each coded where it is found', async ({
  page,
}) => {
  await codingPageWithASession(page);
  await page
    .getByLabel('Of plak de tekst')
    .fill(
      [
        'Interviewer: Wat helpt voor het welbevinden?',
        'Jan: Elke week een klasgesprek. Dat werkt echt.',
        'Interviewer: En bij jou?',
        'Mieke: Bij ons ook een Klasgesprek, op maandag.',
        'Jan: Zeker na de lockdown.',
        'Mieke: Ja.',
      ].join('\n'),
    );
  await page.getByRole('button', { name: 'Tekst lezen' }).click();
  await page.getByLabel('Rol: Mieke').selectOption('directie');
  await page.getByRole('button', { name: 'Transcript bewaren' }).click();

  // Case and accents do not count: "KLASGESPREK" finds all three, in two texts.
  const search = page.getByLabel('Zoek een woord of zinsdeel');
  await search.fill('KLASGESPREK');
  await expect(page.getByTestId('search-total')).toHaveText('3 keer gevonden in 2 teksten.');
  const hits = page.getByTestId('search-hit');
  await expect(hits).toHaveCount(3);
  await expect(hits.first()).toContainText('Leerkracht 1');

  // The first hit coded by its sentence, from the keyboard.
  await hits.first().getByRole('button', { name: 'Hier coderen' }).focus();
  await page.keyboard.press('Enter');
  await expect(hits.first().getByText('Passage: “Elke week een klasgesprek.”')).toBeVisible();
  await hits.first().getByLabel('Tijd voor individuele gesprekken').check();
  await hits.first().getByRole('button', { name: 'Toepassen' }).click();
  await expect(hits.first()).toContainText('Gecodeerd: Tijd voor individuele gesprekken');
  await expect(hits.first()).toContainText('Al gecodeerd: Tijd voor individuele gesprekken (An)');

  // The second by its whole turn; the open answer by the words found only.
  await hits.nth(1).getByRole('button', { name: 'Hier coderen' }).click();
  await hits.nth(1).getByLabel('De hele beurt').check();
  await expect(
    hits.nth(1).getByText('Passage: “Bij ons ook een Klasgesprek, op maandag.”'),
  ).toBeVisible();
  await hits.nth(1).getByLabel('Tijd voor individuele gesprekken').check();
  await hits.nth(1).getByRole('button', { name: 'Toepassen' }).click();
  await hits.nth(2).getByRole('button', { name: 'Hier coderen' }).click();
  await hits.nth(2).getByLabel('Alleen de gevonden woorden').check();
  await expect(hits.nth(2).getByText('Passage: “klasgesprek”')).toBeVisible();
  await hits.nth(2).getByLabel('Tijd voor individuele gesprekken').check();
  await hits.nth(2).getByRole('button', { name: 'Toepassen' }).click();
  await expect(hits.nth(2)).toContainText('Al gecodeerd');

  // The codings are the transcript's and the answer's own: marked there, quoted by role.
  const card = page.locator('article[data-source^="transcript/"]');
  await card.getByRole('button', { name: 'Transcript openen' }).click();
  await expect(card.locator('mark')).toHaveText([
    'Elke week een klasgesprek.',
    'Bij ons ook een Klasgesprek, op maandag.',
  ]);
  const quoteCode = page.locator('section', { hasText: 'Citaten per code' }).getByRole('combobox');
  await quoteCode.selectOption('welbevinden.gesprekken');
  await expect(page.getByTestId('quotes').locator('li')).toHaveText([
    '“Elke week een klasgesprek.” (leerkracht)',
    '“Bij ons ook een Klasgesprek, op maandag.” (directie)',
    '“klasgesprek” (leerkracht)',
  ]);

  // The filters narrow the search: open answers only.
  await page.getByLabel('Soort').selectOption('open');
  await expect(page.getByTestId('search-total')).toHaveText('1 keer gevonden in 1 tekst.');
  await search.fill('x');
  await expect(page.getByTestId('search-total')).toHaveCount(0);
});

test('the turns read are corrected before storing: a missed speaker, a label that is none, turns joined and split', async ({
  page,
}) => {
  await codingPageWithASession(page);
  await page
    .getByLabel('Bestand (.txt, .docx, .vtt of .srt)')
    .setInputFiles(transcript('focusgroep-sint-jozef.txt'));
  const recognised = page.getByTestId('transcript-recognised');
  await expect(recognised).toHaveText('9 beurten herkend');
  await page.getByLabel('Rol: Directeur Vermeulen').selectOption('directie');

  // "Opmerking" spoke once between empty lines: read as text, until the facilitator says otherwise.
  await page.getByLabel(/Een spreker die niet herkend werd/).fill('Opmerking');
  await page.getByRole('button', { name: 'Als spreker lezen' }).click();
  await expect(recognised).toHaveText('10 beurten herkend');
  await expect(page.getByLabel('Rol: Opmerking')).toBeVisible();
  // …and back: it is no speaker after all.
  await page.getByRole('button', { name: /^Geen spreker: Opmerking/ }).click();
  await expect(recognised).toHaveText('9 beurten herkend');
  await expect(page.getByLabel('Rol: Opmerking')).toHaveCount(0);
  await expect(page.getByTestId('transcript-corrections')).toContainText('2 correcties.');
  await page.getByRole('button', { name: 'Laatste correctie ongedaan maken' }).click();
  await expect(recognised).toHaveText('10 beurten herkend');

  // The principal's two turns in a row are one; Els's answer is cut where Jan takes over.
  await page.getByText(/Alle 10 beurten nakijken/).click();
  await page.getByRole('button', { name: 'Beurt 9 bij de vorige beurt voegen' }).click();
  await expect(recognised).toHaveText('9 beurten herkend');
  await page.getByRole('button', { name: 'Beurt 4 splitsen' }).click();
  await page.getByLabel('De nieuwe beurt begint met').selectOption({
    label: 'met Leerkracht 1 en met het zorgteam geholpen hebben.',
  });
  await page.getByLabel('Spreker van de nieuwe beurt').fill('Jan Peeters');
  await page.getByRole('button', { name: 'Beurt splitsen' }).click();
  await expect(recognised).toHaveText('10 beurten herkend');
  const turns = page.getByTestId('read-turn');
  await expect(turns.nth(3)).toContainText(
    'Leerkracht 2: Ik herken dat wel. In mijn klas zie ik vooral dat de gesprekken',
  );
  await expect(turns.nth(4)).toContainText('Leerkracht 1: met Leerkracht 1 en met het zorgteam');
  await expect(turns.nth(8)).toContainText(
    'Directie 1: Vanuit de directie hebben we laptops uitgeleend.\nMaar de werkdruk was enorm',
  );

  // The original, with its names, only because it is asked for: on this laptop, as a file.
  await page.getByLabel('Ook de oorspronkelijke tekst bewaren, met de echte namen').check();
  await page.getByRole('button', { name: 'Transcript bewaren' }).click();
  await expect(page.getByTestId('transcript-stored')).toContainText('10 beurten');
  const card = page.locator('article[data-source^="transcript/"]');
  await expect(card).toContainText('De oorspronkelijke tekst (met namen) staat op deze laptop.');
  await expect(card).not.toContainText('Jan Peeters');
  const file = page.waitForEvent('download');
  await card.getByRole('button', { name: 'Oorspronkelijke tekst als bestand' }).click();
  expect(readFileSync(await (await file).path(), 'utf8')).toContain(
    'Jan Peeters: Dat welbevinden zo hoog scoort',
  );
  await card.getByRole('button', { name: 'Oorspronkelijke tekst wissen' }).click();
  await expect(card).not.toContainText('De oorspronkelijke tekst');
});
