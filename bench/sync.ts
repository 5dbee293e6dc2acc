/**
 * Sync benchmarks (issue 3), against the built app and a kit server on a free port:
 * 1. answer on a tablet → the facilitator's stored row (committed in its IndexedDB), p50/p95,
 *    with N tablets, each its own browser context, all answering at once;
 * 2. WebRTC messages per answer edit: Kring's star of private rooms, and the naive setup (one
 *    shared y-webrtc room for the facilitator and all tablets) with the same number of devices.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { CHROMIUM } from '../playwright.config';
import { startKitServer } from '../src/server/kit-server';
import { bundleFixture } from '../tests/e2e/fixtures/bundle';
import { countSends } from './fixtures/count-sends';

declare global {
  interface Window {
    Harness: typeof import('./fixtures/sync-harness');
    StockPeer: typeof import('../tests/e2e/fixtures/stock-ywebrtc-peer');
    peer: import('../tests/e2e/fixtures/stock-ywebrtc-peer').StockPeer;
    __sends: number;
  }
}

export interface SyncFigures {
  tablets: number;
  answers: number;
  p50: number;
  p95: number;
  max: number;
  starMessagesPerEdit: number;
  meshMessagesPerEdit: number;
}

const EDITS_PER_TABLET = 20;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function until(check: () => Promise<boolean>, what: string, ms = 120_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function devicePage(browser: Browser, origin: string, script: string): Promise<Page> {
  const context = await browser.newContext();
  await context.addInitScript(countSends);
  const page = await context.newPage();
  await page.goto(`${origin}/kit.json`);
  await page.addScriptTag({ content: script });
  return page;
}

const sends = async (pages: Page[]) =>
  (await Promise.all(pages.map((p) => p.evaluate(() => window.__sends)))).reduce((a, b) => a + b);
const resetSends = (pages: Page[]) =>
  Promise.all(pages.map((p) => p.evaluate(() => (window.__sends = 0))));

async function star(browser: Browser, origin: string, harness: string, n: number) {
  const definition = readFileSync('static/surveys/som-2022.json', 'utf8');
  const facilitator = await devicePage(browser, origin, harness);
  const { code, fp } = await facilitator.evaluate(
    (d) => window.Harness.startFacilitator(d),
    definition,
  );
  const tablets: Page[] = [];
  for (let i = 0; i < n; i++) {
    const tablet = await devicePage(browser, origin, harness);
    await tablet.evaluate(([c, f]) => window.Harness.startTablet(c!, f!), [code, fp]);
    tablets.push(tablet);
  }
  for (const tablet of tablets)
    await until(
      async () => (await tablet.evaluate(() => window.Harness.tabletPeers())) > 0,
      'WebRTC peers',
    );
  // Warm up (first answers set up the response on both sides), then measure.
  await Promise.all(tablets.map((t) => t.evaluate(() => window.Harness.answer(1000))));
  await new Promise((r) => setTimeout(r, 1500));
  const all = [facilitator, ...tablets];
  await resetSends(all);
  await facilitator.evaluate(() => window.Harness.takeLatencies());
  const before = await facilitator.evaluate(() => window.Harness.storedRows());
  await Promise.all(
    tablets.map((t) =>
      t.evaluate(async (edits) => {
        for (let e = 0; e < edits; e++) {
          await window.Harness.answer(e);
          await new Promise((r) => setTimeout(r, 100 + Math.random() * 200)); // a person's pace
        }
      }, EDITS_PER_TABLET),
    ),
  );
  const expected = before + n * EDITS_PER_TABLET;
  await until(
    async () => (await facilitator.evaluate(() => window.Harness.storedRows())) >= expected,
    'rows',
  );
  await new Promise((r) => setTimeout(r, 1500)); // let receipts and echoes land before counting
  const latencies = (await facilitator.evaluate(() => window.Harness.takeLatencies())).sort(
    (a, b) => a - b,
  );
  const messages = await sends(all);
  await Promise.all(all.map((p) => p.context().close()));
  return { latencies, messagesPerEdit: messages / (n * EDITS_PER_TABLET) };
}

async function mesh(browser: Browser, origin: string, stock: string, n: number) {
  const room = `bench-mesh-${Date.now()}`;
  const pages: Page[] = [];
  for (let i = 0; i <= n; i++) {
    const page = await devicePage(browser, origin, stock);
    await page.evaluate(
      ([r, url]) => (window.peer = window.StockPeer.startStockPeer(r!, url!)),
      [room, `${origin.replace('http', 'ws')}/signal`],
    );
    pages.push(page);
  }
  for (const page of pages)
    await until(
      async () =>
        (await page.evaluate(() => window.StockPeer.connections(window.peer).webrtc)) >= n,
      'a full mesh',
      300_000,
    );
  await new Promise((r) => setTimeout(r, 1500));
  await resetSends(pages);
  const [facilitator, ...tablets] = pages;
  await Promise.all(
    tablets.map((t, i) =>
      t.evaluate(
        async ([edits, id]) => {
          for (let e = 0; e < edits!; e++) {
            window.peer.doc.getMap('answers').set(`tablet${id}.q${e % 9}`, e);
            await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
          }
        },
        [EDITS_PER_TABLET, i],
      ),
    ),
  );
  await until(
    async () =>
      (await facilitator!.evaluate(() => window.peer.doc.getMap('answers').size)) >= n * 9,
    'the mesh to converge',
  );
  await new Promise((r) => setTimeout(r, 2000));
  const messages = await sends(pages);
  await Promise.all(pages.map((p) => p.context().close()));
  return messages / (n * EDITS_PER_TABLET);
}

export async function benchSync(counts: number[] = [10, 20]): Promise<SyncFigures[]> {
  const kit = await startKitServer({ distDir: 'dist', port: 0, host: '127.0.0.1', lan: () => [] });
  const origin = `http://localhost:${kit.port}`;
  const harness = await bundleFixture('bench/fixtures/sync-harness.ts', 'Harness');
  const stock = await bundleFixture('tests/e2e/fixtures/stock-ywebrtc-peer.ts', 'StockPeer', {
    stock: true,
  });
  const browser = await chromium.launch(CHROMIUM);
  const figures: SyncFigures[] = [];
  try {
    for (const n of counts) {
      const s = await star(browser, origin, harness, n);
      const meshMessages = await mesh(browser, origin, stock, n);
      figures.push({
        tablets: n,
        answers: s.latencies.length,
        p50: percentile(s.latencies, 50),
        p95: percentile(s.latencies, 95),
        max: s.latencies.at(-1)!,
        starMessagesPerEdit: s.messagesPerEdit,
        meshMessagesPerEdit: meshMessages,
      });
    }
  } finally {
    await browser.close();
    await kit.close();
  }
  return figures;
}
