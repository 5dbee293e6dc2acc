import { expect, test, type Browser, type Page } from '@playwright/test';
import { E2E_PORT } from '../../playwright.config';
import { bundleFixture } from './fixtures/bundle';

declare global {
  interface Window {
    StockPeer: typeof import('./fixtures/stock-ywebrtc-peer');
    peer: import('./fixtures/stock-ywebrtc-peer').StockPeer;
  }
}

/** y-webrtc as published (with simple-peer), and y-webrtc as Kring builds it (slim-peer.ts). */
const bundles = { stock: '', kring: '' };

test.beforeAll(async () => {
  const entry = 'tests/e2e/fixtures/stock-ywebrtc-peer.ts';
  bundles.stock = await bundleFixture(entry, 'StockPeer', { stock: true });
  bundles.kring = await bundleFixture(entry, 'StockPeer');
});

/** One device: its own browser context (pages in one context would talk over BroadcastChannel). */
async function device(browser: Browser, room: string, build: keyof typeof bundles): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/kit.json'); // any page of the kit's origin, which /signal accepts
  await page.addScriptTag({ content: bundles[build] });
  await page.evaluate(
    ([r, url]) => {
      window.peer = window.StockPeer.startStockPeer(r!, url!);
    },
    [room, `ws://localhost:${E2E_PORT}/signal`],
  );
  // Announced before the next device starts: two devices that announce at once would both offer
  // (glare), which stock simple-peer does not resolve (Kring's peer does: session-glare.spec.ts).
  await expect
    .poll(() => page.evaluate(() => window.StockPeer.signalingConnected(window.peer)))
    .toBe(true);
  return page;
}

const connections = (page: Page) => page.evaluate(() => window.StockPeer.connections(window.peer));

async function expectSync(a: Page, b: Page): Promise<void> {
  await expect.poll(() => connections(a), { timeout: 20_000 }).toEqual({ webrtc: 1, broadcast: 0 });
  await expect.poll(() => connections(b)).toEqual({ webrtc: 1, broadcast: 0 });
  await a.evaluate(() => window.peer.doc.getMap('answers').set('prioriteiten.welbevinden', 1));
  await b.evaluate(() => window.peer.doc.getMap('answers').set('profiel.role', 'leerkracht'));
  const expected = { 'prioriteiten.welbevinden': 1, 'profiel.role': 'leerkracht' };
  await expect
    .poll(() => a.evaluate(() => window.peer.doc.getMap('answers').toJSON()))
    .toEqual(expected);
  await expect
    .poll(() => b.evaluate(() => window.peer.doc.getMap('answers').toJSON()))
    .toEqual(expected);
}

test('two stock y-webrtc clients find each other through /signal and sync a Y.Doc over WebRTC', async ({
  browser,
}) => {
  const room = `compat-${Date.now()}`;
  const [a, b] = [await device(browser, room, 'stock'), await device(browser, room, 'stock')];
  await expectSync(a, b);
  await a.context().close();
  await b.context().close();
});

// The first device in the room answers the second one's announcement, so it makes the offer:
// both orders run, so that Kring's peer is tested as the offering and as the answering side.
for (const [first, second] of [
  ['kring', 'stock'],
  ['stock', 'kring'],
] as const) {
  test(`Kring's WebRTC peer and stock simple-peer connect and sync (${first} offers)`, async ({
    browser,
  }) => {
    const room = `compat-${first}-${Date.now()}`;
    const a = await device(browser, room, first);
    await expect.poll(() => connections(a)).toEqual({ webrtc: 0, broadcast: 0 });
    const b = await device(browser, room, second);
    await expectSync(a, b);
    // A long message from Kring's side (40 KB, under the 64 KiB above which Kring frames).
    const kring = first === 'kring' ? a : b;
    const stock = first === 'kring' ? b : a;
    await kring.evaluate(() => window.peer.doc.getText('open').insert(0, 'x'.repeat(40_000)));
    await expect
      .poll(() => stock.evaluate(() => window.peer.doc.getText('open').length))
      .toBe(40_000);
    await a.context().close();
    await b.context().close();
  });
}
