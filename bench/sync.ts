/**
 * Sync benchmarks (issues 3 and 12), against the built app and a kit server on a free port:
 * 1. answer on a tablet → the facilitator's stored row (committed in its IndexedDB), p50/p95,
 *    with N tablets, each its own browser context, all answering at once: once over WebRTC, and
 *    once with tablets that have no WebRTC, so that every room goes through the relay;
 * 2. messages per answer edit: Kring's star of private rooms over WebRTC and over the relay, and
 *    the naive setup (one shared y-webrtc room for the facilitator and all tablets) with the same
 *    number of devices.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHROMIUM } from '../playwright.config';
import { spawn, type ChildProcess } from 'node:child_process';
import { bundleFixture } from '../tests/e2e/fixtures/bundle';
import { NO_WEBRTC } from '../tests/e2e/session-helpers';
import { countSends } from './fixtures/count-sends';

declare global {
  interface Window {
    Harness: typeof import('./fixtures/sync-harness');
    StockPeer: typeof import('../tests/e2e/fixtures/stock-ywebrtc-peer');
    peer: import('../tests/e2e/fixtures/stock-ywebrtc-peer').StockPeer;
    __sends: number;
    __heartbeats: number;
    __relaySends: number;
  }
}

/** The star's figures over one path. */
export interface StarFigures {
  answers: number;
  p50: number;
  p95: number;
  max: number;
  /** Messages per edit on the path the rooms used. */
  messagesPerEdit: number;
  /** Messages per edit on the other path (the relay in a WebRTC run): should be none. */
  otherPathPerEdit: number;
  /** WebRTC heartbeats (sync step 1 and its answer, both sides), per room and minute. */
  heartbeatsPerRoomMinute: number;
}

export interface SyncFigures {
  tablets: number;
  webrtc: StarFigures;
  relay: StarFigures;
  meshMessagesPerEdit: number;
}

const EDITS_PER_TABLET = 20;

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function until(check: () => Promise<boolean>, what: string, ms = 120_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function devicePage(
  browser: Browser,
  origin: string,
  script: string,
  withoutWebrtc = false,
): Promise<Page> {
  const context = await browser.newContext();
  await context.addInitScript(countSends);
  if (withoutWebrtc) await context.addInitScript(NO_WEBRTC);
  const page = await context.newPage();
  await page.goto(`${origin}/kit.json`);
  await page.addScriptTag({ content: script });
  return page;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const sends = async (pages: Page[]) =>
  sum(await Promise.all(pages.map((p) => p.evaluate(() => window.__sends))));
const relaySends = async (pages: Page[]) =>
  sum(await Promise.all(pages.map((p) => p.evaluate(() => window.__relaySends))));
const heartbeats = async (pages: Page[]) =>
  sum(await Promise.all(pages.map((p) => p.evaluate(() => window.__heartbeats ?? 0))));
const resetSends = (pages: Page[]) =>
  Promise.all(
    pages.map((p) =>
      p.evaluate(() => (window.__sends = window.__relaySends = window.__heartbeats = 0)),
    ),
  );

type Path = 'webrtc' | 'relay';

/** The devices: the laptop's browser, and the tablets' (each tablet its own context there). */
interface Rig {
  laptop: Browser;
  tablets: Browser;
}

async function star(
  rig: Rig,
  origin: string,
  harness: string,
  n: number,
  path: Path,
): Promise<StarFigures> {
  const definition = readFileSync('static/surveys/som-2022.json', 'utf8');
  const facilitator = await devicePage(rig.laptop, origin, harness);
  const { code, fp } = await facilitator.evaluate(
    (d) => window.Harness.startFacilitator(d),
    definition,
  );
  const tablets: Page[] = [];
  for (let i = 0; i < n; i++) {
    const tablet = await devicePage(rig.tablets, origin, harness, path === 'relay');
    await tablet.evaluate(([c, f]) => window.Harness.startTablet(c!, f!), [code, fp]);
    tablets.push(tablet);
  }
  for (const tablet of tablets)
    await until(
      async () => (await tablet.evaluate(() => window.Harness.tabletPath())) === path,
      `every tablet on ${path}`,
    );
  // Warm up (first answers set up the response on both sides), then measure.
  await Promise.all(tablets.map((t) => t.evaluate(() => window.Harness.answer(1000))));
  await new Promise((r) => setTimeout(r, 1500));
  const all = [facilitator, ...tablets];
  await resetSends(all);
  const startedAt = Date.now();
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
  const [webrtcMessages, relayMessages] = [await sends(all), await relaySends(all)];
  const minutes = (Date.now() - startedAt) / 60_000;
  const beats = await heartbeats(all);
  await Promise.all(all.map((p) => p.context().close()));
  const edits = n * EDITS_PER_TABLET;
  const [used, other] =
    path === 'webrtc' ? [webrtcMessages, relayMessages] : [relayMessages, webrtcMessages];
  return {
    answers: latencies.length,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    max: latencies.at(-1)!,
    messagesPerEdit: used / edits,
    otherPathPerEdit: other / edits,
    heartbeatsPerRoomMinute: beats / n / minutes,
  };
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

/**
 * The kit server as on a laptop: its own Node process (`npm start` without the build), so that
 * the benchmark's own work does not delay what it forwards.
 */
export async function startKitProcess(): Promise<{ origin: string; stop: () => void }> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/server/main.ts', '--port', '0', '--host', '127.0.0.1'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const origin = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (data: Buffer) => {
      out += data.toString();
      const found = /http:\/\/localhost:(\d+)\/facilitator/.exec(out);
      if (found) resolve(`http://localhost:${found[1]}`);
    });
    child.once('exit', (code) => reject(new Error(`bench: the kit server exited (${code})`)));
  });
  return { origin, stop: () => child.kill('SIGTERM') };
}

/**
 * The laptop and the tablets are different machines; here they share two cores. So the tablets
 * run in a browser of their own (its storage and network work does not serve the laptop's page)
 * at a lower CPU priority (nice 10): their load does not take the laptop's time, as in a
 * classroom, where each tablet has its own processor. The laptop's browser and the kit server
 * run at normal priority. Both paths, WebRTC and the relay, are measured on the same rig.
 */
function niceChromium(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'kring-bench-')), 'chromium');
  writeFileSync(path, `#!/bin/sh\nexec nice -n 10 ${CHROMIUM.executablePath} "$@"\n`);
  chmodSync(path, 0o755);
  return path;
}

export async function benchSync(counts: number[] = [10, 20]): Promise<SyncFigures[]> {
  const kit = await startKitProcess();
  const { origin } = kit;
  const harness = await bundleFixture('bench/fixtures/sync-harness.ts', 'Harness');
  const stock = await bundleFixture('tests/e2e/fixtures/stock-ywebrtc-peer.ts', 'StockPeer', {
    stock: true,
  });
  const rig: Rig = {
    laptop: await chromium.launch(CHROMIUM),
    tablets: await chromium.launch({ ...CHROMIUM, executablePath: niceChromium() }),
  };
  const figures: SyncFigures[] = [];
  try {
    for (const n of counts) {
      console.error(`bench: ${n} tablets over WebRTC`);
      const webrtc = await star(rig, origin, harness, n, 'webrtc');
      console.error(`bench: ${n} tablets over the relay`);
      const relay = await star(rig, origin, harness, n, 'relay');
      console.error(`bench: one shared room of ${n + 1}`);
      const meshMessagesPerEdit = await mesh(rig.tablets, origin, stock, n);
      figures.push({ tablets: n, webrtc, relay, meshMessagesPerEdit });
    }
  } finally {
    await rig.laptop.close();
    await rig.tablets.close();
    kit.stop();
  }
  return figures;
}
