import { expect, test } from '@playwright/test';
import { joinTablet, openBeamer, startSession, submitFrom } from './session-helpers';

test('the beamer window shows live results the facilitator reveals, hides small groups, and open answers only once approved', async ({
  browser,
}) => {
  const facilitator = await startSession(browser);
  const page = facilitator.page;
  const beamer = await openBeamer(page);
  await expect(beamer.locator('.code')).toHaveText(
    `${facilitator.code.slice(0, 4)}-${facilitator.code.slice(4)}`,
  );
  await expect(beamer.getByTestId('projection-count')).toHaveText('Wachten op de eerste tablets…');

  // Two teachers give the same answer in their own words' spelling; the pupil another.
  for (const [role, answer] of [
    ['leerkracht', 'Meer tijd voor gesprekken.'],
    ['leerkracht', 'meer tijd voor  gesprekken'],
    ['leerling', 'Elke week een wandeling.'],
  ] as const)
    await submitFrom(browser, facilitator, role, answer);
  await expect(beamer.getByTestId('projection-count')).toHaveText('3 van 3 ingediend');

  // The next slide is the first question: concealed until revealed, then hidden under k = 5.
  await page.keyboard.press('ArrowRight');
  await expect(beamer.getByText('De antwoorden komen zo meteen in beeld.')).toBeVisible();
  await page.keyboard.press('r');
  await expect(beamer.getByTestId('projection-hidden')).toHaveText(
    'Niet getoond: minder dan 5 mensen antwoordden (n = 3). Zo blijft iedereen anoniem.',
  );
  await page.getByLabel('Groepen tonen vanaf (respondenten)').fill('3');
  await page.getByLabel('Groepen tonen vanaf (respondenten)').blur();
  await expect(beamer.getByTestId('projection-n')).toHaveText('n = 3');
  await expect(beamer.locator('canvas')).toBeVisible();
  await beamer.waitForTimeout(600); // the bars' animation, for the picture only
  await beamer.screenshot({ path: test.info().outputPath('beamer.png') }); // for a person to look at

  // A filter on the results narrows the beamer too: one pupil is a group under k.
  await page.getByRole('button', { name: 'Resultaten tonen' }).click();
  await page.getByRole('combobox', { name: 'Rol', exact: true }).selectOption('leerling');
  await expect(beamer.getByTestId('projection-hidden')).toContainText('(n = 1)');
  await page.getByRole('combobox', { name: 'Rol', exact: true }).selectOption('');

  // Open answers: nothing on the beamer until the facilitator approves one.
  const slides = page.getByRole('combobox', { name: 'Naar dia' });
  const openSlide = slides.locator('option', { hasText: 'Wat deden jij of je school' });
  const value = await openSlide.getAttribute('value');
  expect(value).not.toBeNull();
  await slides.selectOption(value ?? '');
  await page.keyboard.press('r');
  await expect(beamer.getByText('Nog geen antwoorden om te tonen.')).toBeVisible();
  // The identical answers are one row, approved with one click, shown once with their count.
  const open = page.locator('article[data-item="welbevinden_acties"]');
  await expect(open.locator('.answer')).toHaveCount(2);
  const same = open.locator('.answer', { has: page.getByTestId('identical-count') });
  await expect(same.getByTestId('identical-count')).toHaveText('×2');
  await same.getByRole('button', { name: 'Goedkeuren' }).click();
  await expect(beamer.locator('.quotes li')).toHaveCount(1);
  await expect(beamer.locator('.quotes li').first()).toContainText('Meer tijd voor gesprekken.');
  await expect(beamer.locator('.quotes li').first()).toContainText('×2');
  // No role beside a quote while fewer than k (3 here) respondents have that role: two
  // teachers and one pupil answered. With k = 1 the role shows.
  await expect(beamer.locator('.quotes li .role')).toHaveCount(0);
  await page.getByLabel('Groepen tonen vanaf (respondenten)').fill('1');
  await page.getByLabel('Groepen tonen vanaf (respondenten)').blur();
  await expect(beamer.locator('.quotes li .role')).toHaveText('(Leerkracht)');
  // The rest in one click.
  await page.getByRole('button', { name: '1 open antwoord goedkeuren' }).click();
  await expect(beamer.locator('.quotes li')).toHaveCount(2);
  // Hidden stays hidden, also when the session shows answers without approval.
  const pupil = open.locator('.answer', { hasText: 'Elke week een wandeling.' });
  await pupil.getByRole('button', { name: 'Verbergen' }).click();
  await expect(beamer.locator('.quotes li')).toHaveCount(1);
  await page.getByLabel(/zonder goedkeuring/).check();
  await expect(beamer.locator('.quotes li')).toHaveCount(1);

  // The beamer window's own keys drive the facilitator's remote; B blanks the screen.
  await beamer.keyboard.press('b');
  await expect(beamer.locator('main')).toHaveAttribute('data-slide', 'blank');
  await beamer.keyboard.press('b');
  await beamer.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('beamer-now')).toContainText('Op de beamer: ');
  await expect(beamer.locator('main')).not.toHaveAttribute('data-slide', 'blank');
});

test('a reaction from a tablet reaches the beamer only after the facilitator approves it; support counts', async ({
  browser,
}) => {
  const facilitator = await startSession(browser);
  const page = facilitator.page;
  const beamer = await openBeamer(page);
  const tablet = await joinTablet(browser, facilitator.joinPath);

  await page.getByRole('button', { name: 'Deze dia bespreken' }).click();
  await expect(tablet.getByRole('heading', { name: 'Wat vinden jullie?' })).toBeVisible();
  await expect(beamer.locator('main')).toHaveAttribute('data-slide', 'discussion');

  await tablet.getByRole('button', { name: /Eens/ }).click();
  await tablet.getByLabel('Jouw reactie').fill('Meer overleg met de ouders');
  await tablet.getByRole('button', { name: 'Versturen' }).click();
  await expect(tablet.getByText(/Verstuurd/)).toBeVisible();
  await expect(beamer.getByTestId('projection-stance')).toHaveText('Eens: 1 · Oneens: 0');
  await expect(page.getByTestId('pending-reaction')).toContainText('Meer overleg met de ouders');
  await expect(beamer.getByText('Meer overleg met de ouders')).toHaveCount(0);

  await page.getByTestId('pending-reaction').getByRole('button', { name: 'Goedkeuren' }).click();
  await expect(beamer.locator('.reactions li')).toHaveText(['▲ 0 Meer overleg met de ouders']);
  await tablet.getByRole('button', { name: 'Steun "Meer overleg met de ouders"' }).click();
  await expect(beamer.locator('.reactions li')).toHaveText(['▲ 1 Meer overleg met de ouders']);

  await page.getByLabel('Wat er gezegd werd').fill('De directie plant een werkgroep welbevinden.');
  await page.getByLabel('Door (rol)').selectOption({ label: 'Directie' });
  await page.getByRole('button', { name: 'Notitie toevoegen' }).click();
  await expect(page.getByTestId('note')).toContainText('(Directie)');

  await page.getByRole('button', { name: 'Gesprek beëindigen' }).click();
  await expect(tablet.getByRole('button', { name: 'Beginnen' })).toBeVisible();
});
