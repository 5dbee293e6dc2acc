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

  // The laptop sees it wait, opens it and counts it with the school session.
  await laptop.reload();
  await expect(card.getByTestId('online-waiting')).toHaveText(
    'Er wacht 1 online antwoord op de hub.',
  );
  await card.getByRole('button', { name: 'Antwoorden ophalen en openen' }).click();
  await expect(card.getByTestId('online-pulled')).toContainText('1 nieuw antwoord bewaard');
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

  // The hub's database holds the envelope, not the answer (nor the school it names).
  const held = Buffer.concat(
    [hub.dataFile, `${hub.dataFile}-wal`].filter(existsSync).map((f) => readFileSync(f)),
  );
  expect(held.includes(Buffer.from('moestuin'))).toBe(false);
  expect(held.includes(Buffer.from('Sint-Jozefscollege'))).toBe(false);
  expect(held.includes(Buffer.from('Klimop'))).toBe(false);
});
