/**
 * Glare (issue 19): the laptop's and a tablet's announces cross, both make an offer, and one side
 * accepts the other's offer on its own initiator peer. Before, both then sent on a data channel
 * the other did not listen to while both said "connected over WebRTC": saved answers never
 * reached the laptop. Each device is its own browser context; the relay is blocked on the
 * tablet, so WebRTC is the only path and a dead channel cannot hide behind the relay.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import {
  deviceRows,
  expectConnectedOverWebrtc,
  glareAnswers,
  joinTablet,
  NETWORK_CONTROL,
  setNetwork,
  startSessionIn,
  type Facilitator,
} from './session-helpers';
import { answerProfile, startResponse } from './study-run';

const TABLET_WITHOUT_RELAY = `window.relayBlocked = true;\n${NETWORK_CONTROL}`;

/** Uncaught errors on the devices' pages (y-webrtc threw on an answer for a dropped connection). */
const pageErrors: string[] = [];

async function sessionWithTablet(browser: Browser): Promise<{ laptop: Facilitator; tablet: Page }> {
  pageErrors.length = 0;
  const context = await browser.newContext();
  await context.addInitScript(NETWORK_CONTROL);
  const laptop = await startSessionIn(context);
  const tablet = await joinTablet(browser, laptop.joinPath, undefined, TABLET_WITHOUT_RELAY);
  for (const page of [laptop.page, tablet]) page.on('pageerror', (e) => pageErrors.push(e.message));
  await expectConnectedOverWebrtc(tablet);
  return { laptop, tablet };
}

/** Answers reach the laptop: its device list shows the tablet's progress, over WebRTC. */
async function expectAnswersArrive(laptop: Facilitator, tablet: Page): Promise<void> {
  await startResponse(tablet, 'nl', null);
  await answerProfile(tablet, 'nl', 'leerkracht');
  await expect(deviceRows(laptop.page)).toContainText('Bezig: 2 van', { timeout: 30_000 });
  await expect(deviceRows(laptop.page)).toHaveAttribute('data-path', 'webrtc');
  await expectConnectedOverWebrtc(tablet);
}

async function closeAll(laptop: Facilitator, tablet: Page): Promise<void> {
  expect(pageErrors).toEqual([]);
  await tablet.context().close();
  await laptop.context.close();
}

// Each side hears the other's room messages this much later: both announce before either
// hears the other, and the side that hears the announce first makes the earlier offer, whose
// glare token is lower, so that side accepts the other's offer on its initiator peer.
for (const { accepting, laptopDelay, tabletDelay } of [
  { accepting: 'the laptop', laptopDelay: 600, tabletDelay: 1500 },
  { accepting: 'the tablet', laptopDelay: 1500, tabletDelay: 600 },
] as const) {
  test(`crossing announces and offers (${accepting} accepts the other's offer): answers still reach the laptop`, async ({
    browser,
  }) => {
    const { laptop, tablet } = await sessionWithTablet(browser);
    await setNetwork(laptop.page, { roomSignalDelayMs: laptopDelay });
    await setNetwork(tablet, { roomSignalDelayMs: tabletDelay });
    // The connection drops; both sides notice at once and announce again.
    await tablet.evaluate(() =>
      (window as unknown as { closeDataChannels(): void }).closeDataChannels(),
    );
    const acceptor = accepting === 'the laptop' ? laptop.page : tablet;
    await expect.poll(() => glareAnswers(acceptor), { timeout: 15_000 }).toBeGreaterThan(0);
    await expectAnswersArrive(laptop, tablet);
    await closeAll(laptop, tablet);
  });
}

test('crossing at the retry: hung attempts dropped by both sides at once reconnect, and answers arrive', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const { laptop, tablet } = await sessionWithTablet(browser);
  await setNetwork(laptop.page, { roomSignalDelayMs: 2500 });
  await setNetwork(tablet, { roomSignalDelayMs: 2500, iceBlocked: true });
  await tablet.evaluate(() =>
    (window as unknown as { closeDataChannels(): void }).closeDataChannels(),
  );
  // The attempts after the drop hang (no ICE); both sides drop them at their 12 s retry, which
  // started at the same moment, and announce again: those announces cross.
  await expect(tablet.getByTestId('connection')).toHaveAttribute('data-webrtc-peers', '0');
  await setNetwork(tablet, { iceBlocked: false });
  const crossed = async () => (await glareAnswers(laptop.page)) + (await glareAnswers(tablet));
  await expect.poll(crossed, { timeout: 40_000 }).toBeGreaterThan(0);
  await expectAnswersArrive(laptop, tablet);
  await closeAll(laptop, tablet);
});

test('an open channel that carries nothing is not "connected": the tablet says so and reconnects', async ({
  browser,
}) => {
  const { laptop, tablet } = await sessionWithTablet(browser);
  const status = tablet.getByTestId('connection');
  // The tablet's channels stay open but deliver nothing: its heartbeats go unanswered.
  await setNetwork(tablet, { deafChannels: true });
  await expect(status).toHaveAttribute('data-webrtc-peers', '0', { timeout: 20_000 });
  await expect(status).toHaveText(/Niet verbonden met de begeleider/);
  // Delivery comes back: a fresh connection, and answers arrive.
  await setNetwork(tablet, { deafChannels: false });
  await expectAnswersArrive(laptop, tablet);
  await closeAll(laptop, tablet);
});
