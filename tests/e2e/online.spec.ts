import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { studyJson } from '../fixtures/surveys';
import { writeBundleFile } from './fixtures/bundle-file';
import { HubProcess } from './fixtures/hub-process';
import { answerProfile, answerRest, L, startResponse } from './study-run';

/**
 * Online links (issue 25) with a study hub started by the test, as `npm run hub` runs it: the
 * hub serves the link's page; a respondent answers in a browser of their own, partly offline;
 * the sealed response reaches the hub and only the facilitator's laptop opens it.
 */
const hub = new HubProcess();
test.beforeAll(() => hub.start());
test.afterAll(() => hub.kill());

const contexts: BrowserContext[] = [];
test.afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => undefined)));
});
async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  return context.newPage();
}

async function laptopOnHub(browser: Browser, study: string): Promise<Page> {
  const page = await newPage(browser);
  await page.goto('/facilitator');
  await page.getByLabel('Adres van de hub').fill(hub.url);
  await page.getByLabel('Hubsleutel').fill(hub.key(study, 'Anna'));
  await page.getByRole('button', { name: 'Verbinden met de hub' }).click();
  await expect(page.getByTestId('hub-status')).toContainText('Verbonden met de hub');
  return page;
}

async function makeLink(laptop: Page, label: string, codes = 0): Promise<string> {
  const form = laptop.getByTestId('new-link');
  await expect(form.getByRole('option').first()).toBeAttached();
  await form.getByLabel('Naam').fill(label);
  if (codes > 0) await form.getByLabel(/Toegangscodes/).fill(String(codes));
  await form.getByRole('button', { name: 'Link maken' }).click();
  const made = laptop.getByTestId('link-made');
  await expect(made).toContainText(`Link "${label}" gemaakt`);
  return (await made.getByRole('link').getAttribute('href'))!;
}

/** The respondent's page, with its service worker in control (what lets it reload offline). */
async function openLink(browser: Browser, url: string): Promise<Page> {
  const page = await newPage(browser);
  await page.goto(url);
  await expect(page.getByTestId('online-note')).toBeVisible();
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, undefined, {
    timeout: 20_000,
  });
  return page;
}

async function finish(page: Page): Promise<void> {
  await page.getByRole('button', { name: L.nl.submit }).click();
  await expect(page.getByRole('heading', { name: L.nl.thanks })).toBeVisible();
}

/** Serious and critical axe findings on the page (or its part `include`). */
async function axeFindings(page: Page, include?: string): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  const axe = await (include ? builder.include(include) : builder).analyze();
  return axe.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help}`);
}

const sendState = (page: Page) => page.getByTestId('send-status').locator('[data-state]');

test('a respondent answers half offline, reloads, finishes and goes online; the laptop opens the response and counts it with a school session; the hub holds none of it', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const study = 'online_2026';
  const laptop = await laptopOnHub(browser, study);
  // A school session, brought as a bundle.
  await laptop
    .getByLabel(/Bundelbestanden importeren/)
    .setInputFiles(
      writeBundleFile('Zonnebloem', studyJson() as { version: number }, [
        { 'profiel.role': 'leerkracht', welbevinden_acties: 'Meer tijd voor overleg.' },
      ]),
    );
  await expect(laptop.getByTestId('sessions')).toContainText('Zonnebloem');

  await laptop.goto('/facilitator?study');
  await expect(laptop.getByTestId('results-total')).toHaveText('1 respondent');
  const card = laptop.getByTestId('online-links');
  await expect(card.getByTestId('study-key')).toContainText('Nog geen online link');
  const url = await makeLink(laptop, 'Leerkrachten online');
  expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${hub.port}/o/`));
  await expect(card.getByTestId('study-key')).toContainText('Deze laptop heeft de studiesleutel');
  await expect(card.getByTestId('online-link')).toContainText('Leerkrachten online');

  // The respondent opens the link, then loses the network.
  const respondent = await openLink(browser, url);
  await respondent.context().setOffline(true);
  await startResponse(respondent, 'nl', null);
  await answerProfile(respondent, 'nl', 'leerkracht');
  // Half way, the tab reloads without network: the page and the answers are still there.
  await respondent.reload();
  await expect(respondent.locator('input[name="profiel.school"]')).toHaveValue(
    'Sint-Jozefscollege',
  );
  const UNIQUE = 'Een moestuin op de speelplaats van Klimop-Noord';
  await answerRest(respondent, 'nl', true, UNIQUE);
  await finish(respondent);
  await expect(sendState(respondent)).toHaveAttribute('data-state', 'waiting');
  await expect(respondent.getByTestId('send-status')).toContainText('dit toestel is offline');

  // Nothing reached the hub yet.
  await laptop.reload();
  await expect(card.getByTestId('online-waiting')).toHaveText(
    'Er wachten 0 online antwoorden op de hub.',
  );

  // Online again: sent, and said so only once the hub confirmed.
  await respondent.context().setOffline(false);
  await expect(sendState(respondent)).toHaveAttribute('data-state', 'sent', { timeout: 30_000 });
  await expect(respondent.getByTestId('send-status')).toContainText('Verstuurd');

  // Someone with the link posts an envelope that is none: it reaches the hub, which cannot tell.
  const linkId = new URL(url).pathname.split('/').at(-1)!;
  const forged = await fetch(
    `http://127.0.0.1:${hub.port}/online/${linkId}/nep-antwoord-0001?v=1`,
    {
      method: 'POST',
      headers: { 'X-Kring-Token': 'iemand-anders-0001' },
      body: new Uint8Array(120).fill(42),
    },
  );
  expect(forged.status).toBe(200);

  // The laptop sees them wait, opens them and counts the response with the school session; the
  // envelope that does not open is listed, not dropped.
  await laptop.reload();
  await expect(card.getByTestId('online-waiting')).toHaveText(
    'Er wachten 2 online antwoorden op de hub.',
  );
  await card.getByRole('button', { name: 'Antwoorden ophalen en openen' }).click();
  await expect(card.getByTestId('online-pulled')).toContainText(
    '1 nieuw antwoord bewaard in de studie. 1 kon niet geopend worden',
  );
  await card.getByTestId('online-unopened').getByText('1 envelop kon niet geopend worden').click();
  await expect(card.getByTestId('online-unopened')).toContainText('nep-antwoord-0001 · beschadigd');
  await expect(laptop.getByTestId('results-total')).toHaveText('2 respondenten');
  await expect(laptop.getByText('Online · Leerkrachten online')).toBeVisible();
  // Filtered by the school the respondent gave.
  await laptop.getByLabel('School', { exact: true }).selectOption({ label: 'Sint-Jozefscollege' });
  await expect(laptop.getByTestId('results-total')).toHaveText('1 respondent');

  // The same browser cannot start a second response.
  await respondent.reload();
  await expect(respondent.getByTestId('online-closed')).toContainText(
    'Je hebt deze vragenlijst ingevuld',
  );
  await expect(sendState(respondent)).toHaveAttribute('data-state', 'sent');

  // The laptop's hub sync shares its school session and keeps the online one to itself: a
  // kit page opened now reads every session on the laptop and pushes them at once; another
  // facilitator's laptop then finds the school session on the hub, and no online one.
  const kitPage = await laptop.context().newPage();
  await kitPage.goto('/facilitator');
  await expect(kitPage.getByTestId('hub-status')).toContainText('Alles is gesynchroniseerd');
  // On the kit page the link's responses are a session of their own, said to be online.
  await expect(kitPage.getByTestId('sessions')).toContainText('online link');
  await kitPage
    .getByTestId('sessions')
    .getByRole('link', { name: /Online · Leerkrachten online/ })
    .click();
  await expect(kitPage.getByRole('note')).toContainText('De antwoorden van een online link');
  const other = await laptopOnHub(browser, study);
  await expect(other.getByTestId('sessions')).toContainText('Zonnebloem');
  await expect(other.getByTestId('sessions')).not.toContainText('Online');

  // The hub's database holds the envelope, not the answer (nor the school it names).
  const held = Buffer.concat(
    [hub.dataFile, `${hub.dataFile}-wal`].filter(existsSync).map((f) => readFileSync(f)),
  );
  expect(held.includes(Buffer.from('moestuin'))).toBe(false);
  expect(held.includes(Buffer.from('Sint-Jozefscollege'))).toBe(false);
  expect(held.includes(Buffer.from('Klimop'))).toBe(false);
});

async function answerAll(page: Page): Promise<void> {
  await startResponse(page, 'nl', null);
  await answerProfile(page, 'nl', 'leerkracht');
  await answerRest(page, 'nl', true);
  await finish(page);
}

test('access codes give one response each, one pupil after another on a shared computer; a closed link refuses at once; a laptop without the key says how many wait and opens them once the key file is imported', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const study = 'online_codes';
  const anna = await laptopOnHub(browser, study);
  await anna.goto('/facilitator?study');
  const card = anna.getByTestId('online-links');
  const url = await makeLink(anna, 'Klas 6B', 2);
  const codes = await card.getByTestId('access-codes').locator('code').allTextContents();
  expect(codes).toHaveLength(2);

  // The first pupil types the first code (as written on paper, in small letters).
  expect(await axeFindings(anna, '[data-testid="online-links"]')).toEqual([]);
  const first = await openLink(browser, url);
  expect(await axeFindings(first)).toEqual([]);
  await first.getByLabel('Je toegangscode').fill(codes[0]!.toLowerCase().replace('-', ' '));
  await first.getByRole('button', { name: /Verder/ }).click();
  await answerAll(first);
  await expect(sendState(first)).toHaveAttribute('data-state', 'sent');

  // The next pupil at the same computer (the class is in the computer room) types the same
  // code by mistake: refused once sent, and sent with their own.
  await first.getByRole('button', { name: L.nl.nextRespondent }).click();
  const second = first;
  await second.getByLabel('Je toegangscode').fill(codes[0]!);
  await second.getByRole('button', { name: /Verder/ }).click();
  await answerAll(second);
  await expect(sendState(second)).toHaveAttribute('data-state', 'refused');
  await expect(second.getByTestId('send-status')).toContainText('Die toegangscode is al gebruikt');
  expect(await axeFindings(second)).toEqual([]);
  await second.getByLabel('Je toegangscode').fill(codes[1]!);
  await second.getByRole('button', { name: /Verder/ }).click();
  await expect(sendState(second)).toHaveAttribute('data-state', 'sent');

  // Anna closes the link: a new respondent is told at once.
  await anna.reload();
  await expect(card.getByTestId('online-link')).toContainText('codes: 2 van 2 gebruikt');
  await card.getByRole('button', { name: 'Nu sluiten' }).click();
  await expect(card.getByTestId('online-link')).toContainText('gesloten');
  const late = await openLink(browser, url);
  await expect(late.getByTestId('online-closed')).toContainText('Deze vragenlijst is gesloten');

  // Bram's laptop has no key: it says how many wait, and cannot open them.
  const bram = await laptopOnHub(browser, study);
  await bram.goto('/facilitator?study');
  const bramCard = bram.getByTestId('online-links');
  await expect(bramCard.getByTestId('no-key')).toContainText(
    'Deze laptop heeft de studiesleutel niet en kan de online antwoorden dus niet openen: er wachten er 2 op de hub.',
  );
  await expect(bramCard.getByRole('button', { name: 'Antwoorden ophalen en openen' })).toHaveCount(
    0,
  );

  // Anna gives him the key file; the passphrase goes apart.
  const PASSPHRASE = 'zeven paardenbloemen in de wind';
  await card.getByLabel('Wachtzin', { exact: true }).fill(PASSPHRASE);
  await card.getByLabel('Wachtzin opnieuw').fill(PASSPHRASE);
  const saving = anna.waitForEvent('download');
  await card.getByRole('button', { name: 'Sleutelbestand bewaren' }).click();
  const keyFile = await (await saving).path();
  expect(readFileSync(keyFile, 'utf8')).not.toContain(PASSPHRASE);

  await bramCard.getByLabel('Sleutelbestand').setInputFiles(keyFile);
  await bramCard.getByLabel('Wachtzin', { exact: true }).fill('zes paardenbloemen');
  await bramCard.getByRole('button', { name: 'Sleutel importeren' }).click();
  await expect(bramCard.getByTestId('study-key')).toContainText(
    'De wachtzin opent dit sleutelbestand niet',
    { timeout: 20_000 },
  );
  await bramCard.getByLabel('Wachtzin', { exact: true }).fill(PASSPHRASE);
  await bramCard.getByRole('button', { name: 'Sleutel importeren' }).click();
  await expect(bramCard.getByTestId('study-key')).toContainText(
    'Deze laptop heeft de studiesleutel',
    { timeout: 20_000 },
  );
  await bramCard.getByRole('button', { name: 'Antwoorden ophalen en openen' }).click();
  await expect(bramCard.getByTestId('online-pulled')).toContainText('2 nieuwe antwoorden bewaard');
  await expect(bram.getByTestId('results-total')).toHaveText('2 respondenten');
});
