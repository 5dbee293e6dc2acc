/**
 * Firefox tablets (Debian's Firefox ESR over WebDriver BiDi) with a Chromium facilitator: the
 * whole study over WebRTC between two engines, and a tablet that loses the laptop mid-survey.
 * One device per browser context, as in every session test.
 */
import { expect, test, type BrowserContext, type Page as PlaywrightPage } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { allTypes, formKinds, longAnswersJson } from '../fixtures/surveys';
import type { Browser } from 'puppeteer-core';
import { HubProcess } from '../e2e/fixtures/hub-process';
import { onlineLink } from './online-link';
import { deviceRows, startSession, submittedCount } from '../e2e/session-helpers';
import { answerEveryItemType, EVERY_ITEM_TYPE_ANSWERS } from './every-item-type';
import { answerFormKinds, FORM_KINDS_ANSWERS } from './form-kinds';
import { FIREFOX_LAN_ORIGIN, firefoxTablet, launchFirefox } from './firefox';
import {
  answerPriorities,
  answerProfile,
  answerStatements,
  sectionHeading,
  startResponse,
  storedResponses,
  submit,
} from './study-steps';
import type { Tablet } from './tablet';

const RECEIVED = '✓ Ontvangen door de begeleider';

/**
 * The tablet shows its answers received once the laptop is back. If that does not happen, the
 * error says how each side saw the other (path, peers, status), for a failure in CI.
 */
async function receivedOnceBack(tablet: Tablet, laptop: PlaywrightPage): Promise<void> {
  try {
    await tablet.see(RECEIVED, '[data-testid="receipt"]', 60_000);
  } catch (error) {
    const seen = await tablet.evaluate(() => {
      const status = document.querySelector('[data-testid="connection"]');
      return `${status?.getAttribute('data-path')}, ${status?.getAttribute('data-webrtc-peers')} WebRTC peers: ${status?.textContent?.trim()}`;
    });
    const devices = await deviceRows(laptop).evaluateAll((rows) =>
      rows.map((r) => `${r.getAttribute('data-path')}: ${r.textContent?.trim()}`),
    );
    throw new Error(`${(error as Error).message}\ntablet: ${seen}\nlaptop: ${devices.join('; ')}`, {
      cause: error,
    });
  }
}

/** The laptop's app is gone (lid closed, tab closed): the tablet says it is not connected. */
async function laptopGoes(tablet: Tablet, laptop: PlaywrightPage): Promise<void> {
  await laptop.close();
  await tablet.see(/Niet verbonden met de begeleider/, '[data-testid="connection"]');
}

/** The laptop opens the session again: it receives what the tablet holds, over WebRTC. */
async function laptopComesBack(
  tablet: Tablet,
  context: BrowserContext,
  sessionUrl: string,
): Promise<void> {
  const laptop = await context.newPage();
  await laptop.goto(sessionUrl);
  await receivedOnceBack(tablet, laptop);
  await expect(submittedCount(laptop)).toHaveText('1 van 1 ingediend');
  await expectWebrtc(tablet);
}

let firefox: Browser;
test.beforeAll(async () => {
  firefox = await launchFirefox();
});
test.afterAll(async () => firefox?.close());

/** The tablet's own status line: connected to the laptop over WebRTC, not BroadcastChannel. */
async function expectWebrtc(tablet: Tablet): Promise<void> {
  const status = '[data-testid="connection"]';
  await tablet.expectAttribute(status, 'data-path', 'webrtc');
  await tablet.expectAttribute(status, 'data-webrtc-peers', /^[1-9]/);
  await tablet.expectAttribute(status, 'data-broadcast-peers', '0');
}

test('a Firefox tablet on the LAN address answers the whole study; the Chromium laptop counts it', async ({
  browser,
}) => {
  const facilitator = await startSession(browser);
  const tablet = await firefoxTablet(firefox, FIREFOX_LAN_ORIGIN + facilitator.joinPath);
  try {
    expect(await tablet.evaluate(() => isSecureContext)).toBe(false);
    await tablet.see('Beginnen', 'button');
    await expectWebrtc(tablet);
    await startResponse(tablet, 'nl');
    await answerProfile(tablet, 'nl', 'leerkracht');
    await answerPriorities(tablet, 'nl');
    await answerStatements(tablet, 'nl', true);
    await submit(tablet, 'nl');
    await tablet.see(RECEIVED, '[data-testid="receipt"]');

    await expect(submittedCount(facilitator.page)).toHaveText('1 van 1 ingediend');
    await expect(deviceRows(facilitator.page)).toHaveAttribute('data-webrtc-peers', /^[1-9]/);
    const [row] = await storedResponses(tablet);
    expect(row?.status).toBe('submitted');
    expect(row?.answers['verandering_zelf']).toBe(8);
  } finally {
    await tablet.close();
  }
});

test('a Firefox tablet answers every item type (the ranking dragged too), resumes after a reload and submits', async () => {
  const file = test.info().outputPath('alle-types.json');
  writeFileSync(file, JSON.stringify(allTypes()));
  const tablet = await firefoxTablet(firefox, `${FIREFOX_LAN_ORIGIN}/facilitator`);
  try {
    await answerEveryItemType(tablet, file, 'nl');
    const rows = await storedResponses(tablet);
    expect(rows.map((r) => [r.status, r.language])).toEqual([['submitted', 'nl']]);
    expect(rows[0]!.answers).toEqual(EVERY_ITEM_TYPE_ANSWERS);
  } finally {
    await tablet.close();
  }
});

test('a Firefox tablet answers the kinds an XLSForm brings: typed numbers, a choice filter, a pattern, dates, notes', async () => {
  const file = test.info().outputPath('formulier.json');
  writeFileSync(file, JSON.stringify(formKinds()));
  const tablet = await firefoxTablet(firefox, `${FIREFOX_LAN_ORIGIN}/facilitator`);
  try {
    await answerFormKinds(tablet, file, 'nl');
    const [row] = await storedResponses(tablet);
    expect(row?.status).toBe('submitted');
    expect(row?.answers).toEqual(FORM_KINDS_ANSWERS);
  } finally {
    await tablet.close();
  }
});

test('a Firefox tablet answers while the laptop is gone, reloads mid-survey at the same question, and hands everything over', async ({
  browser,
}) => {
  const facilitator = await startSession(browser);
  const sessionUrl = facilitator.page.url();
  const tablet = await firefoxTablet(firefox, FIREFOX_LAN_ORIGIN + facilitator.joinPath);
  try {
    await tablet.see('Beginnen', 'button');
    await expectWebrtc(tablet);
    await laptopGoes(tablet, facilitator.page);

    await startResponse(tablet, 'nl');
    await answerProfile(tablet, 'nl', 'leerling');
    await answerPriorities(tablet, 'nl');
    const heading = await sectionHeading(tablet);
    expect(heading).not.toBe('Over jou');

    await tablet.reload(); // a pupil pulls down to refresh
    await tablet.until(
      async () => (await sectionHeading(tablet)) === heading,
      `"${heading}" again`,
    );
    const [saved] = await storedResponses(tablet);
    expect(saved?.answers['profiel.school']).toBe('Sint-Jozefscollege');
    expect(saved?.answers['prioriteiten.differentiatie']).toBe(5);
    await answerStatements(tablet, 'nl', false);
    await submit(tablet, 'nl');
    await tablet.see(/Nog niet ontvangen/, '[data-testid="receipt"]');

    await laptopComesBack(tablet, facilitator.context, sessionUrl);
  } finally {
    await tablet.close();
  }
});

test("a backlog larger than Chromium's largest WebRTC message (256 KiB) goes from Firefox to the laptop once it is back", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const file = test.info().outputPath('lange-antwoorden.json');
  writeFileSync(file, JSON.stringify(longAnswersJson(40)));
  const facilitator = await startSession(browser, {
    survey: { file, label: 'Lange antwoorden · v1 (uit de bibliotheek)' },
  });
  const sessionUrl = facilitator.page.url();
  const tablet = await firefoxTablet(firefox, FIREFOX_LAN_ORIGIN + facilitator.joinPath);
  try {
    await tablet.see('Beginnen', 'button');
    await expectWebrtc(tablet);
    await laptopGoes(tablet, facilitator.page);
    await tablet.button('Beginnen');
    await tablet.button(/Ik ga akkoord/);
    for (let i = 1; i <= 40; i++)
      await tablet.paste(
        `textarea[name="open_${i}"]`,
        `${i} ${'Een lang verhaal over de klas. '.repeat(290)}`,
      );
    await tablet.blur();
    await tablet.button(/Nakijken en indienen/);
    await submit(tablet, 'nl');
    const [row] = await storedResponses(tablet);
    expect(JSON.stringify(row?.answers).length).toBeGreaterThan(256 * 1024);

    await laptopComesBack(tablet, facilitator.context, sessionUrl);
  } finally {
    await tablet.close();
  }
});

test('a Firefox respondent answers an online link over plain http, reloads mid-survey, and its sealed response reaches the hub', async () => {
  const hub = new HubProcess('0.0.0.0');
  await hub.start();
  const link = await onlineLink(hub, 'engines_firefox');
  const respondent = await firefoxTablet(firefox, `http://lan.test:${hub.port}${link.path}`);
  try {
    expect(await respondent.evaluate(() => isSecureContext)).toBe(false);
    await startResponse(respondent, 'nl');
    await answerProfile(respondent, 'nl', 'leerkracht');
    await respondent.reload();
    await answerPriorities(respondent, 'nl');
    await answerStatements(respondent, 'nl', true);
    await submit(respondent, 'nl');
    await respondent.see('Verstuurd', '[data-testid="send-status"]');
    const [entry, ...more] = await link.opened();
    expect(more).toEqual([]);
    expect(entry).toMatchObject({ kind: 'opened', check: { status: 'valid' } });
    if (entry?.kind === 'opened' && entry.check.status === 'valid')
      expect(entry.check.response.answers['verandering_zelf']).toBe(8);
  } finally {
    await respondent.close();
    await hub.kill();
  }
});
