/**
 * Sessions where WebRTC cannot connect a tablet to the laptop: the room's sync goes through the
 * kit server's relay, sealed end to end. One browser context per device, as everywhere.
 */
import { expect, test, type Page } from '@playwright/test';
import WebSocket from 'ws';
import { E2E_PORT } from '../../playwright.config';
import { fromBase64Url, relayTopic } from '../../src/sync/admission';
import { decodeRelayFrame, encodeRelayFrame, RELAY_OP } from '../../src/sync/relay-wire';
import {
  deviceRows,
  expectConnectedOverWebrtc,
  expectPath,
  ICE_BLOCKED,
  joinTablet,
  LAN_ORIGIN,
  launchWithLan,
  NO_WEBRTC,
  startSession,
  submittedCount,
  ownKitServer,
} from './session-helpers';
import { answerProfile, answerRest, L, startResponse, storedResponses } from './study-run';

const RECEIVED = '✓ Ontvangen door de begeleider';
const OFFLINE = /Niet verbonden met de begeleider/;

async function submitWhole(tablet: Page, role = 'leerkracht'): Promise<void> {
  await startResponse(tablet, 'nl', null);
  await answerProfile(tablet, 'nl', role);
  await answerRest(tablet, 'nl', role === 'leerkracht');
  await tablet.getByRole('button', { name: L.nl.submit }).click();
  await expect(tablet.getByRole('heading', { name: L.nl.thanks })).toBeVisible();
}

/** The responses the laptop stored from its devices (its own table of checked rows). */
function collected(
  laptop: Page,
): Promise<
  { responseId: string; status: string; response?: { answers: Record<string, unknown> } }[]
> {
  return laptop.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('kring');
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const request = open.result.transaction('collected').objectStore('collected').getAll();
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result);
          };
        };
      }),
  );
}

/** The relay key this tablet keeps with its join (to play an eavesdropper who has the topic). */
function joinedRelayKey(tablet: Page): Promise<string> {
  return tablet.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('kring');
        open.onsuccess = () => {
          const request = open.result.transaction('settings').objectStore('settings').get('join');
          request.onsuccess = () => {
            open.result.close();
            resolve((request.result as { value: { relayKey: string } }).value.relayKey);
          };
          request.onerror = () => reject(new Error(String(request.error)));
        };
      }),
  );
}

test('a tablet without WebRTC joins on the plain-http LAN address, answers, submits and is received, through the relay', async () => {
  const browser = await launchWithLan();
  try {
    const facilitator = await startSession(browser);
    const tablet = await joinTablet(browser, facilitator.joinPath, LAN_ORIGIN, NO_WEBRTC);
    expect(await tablet.evaluate(() => window.isSecureContext)).toBe(false);
    await expectPath(tablet, 'relay');
    await expect(tablet.getByTestId('connection-details')).toContainText('via de kitserver');

    await submitWhole(tablet);
    await expect(tablet.getByTestId('receipt')).toHaveText(RECEIVED, { timeout: 30_000 });
    await expect(submittedCount(facilitator.page)).toHaveText('1 van 1 ingediend');
    const row = deviceRows(facilitator.page);
    await expect(row).toHaveAttribute('data-path', 'relay');
    await expect(row).toContainText('via de kitserver (relay)');
    await expect(facilitator.page.getByTestId('relay-note')).toContainText(
      '1 tablet bereikt deze laptop alleen via de kitserver',
    );
    // A browser without WebRTC never downloads WebRTC's code.
    const resources = await tablet.evaluate(() =>
      performance.getEntriesByType('resource').map((entry) => entry.name),
    );
    // The relay's client is in the network chunk; WebRTC's room is never fetched.
    expect(resources.some((name) => name.includes('/assets/network-'))).toBe(true);
    expect(resources.filter((name) => name.includes('webrtc-room'))).toEqual([]);
  } finally {
    await browser.close();
  }
});

test('a tablet whose WebRTC never connects (ICE blocked) moves to the relay within 10 s', async ({
  browser,
}) => {
  const facilitator = await startSession(browser);
  const started = Date.now();
  const tablet = await joinTablet(browser, facilitator.joinPath, undefined, ICE_BLOCKED);
  await expectPath(tablet, 'relay', 10_000);
  expect(Date.now() - started).toBeLessThan(10_000);
  expect(
    await tablet.evaluate(() => (window as unknown as { peerConnections: number }).peerConnections),
  ).toBeGreaterThan(0);
  await expect(tablet.getByTestId('connection')).toHaveAttribute('data-webrtc-peers', '0');

  await submitWhole(tablet, 'leerling');
  await expect(tablet.getByTestId('receipt')).toHaveText(RECEIVED, { timeout: 30_000 });
  await expect(submittedCount(facilitator.page)).toHaveText('1 van 1 ingediend');
});

test('a session with one tablet on WebRTC and one on the relay counts both, and says which is which', async ({
  browser,
}) => {
  const facilitator = await startSession(browser);
  const direct = await joinTablet(browser, facilitator.joinPath);
  const relayed = await joinTablet(browser, facilitator.joinPath, undefined, NO_WEBRTC);
  await expectConnectedOverWebrtc(direct);
  await expectPath(direct, 'webrtc');
  await expectPath(relayed, 'relay');

  await submitWhole(direct, 'leerkracht');
  await submitWhole(relayed, 'ouder');
  await expect(direct.getByTestId('receipt')).toHaveText(RECEIVED, { timeout: 30_000 });
  await expect(relayed.getByTestId('receipt')).toHaveText(RECEIVED, { timeout: 30_000 });
  await expect(submittedCount(facilitator.page)).toHaveText('2 van 2 ingediend');
  // WebRTC's code came with the room on the tablet that has WebRTC, and only there.
  const webrtcCode = (page: Page) =>
    page.evaluate(() =>
      performance.getEntriesByType('resource').some((e) => e.name.includes('webrtc-room')),
    );
  expect([await webrtcCode(direct), await webrtcCode(relayed)]).toEqual([true, false]);
  const paths = await deviceRows(facilitator.page).evaluateAll((rows) =>
    rows.map((r) => r.getAttribute('data-path')).sort(),
  );
  expect(paths).toEqual(['relay', 'webrtc']);
  const roles = (await collected(facilitator.page)).map((r) => r.response?.answers['profiel.role']);
  expect(roles.sort()).toEqual(['leerkracht', 'ouder']);
});

test('a tablet moves from the relay to WebRTC mid-survey, and no answer is lost or counted twice', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const facilitator = await startSession(browser);
  const tablet = await joinTablet(browser, facilitator.joinPath, undefined, ICE_BLOCKED);
  await expectPath(tablet, 'relay');
  await startResponse(tablet, 'nl', null);
  await answerProfile(tablet, 'nl', 'leerkracht');
  await expect(deviceRows(facilitator.page)).toContainText('Bezig: 2 van');

  // The network lets WebRTC through again: the next attempt connects, and the relay goes quiet.
  await tablet.evaluate(() => ((window as unknown as { iceBlocked: boolean }).iceBlocked = false));
  await expectPath(tablet, 'webrtc', 60_000);
  await expectConnectedOverWebrtc(tablet);
  await expect(deviceRows(facilitator.page)).toHaveAttribute('data-path', 'webrtc');

  await answerRest(tablet, 'nl', true);
  await tablet.getByRole('button', { name: L.nl.submit }).click();
  await expect(tablet.getByTestId('receipt')).toHaveText(RECEIVED, { timeout: 30_000 });
  await expect(submittedCount(facilitator.page)).toHaveText('1 van 1 ingediend');
  const [mine] = await storedResponses(tablet);
  const rows = await collected(facilitator.page);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ responseId: mine!.id, status: 'valid' });
  expect(rows[0]!.response!.answers).toEqual(mine!.answers);
});

test("a third member on a relayed tablet's topic sees only sealed bytes, and what it sends changes nothing", async ({
  browser,
}) => {
  const facilitator = await startSession(browser);
  const tablet = await joinTablet(browser, facilitator.joinPath, undefined, NO_WEBRTC);
  await expectPath(tablet, 'relay');

  // Worse than a device with the join code: one that learned the room's relay topic.
  const topic = relayTopic(fromBase64Url(await joinedRelayKey(tablet))!);
  const spy = new WebSocket(`ws://localhost:${E2E_PORT}/relay`);
  const frames: Buffer[] = [];
  spy.on('message', (data) => frames.push(data as Buffer));
  await new Promise((resolve) => spy.once('open', resolve));
  spy.send(encodeRelayFrame(RELAY_OP.join, topic));

  await submitWhole(tablet);
  await expect(tablet.getByTestId('receipt')).toHaveText(RECEIVED, { timeout: 30_000 });
  expect(frames.length).toBeGreaterThan(0);
  const seen = frames
    .map((f) => Buffer.from(decodeRelayFrame(f)!.payload).toString('latin1'))
    .join('');
  expect(seen).not.toContain('klasgesprek'); // the open answer the tablet typed
  expect(seen).not.toContain('leerkracht');

  // It replays what it saw and sends junk: the laptop keeps exactly the one valid response.
  for (const frame of frames) spy.send(frame);
  spy.send(encodeRelayFrame(RELAY_OP.send, topic, new Uint8Array(200).fill(1)));
  await tablet.waitForTimeout(1000);
  spy.close();
  const rows = await collected(facilitator.page);
  expect(rows.map((r) => r.status)).toEqual(['valid']);
  await expect(deviceRows(facilitator.page)).toHaveAttribute('data-quarantined', '0');
  await expect(submittedCount(facilitator.page)).toHaveText('1 van 1 ingediend');
});

test.describe('with a kit server of its own', () => {
  const kit = ownKitServer(4184);

  test('the relay survives a kit server restart: answers given meanwhile arrive afterwards', async ({
    browser,
  }) => {
    const facilitator = await startSession(browser);
    const tablet = await joinTablet(browser, facilitator.joinPath, undefined, NO_WEBRTC);
    await expectPath(tablet, 'relay');
    await startResponse(tablet, 'nl', null);
    await answerProfile(tablet, 'nl', 'leerkracht');
    await expect(deviceRows(facilitator.page)).toContainText('Bezig: 2 van');

    await kit.stop();
    await expect(tablet.getByTestId('connection')).toHaveText(OFFLINE, { timeout: 30_000 });
    await answerRest(tablet, 'nl', true);
    await tablet.getByRole('button', { name: L.nl.submit }).click();
    await expect(tablet.getByTestId('receipt')).toHaveText(/Nog niet ontvangen/);

    await kit.restart();
    await expectPath(tablet, 'relay');
    await expect(tablet.getByTestId('receipt')).toHaveText(RECEIVED, { timeout: 30_000 });
    await expect(submittedCount(facilitator.page)).toHaveText('1 van 1 ingediend');
    await expect(deviceRows(facilitator.page)).toHaveAttribute('data-path', 'relay');
  });
});
