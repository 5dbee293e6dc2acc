import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
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
const OVERLEG = 'Meer tijd voor overleg.';
const WERKGROEP = 'Een werkgroep welbevinden.';
const GROUP = 'Verbindende klas- en groepsactiviteiten';
const TEAM = 'Teamwerking en samenwerking';

/** Every device's browser context, closed after each test (they would go on syncing). */
const devices: BrowserContext[] = [];
test.afterEach(async () => {
  await Promise.all(devices.splice(0).map((c) => c.close().catch(() => undefined)));
});
async function device(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext();
  devices.push(context);
  return context;
}

const kappaCell = (page: Page, label: string) =>
  page.getByTestId('kappa').getByRole('row', { name: label }).getByRole('cell');

test("two facilitators' laptops sync through the hub: a live session's answers, live coding with kappa, a hub restart with coders offline", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  // Anna runs a session at her school, connected to the hub.
  const annaLaptop = await device(browser);
  const annaHome = await annaLaptop.newPage();
  await connectHub(annaHome, hub.key(STUDY, 'Anna'));
  await expect(hubStatus(annaHome)).toContainText(`Verbonden met de hub (studie ${STUDY})`);
  const anna = await startSessionIn(annaLaptop, { school: 'Sint-Jozefscollege' });
  // The session's page syncs too, and says so.
  await expect(hubStatus(anna.page)).toContainText('Verbonden met de hub');

  // Bram, at another school, brought a session home as a bundle; he connects too.
  const bram = await (await device(browser)).newPage();
  await connectHub(bram, hub.key(STUDY, 'Bram'));
  await bram.getByLabel(/Bundelbestanden importeren/).setInputFiles(
    writeBundleFile('Zonnebloem', studyJson() as { version: number }, [
      { 'profiel.role': 'leerkracht', welbevinden_acties: OVERLEG },
      { 'profiel.role': 'directie', welbevinden_acties: WERKGROEP },
    ]),
  );
  await expect(bram.getByTestId('sessions')).toContainText('Sint-Jozefscollege'); // Anna's
  await expect(hubStatus(bram)).toContainText('Alles is gesynchroniseerd: 2 sessies op de hub.');
  await expect(annaHome.getByTestId('sessions')).toContainText('Zonnebloem'); // Bram's

  // Bram watches the study's results while a pupil's tablet answers in Anna's session.
  await bram.goto('/facilitator?study');
  await expect(bram.getByTestId('results-total')).toHaveText('2 respondenten');
  const tablet = await submitFrom(browser, anna, 'leerkracht');
  devices.push(tablet.context());
  await expectConnectedOverWebrtc(tablet);
  await expect(anna.page.getByTestId('submitted-count')).toHaveText('1 van 1 ingediend');
  await expect(bram.getByTestId('results-total')).toHaveText('3 respondenten', {
    timeout: 20_000,
  });

  // Two coders at once, each on their laptop: each sees the other's codes, kappa follows live.
  const an = await annaLaptop.newPage();
  await an.goto('/facilitator?coding');
  await setCoder(an, 'An');
  await bram.goto('/facilitator?coding');
  await setCoder(bram, 'Bert');
  for (const page of [an, bram])
    await expect(page.getByTestId('coding-total')).toHaveText('3 van 3 teksten');
  await expect(hubStatus(an)).toContainText('Verbonden met de hub');
  await codeSource(an, TABLET_ANSWER, GROUP);
  await codeSource(an, OVERLEG, TEAM);
  await expect(source(bram, TABLET_ANSWER).getByTestId('coding')).toContainText(GROUP);
  await expect(source(bram, OVERLEG).getByTestId('coding')).toContainText(TEAM);
  await codeSource(bram, TABLET_ANSWER, GROUP);
  await codeSource(bram, OVERLEG, TEAM);
  await expect(
    an.getByTestId('kappa').getByRole('columnheader', { name: 'An – Bert' }),
  ).toBeVisible();
  await expect(kappaCell(an, GROUP)).toHaveText('1'); // they agree on both texts both coded

  // The hub's machine goes down hard. Both coders go on, offline, and disagree on the third text.
  await hub.kill();
  for (const page of [an, bram])
    await expect(hubStatus(page)).toContainText('De hub is niet bereikbaar', { timeout: 20_000 });
  await codeSource(an, WERKGROEP, GROUP);
  await codeSource(bram, WERKGROEP, TEAM);
  await expect(kappaCell(an, GROUP)).toHaveText('1'); // Bert's code has not reached An
  // A page opened while the hub is down says so, and catches up when it is back.
  await annaHome.reload();
  await expect(hubStatus(annaHome)).toContainText('De hub is niet bereikbaar', {
    timeout: 20_000,
  });

  await hub.start();
  for (const page of [an, bram, annaHome])
    await expect(hubStatus(page)).toContainText('Verbonden met de hub', { timeout: 30_000 });
  await expect(source(an, WERKGROEP).getByTestId('coding')).toHaveCount(2);
  await expect(source(bram, WERKGROEP).getByTestId('coding')).toHaveCount(2);
  // An yes/no/yes, Bert yes/no/no on "groepsactiviteiten": kappa 0.4 on both laptops.
  await expect(kappaCell(an, GROUP)).toHaveText('0,4');
  await expect(kappaCell(bram, GROUP)).toHaveText('0,4');
  await expect(hubStatus(annaHome)).toContainText('Alles is gesynchroniseerd', {
    timeout: 30_000,
  });

  // A third laptop gets everything: what the killed hub had not yet written to disk came back
  // from the laptops when they reconnected.
  const third = await (await device(browser)).newPage();
  await connectHub(third, hub.key(STUDY, 'Onderzoeker'));
  await expect(hubStatus(third)).toContainText('Alles is gesynchroniseerd: 2 sessies op de hub.');
  await third.goto('/facilitator?study');
  await expect(third.getByTestId('results-total')).toHaveText('3 respondenten');
  await third.goto('/facilitator?coding');
  await expect(third.getByTestId('coding')).toHaveCount(6);
});

/** Codes turns `from` to `to` (counted from 1) of the page's open transcript, from the keyboard. */
async function codeTurns(page: Page, from: number, to: number, code: string): Promise<void> {
  const card = page.locator('article[data-source^="transcript/"]');
  const before = await card.getByTestId('coding').count();
  await page.evaluate(() => window.getSelection()?.removeAllRanges());
  await card.getByRole('button', { name: /Coderen/ }).click();
  await card.getByLabel('Van beurt').selectOption({ index: from - 1 });
  await card.getByLabel('Tot en met beurt').selectOption({ index: to - 1 });
  await card.getByLabel(code).check();
  await card.getByRole('button', { name: 'Toepassen' }).click();
  await expect(card.getByTestId('coding')).toHaveCount(before + 1);
}

test('two coders on two laptops code one transcript live through the hub; kappa by turn follows on both', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  // A study of its own: the codings of the test before (by An and Bert too) are not in it.
  const INTERVIEWS = 'interviews_2026';
  const bram = await (await device(browser)).newPage();
  await connectHub(bram, hub.key(INTERVIEWS, 'Bram'));
  await bram
    .getByLabel(/Bundelbestanden importeren/)
    .setInputFiles(
      writeBundleFile('Zonnebloem', studyJson() as { version: number }, [
        { 'profiel.role': 'leerkracht', welbevinden_acties: OVERLEG },
      ]),
    );
  await expect(hubStatus(bram)).toContainText('Alles is gesynchroniseerd');
  const an = await (await device(browser)).newPage();
  await connectHub(an, hub.key(INTERVIEWS, 'Anna'));
  await expect(an.getByTestId('sessions')).toContainText('Zonnebloem');

  // Bram brings an interview in; it reaches An's coding view while she has it open.
  await an.goto('/facilitator?coding');
  await setCoder(an, 'An');
  await bram.goto('/facilitator?coding');
  await setCoder(bram, 'Bert');
  await bram.getByText('Transcript toevoegen').click();
  await bram
    .getByLabel('Of plak de tekst')
    .fill(
      [
        'Interviewer: Hoe gaat het met het welbevinden?',
        'Leerkracht: Goed, door de klasgesprekken.',
        'Interviewer: En de groepsactiviteiten?',
        'Leerkracht: Die helpen ook, elke vrijdag.',
      ].join('\n'),
    );
  await bram.getByRole('button', { name: 'Tekst lezen' }).click();
  await bram.getByLabel('Interview (van de hele studie)').check();
  await bram.getByRole('button', { name: 'Transcript bewaren' }).click();
  const card = (page: Page) => page.locator('article[data-source^="transcript/"]');
  await expect(card(an)).toContainText('4 beurten · 0 coderingen');
  for (const page of [an, bram])
    await card(page).getByRole('button', { name: 'Transcript openen' }).click();

  // Both code the second turn alike: each sees the other's passage marked, kappa 1 on both.
  await codeTurns(an, 2, 2, GROUP);
  await expect(card(bram).locator('mark')).toHaveText(['Goed, door de klasgesprekken.']);
  await codeTurns(bram, 2, 2, GROUP);
  await expect(card(an).getByTestId('coding')).toHaveCount(2);
  for (const page of [an, bram]) await expect(kappaCell(page, GROUP)).toHaveText(/^1 · 100/);

  // An also codes the fourth turn: of 4 turns, An 2 and Bert 1 with the code, 1 alike: kappa 0.5.
  await codeTurns(an, 4, 4, GROUP);
  for (const page of [an, bram]) await expect(kappaCell(page, GROUP)).toHaveText(/^0,5 · /);
  await expect(card(bram).locator('mark')).toHaveText([
    'Goed, door de klasgesprekken.',
    'Die helpen ook, elke vrijdag.',
  ]);
});

test('a wrong hub key is refused and said so (in Dutch and English); a key of another shape is caught before connecting; stopping stays stopped', async ({
  page,
}) => {
  // (`page` is in the test's own context, which Playwright closes.)
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
  // The settings are kept for the next start.
  await page.reload();
  await expect(page.getByLabel('Adres van de hub')).toHaveValue(hub.url);
  await expect(hubStatus(page)).toContainText('Dat is geen hubsleutel');

  // In English too, and the card passes axe's serious and critical checks.
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByLabel('Hub key').fill(`${STUDY}.${'y'.repeat(43)}`);
  await page.getByRole('button', { name: 'Connect to the hub' }).click();
  await expect(hubStatus(page)).toHaveText(
    'The hub refused this hub key. Check the key (it belongs to one study) or ask the hub for a new one.',
  );
  const axe = await new AxeBuilder({ page })
    .include('section[aria-labelledby="hub-heading"]')
    .analyze();
  expect(
    axe.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help}`),
  ).toEqual([]);

  // Stopping: nothing is sent any more, and the laptop works alone as before.
  await page.getByLabel('Hub key').fill(hub.key(STUDY));
  await page.getByRole('button', { name: 'Connect to the hub' }).click();
  await expect(hubStatus(page)).toContainText('Connected to the hub (study som_2022).');
  await page.getByRole('button', { name: 'Stop syncing with the hub' }).click();
  await expect(hubStatus(page)).toHaveText('Not connected to a hub.');
  await page.reload();
  await expect(hubStatus(page)).toHaveText('Not connected to a hub.');
});
