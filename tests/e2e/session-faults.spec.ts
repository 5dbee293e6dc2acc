import { expect, test } from '@playwright/test';
import { bundleFixture } from './fixtures/bundle';
import {
  deviceRows,
  expectConnectedOverWebrtc,
  joinTablet,
  startSession,
  startSessionIn,
  submittedCount,
  ownKitServer,
} from './session-helpers';
import { answerProfile, answerRest, L, startResponse } from './study-run';

declare global {
  interface Window {
    Hostile: typeof import('./fixtures/hostile-device');
    hostile: import('./fixtures/hostile-device').Hostile;
  }
}

const RECEIVED = '✓ Ontvangen door de begeleider';
const OFFLINE = /Niet verbonden met de begeleider/;

test('a tablet answers the whole survey while the laptop cannot be reached; everything arrives once afterwards', async ({
  browser,
}) => {
  const facilitator = await startSession(browser);
  const sessionUrl = facilitator.page.url();
  const tablet = await joinTablet(browser, facilitator.joinPath);
  await expectConnectedOverWebrtc(tablet);

  await facilitator.page.close(); // the laptop's app is gone (lid closed, tab closed)
  await expect(tablet.getByTestId('connection')).toHaveText(OFFLINE, { timeout: 30_000 });
  await startResponse(tablet, 'nl', null);
  await answerProfile(tablet, 'nl', 'leerkracht');
  await answerRest(tablet, 'nl', true);
  await tablet.getByRole('button', { name: L.nl.submit }).click();
  await expect(tablet.getByRole('heading', { name: L.nl.thanks })).toBeVisible();
  await expect(tablet.getByTestId('receipt')).toHaveText(/Nog niet ontvangen/);
  await expect(tablet.getByTestId('waiting')).toHaveText(
    '1 antwoordenlijst op deze tablet wacht om naar de begeleider te gaan.',
  );

  const laptop = await facilitator.context.newPage();
  await laptop.goto(sessionUrl);
  await expect(tablet.getByTestId('receipt')).toHaveText(RECEIVED, { timeout: 30_000 });
  await expect(tablet.getByTestId('waiting')).toHaveCount(0);
  await expect(submittedCount(laptop)).toHaveText('1 van 1 ingediend');
  await expect(deviceRows(laptop)).toHaveCount(1);
  await expect(deviceRows(laptop)).toHaveAttribute('data-submitted', '1');
});

test('a tablet that moved on to a new session still hands over what the earlier one did not receive', async ({
  browser,
}) => {
  const first = await startSession(browser);
  const firstUrl = first.page.url();
  const tablet = await joinTablet(browser, first.joinPath);
  await expectConnectedOverWebrtc(tablet);
  await first.page.close(); // the laptop leaves that session's page before the answers come
  await expect(tablet.getByTestId('connection')).toHaveText(OFFLINE, { timeout: 30_000 });
  await startResponse(tablet, 'nl', null);
  await answerProfile(tablet, 'nl', 'leerkracht');
  await answerRest(tablet, 'nl', true);
  await tablet.getByRole('button', { name: L.nl.submit }).click();
  await expect(tablet.getByTestId('receipt')).toHaveText(/Nog niet ontvangen/);

  // The next lesson: a new session; the tablet joins it and says what it still holds.
  const second = await startSessionIn(first.context);
  await tablet.goto(second.joinPath);
  const earlier = tablet.getByTestId('earlier-sessions');
  await expect(earlier).toContainText('1 antwoordenlijst van sessie');
  await expectConnectedOverWebrtc(tablet);

  // The laptop opens the first session again; the tablet goes back and hands the answers over.
  const again = await first.context.newPage();
  await again.goto(firstUrl);
  await earlier.getByRole('button', { name: /Terug naar sessie/ }).click();
  await expect(submittedCount(again)).toHaveText('1 van 1 ingediend', { timeout: 30_000 });
  await expectConnectedOverWebrtc(tablet);
  // Ready for the next respondent of that session; nothing is left waiting elsewhere.
  await expect(tablet.getByRole('button', { name: 'Beginnen' })).toBeVisible();
  await expect(tablet.getByTestId('earlier-sessions')).toHaveCount(0);
});

test('the facilitator page reloads mid-session: nothing received is lost and the tablet syncs on', async ({
  browser,
}) => {
  const facilitator = await startSession(browser);
  const tablet = await joinTablet(browser, facilitator.joinPath);
  await startResponse(tablet, 'nl', null);
  await answerProfile(tablet, 'nl', 'leerling');
  await expect(deviceRows(facilitator.page)).toContainText('Bezig: 2 van');

  await facilitator.page.reload();
  await expect(deviceRows(facilitator.page)).toContainText('Bezig: 2 van'); // from its own storage
  await expect(deviceRows(facilitator.page)).toHaveAttribute('data-webrtc-peers', /^[1-9]/, {
    timeout: 30_000,
  });
  await answerRest(tablet, 'nl', false);
  await tablet.getByRole('button', { name: L.nl.submit }).click();
  await expect(tablet.getByTestId('receipt')).toHaveText(RECEIVED, { timeout: 30_000 });
  await expect(submittedCount(facilitator.page)).toHaveText('1 van 1 ingediend');
  await expectConnectedOverWebrtc(tablet);
});

test.describe('with a kit server of its own', () => {
  const kit = ownKitServer(4183);

  test('the kit server restarts mid-session: lobby and rooms reconnect by themselves and converge', async ({
    browser,
  }) => {
    const facilitator = await startSession(browser);
    const first = await joinTablet(browser, facilitator.joinPath);
    await startResponse(first, 'nl', null);
    await answerProfile(first, 'nl', 'leerkracht');

    await kit.stop();
    await expect(facilitator.page.getByText(/De kitserver is niet bereikbaar/)).toBeVisible({
      timeout: 30_000,
    });
    await kit.restart();
    await expect(facilitator.page.getByText(/De kitserver is niet bereikbaar/)).toBeHidden({
      timeout: 30_000,
    });
    // Signaling works again: a new tablet joins, and a reload of the laptop finds both tablets.
    const second = await joinTablet(browser, facilitator.joinPath);
    await facilitator.page.reload();
    await expectConnectedOverWebrtc(first);
    await expectConnectedOverWebrtc(second);
    await answerRest(first, 'nl', true);
    await first.getByRole('button', { name: L.nl.submit }).click();
    await expect(first.getByTestId('receipt')).toHaveText(RECEIVED, { timeout: 30_000 });
    await expect(submittedCount(facilitator.page)).toHaveText('1 van 1 ingediend');
    await expect(deviceRows(facilitator.page)).toHaveCount(2);
  });
});

test('a hostile device is quarantined, flagged and then blocked; the rest of the session is unaffected', async ({
  browser,
}) => {
  const bundle = await bundleFixture('tests/e2e/fixtures/hostile-device.ts', 'Hostile');
  const facilitator = await startSession(browser);
  const honest = await joinTablet(browser, facilitator.joinPath);
  const params = new URL(facilitator.joinPath, 'http://x').searchParams;

  const context = await browser.newContext();
  const attacker = await context.newPage();
  await attacker.goto('/kit.json');
  await attacker.addScriptTag({ content: bundle });
  await attacker.evaluate(
    ([code, fp, url]) => (window.hostile = window.Hostile.join(code!, fp!, url!)),
    [params.get('code'), params.get('fp'), `ws://${new URL(attacker.url()).host}/signal`],
  );
  await expect
    .poll(() => attacker.evaluate(() => window.Hostile.peers(window.hostile)), { timeout: 30_000 })
    .toBeGreaterThan(0);
  await attacker.evaluate(() => window.Hostile.writeJunk(window.hostile, 'som_na_corona', 1));
  const hostileRow = deviceRows(facilitator.page).nth(1);
  await expect(hostileRow).toHaveAttribute('data-quarantined', '2');
  await expect(hostileRow).toContainText('2 apart gezet');

  await attacker.evaluate(() => window.Hostile.flood(window.hostile, 10));
  await expect(hostileRow).toContainText('Geblokkeerd', { timeout: 30_000 });

  await startResponse(honest, 'nl', null);
  await answerProfile(honest, 'nl', 'ouder');
  await answerRest(honest, 'nl', false);
  await honest.getByRole('button', { name: L.nl.submit }).click();
  await expect(honest.getByTestId('receipt')).toHaveText(RECEIVED, { timeout: 30_000 });
  await expect(submittedCount(facilitator.page)).toHaveText('1 van 1 ingediend');
  // The hostile text is shown nowhere as markup.
  expect(await facilitator.page.locator('img').count()).toBe(0);
});

test('a sync message lost on the way heals: the questionnaire still reaches a tablet that is connected', async ({
  browser,
}) => {
  // The laptop's browser loses the first large message it sends over a data channel: the
  // answer to the tablet's first sync, which carries the questionnaire.
  const laptop = await browser.newContext();
  await laptop.addInitScript(() => {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called with its channel below
    const send = RTCDataChannel.prototype.send;
    let dropped = 0;
    RTCDataChannel.prototype.send = function (this: RTCDataChannel, data: never) {
      const size = (data as { byteLength?: number }).byteLength ?? 0;
      if (size > 4000 && dropped === 0) {
        dropped++;
        (window as unknown as { droppedSyncMessages: number }).droppedSyncMessages = dropped;
        return;
      }
      send.call(this, data);
    };
  });
  const school = await startSessionIn(laptop);
  const tablet = await joinTablet(browser, school.joinPath); // waits for "Beginnen" (30 s)
  await expectConnectedOverWebrtc(tablet);
  expect(
    await school.page.evaluate(
      () => (window as unknown as { droppedSyncMessages?: number }).droppedSyncMessages,
    ),
  ).toBe(1);
  await tablet.context().close();
  await laptop.close();
});
