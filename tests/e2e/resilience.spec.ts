import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type BrowserContext } from '@playwright/test';
import { CHROMIUM, E2E_PORT } from '../../playwright.config';
import { startKitServer } from '../../src/server/kit-server';
import {
  L,
  answerProfile,
  answerRest,
  choose,
  expectItemSaved,
  startResponse,
  storedResponses,
} from './study-run';

const device = { locale: 'nl-BE', viewport: { width: 820, height: 1180 } };

test('killing the browser mid-survey and starting it again brings back every saved answer', async () => {
  const profileDir = mkdtempSync(join(tmpdir(), 'kring-tablet-'));
  const launch = () =>
    chromium.launchPersistentContext(profileDir, {
      ...CHROMIUM,
      ...device,
      baseURL: `http://localhost:${E2E_PORT}`,
    });
  let context: BrowserContext = await launch();
  try {
    let page = context.pages()[0] ?? (await context.newPage());
    await startResponse(page, 'nl');
    await answerProfile(page, 'nl', 'leerkracht');
    await page.getByRole('button', { name: L.nl.next }).click();
    await choose(page, 'prioriteiten.welbevinden', 1);
    await choose(page, 'prioriteiten.zelfsturing', 3);
    await expectItemSaved(page, 'prioriteiten', 'nl');

    // A crash, not a close: SIGKILL every process of this browser profile.
    execFileSync('pkill', ['-KILL', '-f', profileDir]);
    await context.close().catch(() => undefined);

    context = await launch();
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/');
    await expect(
      page.getByRole('heading', { level: 1, name: 'Prioriteiten voor de toekomst' }),
    ).toBeVisible();
    await expect(page.locator('[data-item="prioriteiten"]')).toBeFocused();
    await expect(
      page.locator('fieldset[data-key="prioriteiten.welbevinden"] input[value="1"]'),
    ).toBeChecked();
    await expect(
      page.locator('fieldset[data-key="prioriteiten.zelfsturing"] input[value="3"]'),
    ).toBeChecked();
    await page.getByRole('button', { name: /Terug/ }).click();
    await expect(
      page.locator('fieldset[data-key="profiel.role"] input[value="leerkracht"]'),
    ).toBeChecked();
    await expect(page.locator('input[name="profiel.school"]')).toHaveValue('Sint-Jozefscollege');
    await expect(page.locator('input[name="onderwijsniveau.other"]')).toHaveValue(
      'Deeltijds kunstonderwijs',
    );
  } finally {
    await context.close().catch(() => undefined);
    rmSync(profileDir, { recursive: true, force: true });
  }
});

test('on a plain-http LAN address (no secure context) a participant completes a response with no console errors', async () => {
  const browser = await chromium.launch({
    ...CHROMIUM,
    args: [...CHROMIUM.args, '--host-resolver-rules=MAP lan.test 127.0.0.1'],
  });
  try {
    const context = await browser.newContext({ ...device, baseURL: `http://lan.test:${E2E_PORT}` });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));

    // The questionnaire on its own (a bare address on the LAN leads to joining a session).
    await page.goto('/?survey=bundled');
    expect(
      await page.evaluate(() => ({
        secure: window.isSecureContext,
        serviceWorker: 'serviceWorker' in navigator,
        randomUUID: typeof crypto.randomUUID,
        subtle: typeof crypto.subtle,
      })),
    ).toEqual({
      secure: false,
      serviceWorker: false,
      randomUUID: 'undefined',
      subtle: 'undefined',
    });

    await startResponse(page, 'nl', null);
    await answerProfile(page, 'nl', 'zorg');
    await answerRest(page, 'nl', false);
    await page.getByRole('button', { name: L.nl.submit }).click();
    await expect(page.getByRole('heading', { name: L.nl.thanks })).toBeVisible();
    const [stored] = await storedResponses(page);
    expect(stored).toMatchObject({ status: 'submitted', answers: { 'profiel.role': 'zorg' } });
    expect(stored!.id).toMatch(/^[\w-]{21}$/);
    expect(problems).toEqual([]);
  } finally {
    await browser.close();
  }
});

test('on localhost the service worker starts the app with the kit server gone', async ({
  browser,
}) => {
  const kit = await startKitServer({ distDir: 'dist', port: 0, host: '127.0.0.1', lan: () => [] });
  const origin = `http://localhost:${kit.port}`;
  const context = await browser.newContext({ ...device });
  try {
    const first = await context.newPage();
    await first.goto(`${origin}/`);
    await expect(first.getByRole('button', { name: L.nl.start })).toBeVisible();
    // Installed means precached: the service worker activates only after its install step.
    await first.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await first.close();

    await kit.close();
    await expect(fetch(`${origin}/`)).rejects.toThrow(); // really no server any more

    const page = await context.newPage();
    await page.goto(`${origin}/`);
    await expect(page.getByRole('heading', { name: /Onderwijs na corona/ })).toBeVisible();
    await page.getByRole('button', { name: L.nl.start }).click();
    await page.getByRole('button', { name: L.nl.accept }).click();
    await choose(page, 'profiel.role', 'ouder');
    await expectItemSaved(page, 'profiel', 'nl');
  } finally {
    await context.close();
    await kit.close().catch(() => undefined);
  }
});
