import { expect, test, type Browser, type Page } from '@playwright/test';
import { E2E_PORT } from '../../playwright.config';
import { bundleFixture } from './fixtures/bundle';

declare global {
  interface Window {
    StockPeer: typeof import('./fixtures/stock-ywebrtc-peer');
    peer: import('./fixtures/stock-ywebrtc-peer').StockPeer;
  }
}

let bundle = '';

test.beforeAll(async () => {
  bundle = await bundleFixture('tests/e2e/fixtures/stock-ywebrtc-peer.ts', 'StockPeer');
});

/** One device: its own browser context (pages in one context would talk over BroadcastChannel). */
async function device(browser: Browser, room: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/kit.json'); // any page of the kit's origin, which /signal accepts
  await page.addScriptTag({ content: bundle });
  await page.evaluate(
    ([r, url]) => {
      window.peer = window.StockPeer.startStockPeer(r!, url!);
    },
    [room, `ws://localhost:${E2E_PORT}/signal`],
  );
  return page;
}

const connections = (page: Page) => page.evaluate(() => window.StockPeer.connections(window.peer));

test('two stock y-webrtc clients find each other through /signal and sync a Y.Doc over WebRTC', async ({
  browser,
}) => {
  const room = `compat-${Date.now()}`;
  const [a, b] = [await device(browser, room), await device(browser, room)];
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
  await a.context().close();
  await b.context().close();
});
