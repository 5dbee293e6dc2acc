/** A facilitator and tablets, each its own browser context (a device), for the session tests. */
import {
  chromium,
  expect,
  test,
  type Browser,
  type BrowserContext,
  type Page,
} from '@playwright/test';
import { startKitServer, type KitServer } from '../../src/server/kit-server';
import { CHROMIUM, E2E_PORT } from '../../playwright.config';
import { answerProfile, answerRest, L, startResponse } from './study-run';

export const LAN_ORIGIN = `http://lan.test:${E2E_PORT}`;

/** A browser in which `lan.test` is this machine: a plain-http, non-secure origin on loopback. */
export function launchWithLan(): Promise<Browser> {
  return chromium.launch({
    ...CHROMIUM,
    args: [...CHROMIUM.args, `--host-resolver-rules=MAP lan.test 127.0.0.1`],
  });
}

export interface Facilitator {
  context: BrowserContext;
  page: Page;
  code: string;
  /** `/join?code=…&fp=…`: what the QR code holds, without the laptop's network address. */
  joinPath: string;
}

export interface SessionOptions {
  school?: string;
  admitByHand?: boolean;
  /** A survey file to bring into the library and run, and its name in the session's list. */
  survey?: { file: string; label: string };
}

/** Creates a session (with the bundled survey unless told) on the facilitator's page. */
export async function startSession(
  browser: Browser,
  options: SessionOptions = {},
): Promise<Facilitator> {
  return startSessionIn(await browser.newContext(), options);
}

/** Creates a session on a new page of this (the laptop's) context. */
export async function startSessionIn(
  context: BrowserContext,
  options: SessionOptions = {},
): Promise<Facilitator> {
  const page = await context.newPage();
  await page.goto('/facilitator');
  await expect(page.locator('#session-survey')).toBeVisible();
  if (options.survey) {
    await page.getByLabel(/Breng een vragenlijst binnen/).setInputFiles(options.survey.file);
    await page.locator('#session-survey').selectOption({ label: options.survey.label });
  }
  await page.locator('#session-school').fill(options.school ?? 'Sint-Jozefscollege');
  if (options.admitByHand) await page.getByLabel('Nieuwe tablets met de hand toelaten').check();
  await page.getByRole('button', { name: 'Sessie starten' }).click();
  await expect(page.getByTestId('join-code')).toBeVisible();
  const url = new URL((await page.locator('.url').textContent())!.trim());
  const code = url.searchParams.get('code')!;
  return { context, page, code, joinPath: `${url.pathname}${url.search}` };
}

/**
 * A tablet (its own context) that opens the join link and waits for the survey to arrive.
 * `init` runs in the tablet's pages before Kring does (a browser without WebRTC, say).
 */
export async function joinTablet(
  browser: Browser,
  joinPath: string,
  origin?: string,
  init?: string,
): Promise<Page> {
  const context = await browser.newContext(origin ? { baseURL: origin } : {});
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  await page.goto(joinPath);
  await expect(page.getByRole('button', { name: 'Beginnen' }))
    .toBeVisible({ timeout: 30_000 })
    .catch(async (error: Error) => {
      // Which side failed: did the questionnaire reach the tablet's store at all?
      const stored = await page.evaluate(tabletStoreSummary).catch((e: Error) => e.message);
      throw new Error(`${error.message}\n\nthe tablet's store: ${stored}`);
    });
  return page;
}

/** The tablet's IndexedDB in a line: update rows per room and their bytes (runs in the page). */
async function tabletStoreSummary(): Promise<string> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open('kring');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(new Error(String(request.error)));
  });
  if (!db.objectStoreNames.contains('updates')) return 'no updates table';
  const rows = await new Promise<{ room: string; update: Uint8Array }[]>((resolve) => {
    const request = db.transaction('updates').objectStore('updates').getAll();
    request.onsuccess = () => resolve(request.result as { room: string; update: Uint8Array }[]);
  });
  const rooms = new Map<string, { n: number; bytes: number }>();
  for (const row of rows) {
    const room = rooms.get(row.room) ?? { n: 0, bytes: 0 };
    room.n++;
    room.bytes += row.update.byteLength;
    rooms.set(row.room, room);
  }
  return (
    [...rooms].map(([room, r]) => `${room.slice(0, 8)}…: ${r.n} rows, ${r.bytes} B`).join('; ') ||
    'empty'
  );
}

/** The check code the facilitator's page shows (typed joins confirm it), as `K7M 2QX`. */
export async function laptopCheckCode(facilitator: Page): Promise<string> {
  const text = await facilitator.getByTestId('check-code').textContent();
  return text!.match(/[2-9A-Z]{3} [2-9A-Z]{3}/)![0];
}

/** A tablet (its own context) that opens the join page and types the code as read aloud. */
export async function typeJoinCode(browser: Browser, code: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto('/join');
  await page
    .getByLabel('De code op het scherm')
    .fill(`${code.slice(0, 4)}-${code.slice(4)}`.toLowerCase());
  await page.getByRole('button', { name: /Deelnemen/ }).click();
  return page;
}

/**
 * A tablet that types the code (lower case, dash), then taps the facilitator's check code among
 * the choices it is given (`check`, or the one the facilitator's page shows now).
 */
export async function typeCode(
  browser: Browser,
  facilitator: Facilitator,
  check?: string,
): Promise<Page> {
  const page = await typeJoinCode(browser, facilitator.code);
  const shown = check ?? (await laptopCheckCode(facilitator.page));
  await page.getByTestId('check-code-picker').getByRole('button', { name: shown }).click();
  return page;
}

/** The tablet's own count of peers: WebRTC > 0 and BroadcastChannel 0 (separate devices). */
export async function expectConnectedOverWebrtc(page: Page): Promise<void> {
  const status = page.getByTestId('connection');
  await expect(status).toHaveAttribute('data-webrtc-peers', /^[1-9]/, { timeout: 30_000 });
  await expect(status).toHaveAttribute('data-broadcast-peers', '0');
}

/** A tablet browser without WebRTC (locked down, older, or WebKitGTK as Debian builds it). */
export const NO_WEBRTC = `
  delete window.RTCPeerConnection;
  delete window.webkitRTCPeerConnection;
`;

/**
 * A tablet whose WebRTC never connects, as on a network that drops multicast or blocks UDP:
 * its peer connections gather no ICE candidates while \`window.iceBlocked\` is true, so they
 * never reach "connected". \`window.peerConnections\` counts the ones made.
 */
export const ICE_BLOCKED = `
  const Real = window.RTCPeerConnection;
  window.iceBlocked = true;
  window.peerConnections = 0;
  function Blocked(config, ...rest) {
    window.peerConnections++;
    const policy = window.iceBlocked ? { iceTransportPolicy: 'relay', iceServers: [] } : {};
    return new Real({ ...(config || {}), ...policy }, ...rest);
  }
  Blocked.prototype = Real.prototype;
  Object.setPrototypeOf(Blocked, Real);
  window.RTCPeerConnection = Blocked;
`;

/** The tablet reaches the laptop by `path` ('webrtc' or 'relay'), as its status line says. */
export async function expectPath(page: Page, path: 'webrtc' | 'relay', timeout = 30_000) {
  await expect(page.getByTestId('connection')).toHaveAttribute('data-path', path, { timeout });
}

export const deviceRows = (facilitator: Page) => facilitator.getByTestId('device');

/** The submitted count the facilitator shows, e.g. "2 van 2 ingediend". */
export const submittedCount = (facilitator: Page) => facilitator.getByTestId('submitted-count');

/** The ids of the responses stored in this page's IndexedDB. */
export async function storedResponseIds(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('kring');
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const request = open.result
            .transaction('responses')
            .objectStore('responses')
            .getAllKeys();
          request.onsuccess = () => {
            open.result.close();
            resolve(request.result as string[]);
          };
          request.onerror = () => reject(new Error(String(request.error)));
        };
      }),
  );
}

/** A tablet joins and submits the whole study as `role` (a teacher also gets the teachers' part). */
export async function submitFrom(
  browser: Browser,
  facilitator: Facilitator,
  role: string,
  openAnswer?: string,
): Promise<Page> {
  const tablet = await joinTablet(browser, facilitator.joinPath);
  await startResponse(tablet, 'nl', null);
  await answerProfile(tablet, 'nl', role);
  await answerRest(tablet, 'nl', role === 'leerkracht', openAnswer);
  await tablet.getByRole('button', { name: L.nl.submit }).click();
  await expect(tablet.getByRole('heading', { name: L.nl.thanks })).toBeVisible();
  return tablet;
}

/** Opens the beamer window from the session page; it is a popup of the same browser. */
export async function openBeamer(page: Page): Promise<Page> {
  const popup = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Beamervenster openen' }).click();
  return popup;
}

/**
 * A device's network under the test's control, for the glare tests (issue 19). In the page:
 * - `window.roomSignalDelayMs`: messages of private rooms that the signaling server delivers
 *   (announces, offers, answers, candidates) reach y-webrtc this much later, in order, so that
 *   the two sides' announces and offers cross;
 * - `window.relayBlocked` (from the start): the relay cannot be reached, so WebRTC is the only
 *   path and a dead WebRTC channel shows;
 * - `window.closeDataChannels()`: closes every data channel, as a dropped connection does: both
 *   sides notice at once and announce again (the retry);
 * - `window.iceBlocked`: new peer connections gather no ICE candidates (they hang);
 * - `window.glareAnswers`: offers this device accepted while its own offer was out (glare);
 * - `window.deafChannels`: data channels drop every incoming message (an open channel that
 *   carries nothing).
 */
export const NETWORK_CONTROL = `
  window.roomSignalDelayMs = 0;
  window.relayBlocked = window.relayBlocked ?? false;
  window.iceBlocked = false;
  window.deafChannels = false;
  window.glareAnswers = 0;
  const channels = [];
  window.closeDataChannels = () => channels.splice(0).forEach((c) => c.close());

  const RealSocket = window.WebSocket;
  const onmessage = Object.getOwnPropertyDescriptor(RealSocket.prototype, 'onmessage');
  const isRoomMessage = (data) => {
    try {
      const m = JSON.parse(data);
      return m.type === 'publish' && String(m.topic).startsWith('kring-room-');
    } catch {
      return false;
    }
  };
  class ControlledSocket extends RealSocket {
    constructor(url, protocols) {
      const blocked = window.relayBlocked && String(url).includes('/relay');
      super(blocked ? 'ws://127.0.0.1:9/relay-blocked' : url, protocols);
    }
  }
  Object.defineProperty(ControlledSocket.prototype, 'onmessage', {
    get() { return onmessage.get.call(this); },
    set(handler) {
      onmessage.set.call(this, handler && ((event) => {
        const delay = window.roomSignalDelayMs;
        if (delay > 0 && isRoomMessage(event.data)) setTimeout(() => handler.call(this, event), delay);
        else handler.call(this, event);
      }));
    },
  });
  window.WebSocket = ControlledSocket;

  const RealPeer = window.RTCPeerConnection;
  function ControlledPeer(config, ...rest) {
    const policy = window.iceBlocked ? { iceTransportPolicy: 'relay', iceServers: [] } : {};
    const pc = new RealPeer({ ...(config || {}), ...policy }, ...rest);
    pc.addEventListener('datachannel', ({ channel }) => channels.push(channel));
    return pc;
  }
  ControlledPeer.prototype = RealPeer.prototype;
  Object.setPrototypeOf(ControlledPeer, RealPeer);
  window.RTCPeerConnection = ControlledPeer;
  const createDataChannel = RealPeer.prototype.createDataChannel;
  RealPeer.prototype.createDataChannel = function (...args) {
    const channel = createDataChannel.apply(this, args);
    channels.push(channel);
    return channel;
  };
  const setRemoteDescription = RealPeer.prototype.setRemoteDescription;
  RealPeer.prototype.setRemoteDescription = function (description, ...rest) {
    if (description && description.type === 'offer' && this.signalingState === 'have-local-offer')
      window.glareAnswers++;
    return setRemoteDescription.call(this, description, ...rest);
  };
  const channelOnmessage = Object.getOwnPropertyDescriptor(RTCDataChannel.prototype, 'onmessage');
  Object.defineProperty(RTCDataChannel.prototype, 'onmessage', {
    get() { return channelOnmessage.get.call(this); },
    set(handler) {
      channelOnmessage.set.call(this, handler && ((event) => {
        if (!window.deafChannels) handler.call(this, event);
      }));
    },
  });
`;

/** Sets one of NETWORK_CONTROL's switches in a device's page. */
export async function setNetwork(
  page: Page,
  switches: { roomSignalDelayMs?: number; iceBlocked?: boolean; deafChannels?: boolean },
): Promise<void> {
  await page.evaluate((s) => Object.assign(window, s), switches);
}

/** How many offers this device accepted while its own was out (glare resolved its way). */
export function glareAnswers(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { glareAnswers: number }).glareAnswers);
}

/**
 * Call inside a `test.describe`: its tests run against a kit server of their own on `port`,
 * started before each test and closed after it, so a test may stop and restart it.
 */
export function ownKitServer(port: number): { stop(): Promise<void>; restart(): Promise<void> } {
  let kit: KitServer | undefined;
  const start = async () => {
    kit = await startKitServer({ distDir: 'dist', port, host: '127.0.0.1', lan: () => [] });
  };
  test.use({ baseURL: `http://localhost:${port}` });
  test.beforeEach(start);
  test.afterEach(async () => kit?.close());
  return { stop: async () => kit?.close(), restart: start };
}
