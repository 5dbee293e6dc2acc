/**
 * Participant benchmarks (issue 2), run by `npm run bench` against the built app:
 * 1. the participant route's JS + CSS, gzipped, as a tablet loads it up to the first question;
 * 2. answer → committed IndexedDB write → "saved" shown, p50/p95 over 200 answers.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page } from '@playwright/test';
import { CHROMIUM } from '../playwright.config';
import { startKitServer } from '../src/server/kit-server';
import { NO_WEBRTC, startSessionIn } from '../tests/e2e/session-helpers';

export interface ParticipantFigures {
  files: { file: string; gzipBytes: number }[];
  totalGzipBytes: number;
  serviceWorkerGzipBytes: number;
  chartJsIncluded: boolean;
  saveLatencyMs: { n: number; p50: number; p95: number; max: number };
  /** The session route (`/join`) up to the join screen, gzipped: the code loaded up front. */
  joinRouteGzipBytes: number;
  /**
   * Everything a tablet loaded once it joined a real session and the survey arrived: with
   * WebRTC (whose code comes with the room), and without (its room goes through the relay).
   */
  joinedGzipBytes: { webrtc: number; relay: number };
  /** The files only a tablet with WebRTC loads, after joining. */
  webrtcOnlyFiles: { file: string; gzipBytes: number }[];
}

const DIST = 'dist';

function gzipSize(path: string): number {
  const file = join(DIST, path);
  return existsSync(`${file}.gz`)
    ? readFileSync(`${file}.gz`).length
    : gzipSync(readFileSync(file), { level: 9 }).length;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The JS and CSS files (dist-relative) the page loads from now on. */
function recordLoadedFiles(page: Page): Set<string> {
  const files = new Set<string>();
  page.on('response', (r) => {
    const path = new URL(r.url()).pathname;
    if (/\.(js|css)$/.test(path)) files.add(path.slice(1));
  });
  return files;
}

/** The JS and CSS a tablet loads from opening the join link until the survey has arrived. */
async function joinedFiles(
  browser: Browser,
  origin: string,
  joinPath: string,
  init: string,
): Promise<Set<string>> {
  const context = await browser.newContext({ locale: 'nl-BE' });
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  const files = recordLoadedFiles(page);
  await page.goto(`${origin}${joinPath}`);
  await page.getByRole('button', { name: 'Beginnen' }).waitFor({ timeout: 30_000 });
  await page.waitForTimeout(1000); // WebRTC's code loads with the room, around the same time
  await context.close();
  return files;
}

export async function benchParticipant(): Promise<ParticipantFigures> {
  const kit = await startKitServer({ distDir: DIST, port: 0, host: '127.0.0.1', lan: () => [] });
  const browser = await chromium.launch(CHROMIUM);
  try {
    const context = await browser.newContext({
      locale: 'nl-BE',
      viewport: { width: 820, height: 1180 },
    });
    const page = await context.newPage();
    const loaded = recordLoadedFiles(page);
    const origin = `http://localhost:${kit.port}`;
    await page.goto(`${origin}/`);
    await page.getByRole('button', { name: 'Beginnen' }).click();
    await page.getByRole('button', { name: /Ik ga akkoord/ }).click();
    await page.locator('fieldset[data-key="profiel.role"] input[value="leerkracht"]').check();
    await page.locator('input[name="profiel.school"]').fill('Bench');
    await page.locator('fieldset[data-key="onderwijsniveau"] input[value="basis"]').check();

    const isServiceWorker = (f: string) => /workbox|pwa-register|sw\.js/.test(f);
    const files = [...loaded].sort().map((file) => ({ file, gzipBytes: gzipSize(file) }));
    const app = files.filter((f) => !isServiceWorker(f.file));
    const chartJsIncluded = files.some((f) =>
      /Chart\.js v\d|chartjs/i.test(readFileSync(join(DIST, f.file), 'utf8')),
    );

    // To the Likert page: 9 statements × 5 options give 200 distinct changes in turn.
    for (let n = 0; n < 2; n++) await page.getByRole('button', { name: /Volgende/ }).click();
    const latencies = await page.evaluate(async (count) => {
      const groups = [
        ...document.querySelectorAll<HTMLFieldSetElement>(
          'fieldset[data-key^="welbevinden_stellingen."]',
        ),
      ];
      const status = document.querySelector('[data-item="welbevinden_stellingen"] [data-save]')!;
      const times: number[] = [];
      for (let n = 0; n < count; n++) {
        const group = groups[n % groups.length]!;
        const inputs = [...group.querySelectorAll<HTMLInputElement>('input')];
        const next = inputs[(Math.floor(n / groups.length) + 1) % inputs.length]!;
        const saved = new Promise<void>((resolve) => {
          const observer = new MutationObserver(() => {
            if (status.getAttribute('data-save') === 'saved') {
              observer.disconnect();
              resolve();
            }
          });
          observer.observe(status, { attributes: true, attributeFilter: ['data-save'] });
        });
        const start = performance.now();
        next.click();
        await saved;
        times.push(performance.now() - start);
      }
      return times;
    }, 200);
    const sorted = [...latencies].sort((a, b) => a - b);

    // The session route: the code up front, to the join screen.
    const joinPage = await context.newPage();
    const joinFiles = recordLoadedFiles(joinPage);
    await joinPage.goto(`${origin}/join?code=ABCD2345`);
    await joinPage.getByText(/Op zoek naar de begeleider/).waitFor();
    const chartInJoin = [...joinFiles].some((f) =>
      /Chart\.js v\d|chartjs/i.test(readFileSync(join(DIST, f), 'utf8')),
    );
    const sizeOf = (loaded: Iterable<string>) =>
      [...loaded].filter((f) => !isServiceWorker(f)).reduce((n, f) => n + gzipSize(f), 0);
    const joinRouteGzipBytes = sizeOf(joinFiles);
    // `KRING_LIST_FILES=1`: what `/join` loads, file by file (to find what to trim).
    if (process.env.KRING_LIST_FILES) for (const f of joinFiles) console.error(f, gzipSize(f));

    // And everything, once a tablet joined a real session: with WebRTC, and without.
    const laptop = await browser.newContext({ baseURL: origin, locale: 'nl-BE' });
    const { joinPath } = await startSessionIn(laptop, { school: 'Bench' });
    const withWebrtc = await joinedFiles(browser, origin, joinPath, '');
    const withRelay = await joinedFiles(browser, origin, joinPath, NO_WEBRTC);
    return {
      files,
      totalGzipBytes: app.reduce((n, f) => n + f.gzipBytes, 0),
      serviceWorkerGzipBytes: files
        .filter((f) => isServiceWorker(f.file))
        .reduce((n, f) => n + f.gzipBytes, 0),
      chartJsIncluded: chartJsIncluded || chartInJoin,
      joinRouteGzipBytes,
      joinedGzipBytes: { webrtc: sizeOf(withWebrtc), relay: sizeOf(withRelay) },
      webrtcOnlyFiles: [...withWebrtc]
        .filter((f) => !withRelay.has(f))
        .map((file) => ({ file, gzipBytes: gzipSize(file) })),
      saveLatencyMs: {
        n: sorted.length,
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        max: sorted.at(-1)!,
      },
    };
  } finally {
    await browser.close();
    await kit.close();
  }
}
