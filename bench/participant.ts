/**
 * Participant benchmarks (issue 2), run by `npm run bench` against the built app:
 * 1. the participant route's JS + CSS, gzipped, as a tablet loads it up to the first question;
 * 2. answer → committed IndexedDB write → "saved" shown, p50/p95 over 200 answers.
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { CHROMIUM } from '../playwright.config';
import { startKitServer } from '../src/server/kit-server';

export interface ParticipantFigures {
  files: { file: string; gzipBytes: number }[];
  totalGzipBytes: number;
  serviceWorkerGzipBytes: number;
  chartJsIncluded: boolean;
  saveLatencyMs: { n: number; p50: number; p95: number; max: number };
  /** The session route (`/join`): everything a tablet loads to join and answer, gzipped. */
  joinRouteGzipBytes: number;
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

export async function benchParticipant(): Promise<ParticipantFigures> {
  const kit = await startKitServer({ distDir: DIST, port: 0, host: '127.0.0.1', lan: () => [] });
  const browser = await chromium.launch(CHROMIUM);
  try {
    const context = await browser.newContext({
      locale: 'nl-BE',
      viewport: { width: 820, height: 1180 },
    });
    const page = await context.newPage();
    const loaded = new Set<string>();
    page.on('response', (r) => {
      const path = new URL(r.url()).pathname;
      if (/\.(js|css)$/.test(path)) loaded.add(path.slice(1));
    });
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

    // The session route loads all its code up front (no lazy chunk after joining).
    const joinPage = await context.newPage();
    const joinFiles = new Set<string>();
    joinPage.on('response', (r) => {
      const path = new URL(r.url()).pathname;
      if (/\.(js|css)$/.test(path)) joinFiles.add(path.slice(1));
    });
    await joinPage.goto(`${origin}/join?code=ABCD2345`);
    await joinPage.getByText(/Op zoek naar de begeleider/).waitFor();
    const chartInJoin = [...joinFiles].some((f) =>
      /Chart\.js v\d|chartjs/i.test(readFileSync(join(DIST, f), 'utf8')),
    );
    const joinRouteGzipBytes = [...joinFiles]
      .filter((f) => !isServiceWorker(f))
      .reduce((n, f) => n + gzipSize(f), 0);
    return {
      files,
      totalGzipBytes: app.reduce((n, f) => n + f.gzipBytes, 0),
      serviceWorkerGzipBytes: files
        .filter((f) => isServiceWorker(f.file))
        .reduce((n, f) => n + f.gzipBytes, 0),
      chartJsIncluded: chartJsIncluded || chartInJoin,
      joinRouteGzipBytes,
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
