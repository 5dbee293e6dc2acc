/**
 * Strangers in a session's lobby (issue 19), each a second client of the kit server: a flood of
 * made-up hellos, and a device that claims a real tablet's id with a key of its own. One browser
 * context per device; the strangers speak the lobby's messages from Node.
 */
import { expect, test } from '@playwright/test';
import { E2E_PORT } from '../../playwright.config';
import {
  deviceRows,
  expectConnectedOverWebrtc,
  startSession,
  startSessionIn,
} from '../e2e/session-helpers';
import { answerProfile, startResponse } from '../e2e/study-run';
import { helloFlood, lobbyListener, squattingHello } from './lobby-clients';

const SIGNAL = `ws://localhost:${E2E_PORT}/signal`;

test('a flood of made-up hellos: the laptop lets them in at a pace, and a real tablet still joins within 10 s', async ({
  browser,
}) => {
  const facilitator = await startSession(browser);
  // 400 made-up hellos in 7 s, each with a fresh key (automatic admission is the default).
  const stop = await helloFlood(SIGNAL, facilitator.code, 400, 60);
  try {
    await new Promise((r) => setTimeout(r, 2000));
    await expect(facilitator.page.getByTestId('queue-note')).toContainText('wachten in de rij');
    const tablet = await (await browser.newContext()).newPage();
    const started = Date.now();
    await tablet.goto(facilitator.joinPath);
    await expect(tablet.getByRole('button', { name: 'Beginnen' })).toBeVisible({ timeout: 10_000 });
    expect(Date.now() - started).toBeLessThan(10_000);
    await expectConnectedOverWebrtc(tablet);
    // The laptop opened rooms at the admission pace only (20 at once, then 5 a second), far
    // below what its sockets allow, and its page still answers.
    const rooms = await deviceRows(facilitator.page).count();
    expect(rooms).toBeLessThanOrEqual(20 + 5 * Math.ceil((Date.now() - started) / 1000 + 3));
    await startResponse(tablet, 'nl', null);
    await answerProfile(tablet, 'nl', 'leerkracht');
    await expect(
      facilitator.page.locator(`[data-testid="device"]`, { hasText: 'Bezig: 2 van' }),
    ).toHaveCount(1, { timeout: 15_000 });
    await tablet.context().close();
  } finally {
    stop();
  }
  await facilitator.context.close();
});

test("a stranger who replays a tablet's id with its own key neither takes its place nor locks it out", async ({
  browser,
}) => {
  // Monday: the tablet joins a session; a stranger in that lobby notes its id.
  const monday = await startSession(browser);
  const listenerMonday = await lobbyListener(SIGNAL, monday.code);
  const tabletContext = await browser.newContext();
  const tablet = await tabletContext.newPage();
  await tablet.goto(monday.joinPath);
  await expect(tablet.getByRole('button', { name: 'Beginnen' })).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => listenerMonday.helloIds().length).toBeGreaterThan(0);
  const [mondayId] = listenerMonday.helloIds();
  listenerMonday.stop();

  // Tuesday: a new session. The stranger is first in its lobby, claiming the tablet's id.
  const tuesday = await startSessionIn(monday.context);
  const stranger = await lobbyListener(SIGNAL, tuesday.code);
  for (let i = 0; i < 5; i++) stranger.say(squattingHello(mondayId!));
  await tablet.goto(tuesday.joinPath);
  await expect(tablet.getByRole('button', { name: 'Beginnen' })).toBeVisible({ timeout: 30_000 });
  await expectConnectedOverWebrtc(tablet);
  await expect(deviceRows(tuesday.page)).toHaveCount(1);

  // It heard the tablet's hello of today and claims that id too: the laptop says so, and the
  // tablet goes on.
  await expect.poll(() => stranger.helloIds().length).toBeGreaterThan(0);
  const tuesdayId = stranger.helloIds().find((id) => id !== mondayId)!;
  stranger.say(squattingHello(tuesdayId));
  await expect(deviceRows(tuesday.page).getByTestId('device-conflict')).toContainText(
    'Een ander toestel deed zich 1 keer voor als deze tablet',
  );
  await startResponse(tablet, 'nl', null);
  await answerProfile(tablet, 'nl', 'leerkracht');
  await expect(deviceRows(tuesday.page)).toContainText('Bezig: 2 van', { timeout: 15_000 });
  stranger.stop();
  await tabletContext.close();
  await monday.context.close();
});
