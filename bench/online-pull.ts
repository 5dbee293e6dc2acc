/**
 * Issue 25: a facilitator's laptop fetching a study's online responses in the browser, as the
 * study page does it: every envelope pulled from the hub, opened with the study key (the
 * browser's own X25519 on the laptop's page), checked, and stored in IndexedDB in the link's
 * session. Timed from the click on "fetch" to the page saying how many it stored.
 *
 * The key file is written with a cheap passphrase cost here: the bench measures the pull, not
 * the passphrase's KDF (a second or two, once per laptop).
 */
import { chromium } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CHROMIUM } from '../playwright.config';
import { startKitServer } from '../src/server/kit-server';
import { hubKey } from '../src/sync/hub-names';
import { writeKeyFile, type StudyKey } from '../src/sync/study-key-file';

export interface BrowserPullFigures {
  seconds: number;
  /** What the page said it stored. */
  said: string;
}

export async function pullInBrowser(
  hubUrl: string,
  study: string,
  token: string,
  key: StudyKey,
): Promise<BrowserPullFigures> {
  const kit = await startKitServer({ distDir: 'dist', port: 0, host: '127.0.0.1', lan: () => [] });
  const browser = await chromium.launch(CHROMIUM);
  try {
    const page = await browser.newPage({ locale: 'nl-BE', viewport: { width: 1280, height: 900 } });
    await page.goto(`http://localhost:${kit.port}/facilitator`);
    await page.getByLabel('Adres van de hub').fill(hubUrl);
    await page.getByLabel('Hubsleutel').fill(hubKey(study, token));
    await page.getByRole('button', { name: 'Verbinden met de hub' }).click();
    await page.getByText('Verbonden met de hub').first().waitFor();
    await page.goto(`http://localhost:${kit.port}/facilitator?study`);
    const card = page.getByTestId('online-links');
    const file = join(mkdtempSync(join(tmpdir(), 'kring-key-')), 'study.kring-key.json');
    writeFileSync(file, await writeKeyFile(key, 'bench', { N: 2 ** 10, r: 8, p: 1 }));
    await card.getByLabel('Sleutelbestand').setInputFiles(file);
    await card.getByLabel('Wachtzin', { exact: true }).fill('bench');
    await card.getByRole('button', { name: 'Sleutel importeren' }).click();
    const fetchButton = card.getByRole('button', { name: 'Antwoorden ophalen en openen' });
    await fetchButton.waitFor();
    const start = performance.now();
    await fetchButton.click();
    const said = card.getByTestId('online-pulled');
    await said.waitFor({ timeout: 120_000 });
    const seconds = (performance.now() - start) / 1000;
    return { seconds, said: (await said.textContent())?.trim() ?? '' };
  } finally {
    await browser.close();
    await kit.close();
  }
}
