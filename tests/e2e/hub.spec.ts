import { expect, test, type Page } from '@playwright/test';
import { studyJson } from '../fixtures/surveys';
import { writeBundleFile } from './fixtures/bundle-file';
import { HubProcess } from './fixtures/hub-process';
import { expectConnectedOverWebrtc, startSessionIn, submitFrom } from './session-helpers';

/**
 * Two facilitators' laptops (a browser context each) and a study hub started by the test, as
 * `npm run hub` runs it: sessions and answers cross between them, the hub restarts without loss,
 * two coders code together live, and a wrong hub key is refused.
 */
const STUDY = 'som_2022';
const hub = new HubProcess();
test.beforeAll(() => hub.start());
test.afterAll(() => hub.kill());

async function connectHub(page: Page, key: string): Promise<void> {
  await page.goto('/facilitator');
  await page.getByLabel('Adres van de hub').fill(hub.url);
  await page.getByLabel('Hubsleutel').fill(key);
  await page.getByRole('button', { name: 'Verbinden met de hub' }).click();
}

const hubStatus = (page: Page) => page.getByTestId('hub-status');
const source = (page: Page, text: string) =>
  page.locator('article[data-source]', { hasText: text });

async function codeSource(page: Page, text: string, code: string): Promise<void> {
  const card = source(page, text);
  await card.getByRole('button', { name: /Coderen/ }).click();
  await card.getByLabel(code).check();
  await card.getByRole('button', { name: 'Toepassen' }).click();
  await expect(card.getByTestId('coding').filter({ hasText: code }).first()).toBeVisible();
}

async function setCoder(page: Page, name: string): Promise<void> {
  await page.getByLabel('Je naam als codeerder').fill(name);
  await page.getByRole('button', { name: 'Bewaren', exact: true }).click();
  await expect(page.getByText(`Je codeert als ${name}`)).toBeVisible();
}

const TABLET_ANSWER = 'Elke week een klasgesprek en een wandeling.';
const GROUP = 'Verbindende klas- en groepsactiviteiten';
const TEAM = 'Teamwerking en samenwerking';

test("two facilitators' laptops sync through the hub: a live session's answers, a restart, live coding with kappa", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  // Anna runs a session at her school, connected to the hub.
  const annaLaptop = await browser.newContext();
  const annaHome = await annaLaptop.newPage();
  await connectHub(annaHome, hub.key(STUDY, 'Anna'));
  await expect(hubStatus(annaHome)).toContainText(`Verbonden met de hub (studie ${STUDY})`);
  const anna = await startSessionIn(annaLaptop, { school: 'Sint-Jozefscollege' });

  // Bram, at another school, brought a session home as a bundle; he connects too.
  const bramLaptop = await browser.newContext();
  const bram = await bramLaptop.newPage();
  await connectHub(bram, hub.key(STUDY, 'Bram'));
  await bram.getByLabel(/Bundelbestanden importeren/).setInputFiles(
    writeBundleFile('Zonnebloem', studyJson() as { version: number }, [
      { 'profiel.role': 'leerkracht', welbevinden_acties: 'Meer tijd voor overleg.' },
      { 'profiel.role': 'directie', welbevinden_acties: 'Een werkgroep welbevinden.' },
    ]),
  );
  await expect(bram.getByTestId('sessions')).toContainText('Sint-Jozefscollege'); // Anna's
  await expect(hubStatus(bram)).toContainText('Alles is gesynchroniseerd: 2 sessies op de hub.');
  await expect(annaHome.getByTestId('sessions')).toContainText('Zonnebloem'); // Bram's

  // Bram watches the study's results while a pupil's tablet answers in Anna's session.
  await bram.goto('/facilitator?study');
  await expect(bram.getByTestId('results-total')).toHaveText('2 respondenten');
  const tablet = await submitFrom(browser, anna, 'leerkracht');
  await expectConnectedOverWebrtc(tablet);
  await expect(anna.page.getByTestId('submitted-count')).toHaveText('1 van 1 ingediend');
  await expect(bram.getByTestId('results-total')).toHaveText('3 respondenten', {
    timeout: 20_000,
  });

  // The hub's machine goes down hard and comes back: laptops reconnect, and a third laptop
  // gets everything (what the hub had not yet written to disk came back from the laptops).
  await hub.kill();
  await annaHome.reload();
  await expect(hubStatus(annaHome)).toContainText('De hub is niet bereikbaar', {
    timeout: 20_000,
  });
  await hub.start();
  await expect(hubStatus(annaHome)).toContainText('Alles is gesynchroniseerd', {
    timeout: 30_000,
  });
  const third = await (await browser.newContext()).newPage();
  await connectHub(third, hub.key(STUDY, 'Onderzoeker'));
  await expect(hubStatus(third)).toContainText('Alles is gesynchroniseerd: 2 sessies op de hub.');
  await third.goto('/facilitator?study');
  await expect(third.getByTestId('results-total')).toHaveText('3 respondenten');

  // Two coders at once, each on their laptop.
  const an = await annaLaptop.newPage();
  await an.goto('/facilitator?coding');
  await setCoder(an, 'An');
  await bram.goto('/facilitator?coding');
  await setCoder(bram, 'Bert');
  for (const page of [an, bram])
    await expect(page.getByTestId('coding-total')).toHaveText('3 van 3 teksten');
  await expect(hubStatus(an)).toContainText('Verbonden met de hub');

  await codeSource(an, TABLET_ANSWER, GROUP);
  await codeSource(an, 'Meer tijd voor overleg.', TEAM);
  // Bert sees An's codes without reloading.
  await expect(source(bram, TABLET_ANSWER).getByTestId('coding')).toContainText(GROUP);
  await expect(source(bram, 'Meer tijd voor overleg.').getByTestId('coding')).toContainText(TEAM);

  await codeSource(bram, TABLET_ANSWER, GROUP);
  await codeSource(bram, 'Meer tijd voor overleg.', TEAM);
  // And An's agreement table follows: they agree on both texts both coded, kappa 1.
  const kappaRow = (page: Page, label: string) =>
    page.getByTestId('kappa').getByRole('row', { name: label });
  await expect(
    an.getByTestId('kappa').getByRole('columnheader', { name: 'An – Bert' }),
  ).toBeVisible();
  await expect(kappaRow(an, GROUP).getByRole('cell')).toHaveText('1');
  await expect(kappaRow(bram, GROUP).getByRole('cell')).toHaveText('1');
});

test('a wrong hub key is refused and said so; a key of another shape is caught before connecting', async ({
  page,
}) => {
  await connectHub(page, `${STUDY}.${'x'.repeat(43)}`);
  await expect(hubStatus(page)).toHaveText(
    'De hub weigerde deze hubsleutel. Controleer de sleutel (hij hoort bij één studie) of vraag de hub een nieuwe.',
  );
  // Another study's key does not open this study's documents either: the key names its study.
  const other = hub.key('andere_studie');
  await page.getByLabel('Hubsleutel').fill(other.replace('andere_studie', STUDY));
  await page.getByRole('button', { name: 'Verbinden met de hub' }).click();
  await expect(hubStatus(page)).toContainText('De hub weigerde deze hubsleutel');
  await page.getByLabel('Hubsleutel').fill('geen sleutel');
  await page.getByRole('button', { name: 'Verbinden met de hub' }).click();
  await expect(hubStatus(page)).toContainText('Dat is geen hubsleutel');
  // The settings are kept for the next start, and stopping keeps the laptop working alone.
  await page.reload();
  await expect(page.getByLabel('Adres van de hub')).toHaveValue(hub.url);
});
