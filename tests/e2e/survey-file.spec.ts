import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { allTypes, studyJson } from '../fixtures/surveys';
import { choose, expectItemSaved } from './study-run';

const file = (name: string, json: unknown) => ({
  name,
  mimeType: 'application/json',
  buffer: Buffer.from(typeof json === 'string' ? json : JSON.stringify(json)),
});

async function checkFile(page: Page, name: string, json: unknown) {
  await page.goto('/facilitator');
  await page.getByLabel(/Kies een vragenlijstbestand/).setInputFiles(file(name, json));
}

test('the facilitator page names every problem of a broken survey file', async ({ page }) => {
  const broken = studyJson() as { sections: { items: Record<string, unknown>[] }[] };
  broken.sections[1]!.items[0]!.type = 'slider';
  delete (broken as unknown as { intro: Record<string, unknown> }).intro.consent;
  await checkFile(page, 'kapot.json', broken);
  await expect(page.getByText('kapot.json heeft 2 problemen:')).toBeVisible();
  await expect(
    page.getByText(/sections\[1\]\.items\[0\]\.type.*verwacht \("rating-matrix"/s),
  ).toBeVisible();
  await expect(
    page.getByText(/intro\.consent.*verwacht het veld "consent" \(het ontbreekt\)/s),
  ).toBeVisible();

  const untranslated = studyJson() as { sections: { items: { text: Record<string, string> }[] }[] };
  delete untranslated.sections[0]!.items[0]!.text.en;
  await checkFile(page, 'vertaling.json', untranslated);
  await expect(page.getByText('vertaling.json heeft 1 probleem:')).toBeVisible();
  await expect(
    page.getByText(/sections\[0\]\.items\[0\]\.text.*verwacht een tekst in "en"/s),
  ).toBeVisible();

  await checkFile(page, 'afgebroken.json', '{"format": "kring-survey", ');
  await expect(page.getByText('afgebroken.json heeft 1 probleem:')).toBeVisible();
  await expect(page.getByText(/\(hele bestand\).*verwacht geldige JSON/s)).toBeVisible();
});

test('a checked file can be tried as a participant, with every item type', async ({ page }) => {
  await checkFile(page, 'alle-types.json', allTypes());
  await expect(
    page.getByText('"Alle types" (versie 2) is in orde: 3 delen, 9 vragen.'),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Deze vragenlijst uitproberen als deelnemer' }).click();
  await expect(page.getByRole('note')).toContainText('Voorbeeld');
  await page.getByRole('button', { name: 'Beginnen' }).click();
  await page.getByRole('button', { name: /Ik ga akkoord/ }).click();

  // Profile with a school list; matrix; Likert.
  await choose(page, 'prof.role', 'teacher');
  await page.getByLabel('School', { exact: true }).selectOption('b');
  await choose(page, 'matrix.r1', 1);
  await choose(page, 'matrix.r2', 1); // ties are allowed
  await choose(page, 'lik.st1', 9);
  await choose(page, 'lik.st2', 2);
  await expectItemSaved(page, 'lik', 'nl');

  // Ranking with the keyboard: move "z" to the top.
  const ranking = page.locator('ol[data-key="rank"]');
  await page.getByRole('button', { name: '"z" omhoog' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: '"z" omhoog' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(ranking.locator('li .label')).toHaveText(['z', 'x', 'y']);
  await expect(page.getByText('"z" staat nu op plaats 1 van 3.')).toBeAttached();
  // Ranking by dragging "y" above "z" (pointer events, as a finger on a tablet).
  const handle = ranking.locator('li[data-option="y"] .handle');
  const target = await ranking.locator('li[data-option="z"]').boundingBox();
  await handle.hover();
  await page.mouse.down();
  await page.mouse.move(target!.x + 20, target!.y + 5, { steps: 5 });
  await page.mouse.up();
  await expect(ranking.locator('li .label')).toHaveText(['y', 'z', 'x']);
  await expectItemSaved(page, 'rank', 'nl');
  // An optional answer can be taken back; a required one has no such button.
  const rankItem = page.locator('[data-item="rank"]');
  await rankItem.getByRole('button', { name: 'Antwoord wissen' }).click();
  await expect(rankItem.getByRole('button', { name: 'Deze volgorde is goed' })).toBeVisible();
  await expect(ranking.locator('li .label')).toHaveText(['x', 'y', 'z']);
  await expectItemSaved(page, 'rank', 'nl');
  await expect(
    page.locator('[data-item="lik"]').getByRole('button', { name: 'Antwoord wissen' }),
  ).toHaveCount(0);
  expect(
    await new AxeBuilder({ page })
      .analyze()
      .then((r) =>
        r.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => v.id),
      ),
  ).toEqual([]);
  await page.getByRole('button', { name: /Volgende/ }).click();

  // Open text, single choice with "other", multiple choice with a maximum, a condition.
  await page.locator('textarea[name="open"]').fill('kort');
  await choose(page, 'single', 'other');
  await page.locator('input[name="single.other"]').fill('iets anders');
  await page.locator('input[name="single.other"]').blur();
  const multi = page.locator('fieldset[data-key="multi"]');
  await multi.locator('input[value="a"]').check();
  await multi.locator('input[value="c"]').check();
  await expect(multi.locator('input[value="b"]')).toBeDisabled();
  await expect(page.locator('[data-item="num"]')).toBeVisible(); // shown for teachers only
  await choose(page, 'num', 10);
  await expectItemSaved(page, 'num', 'nl');
  await page.getByRole('button', { name: /Volgende/ }).click();
  // Section 3 shows because "c" was chosen.
  await expect(page.getByRole('heading', { level: 1, name: 'Drie' })).toBeVisible();
  await page.locator('textarea[name="later"]').fill('tot slot');
  await page.getByRole('button', { name: /Nakijken en indienen/ }).click();
  await expect(page.getByText(/Alle verplichte vragen zijn beantwoord/)).toBeVisible();
  await page.getByRole('button', { name: 'Mijn antwoorden indienen' }).click();
  await expect(page.getByRole('heading', { name: 'Dank je wel!' })).toBeVisible();
});

test('the language follows the browser: English on an English tablet', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Start' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Education after COVID/ })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await context.close();
});
