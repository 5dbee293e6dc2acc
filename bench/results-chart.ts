/**
 * One incoming answer → the updated chart, in a browser (headless Chromium): with 10,000
 * responses counted, each of 300 changed responses is counted, its item's result and chart
 * spec made, and a Chart.js chart updated in place and drawn (no animation). p50/p95.
 */
import { chromium } from '@playwright/test';
import { CHROMIUM } from '../playwright.config';
import { bundleFixture } from '../tests/e2e/fixtures/bundle';
import { studyData } from './results';

declare global {
  interface Window {
    ChartHarness: typeof import('./fixtures/chart-harness');
  }
}

export async function benchChartUpdate(
  count = 10_000,
): Promise<{ n: number; p50: number; p95: number; max: number }> {
  const harness = await bundleFixture('bench/fixtures/chart-harness.ts', 'ChartHarness');
  const { definition, data, changes } = studyData(count);
  const browser = await chromium.launch(CHROMIUM);
  try {
    const page = await browser.newPage();
    await page.setContent('<!doctype html><html><body></body></html>');
    await page.addScriptTag({ content: harness });
    const times = await page.evaluate(([d, r, c]) => window.ChartHarness.run(d, r, c), [
      definition,
      data,
      changes.slice(0, 300),
    ] as const);
    const sorted = times.slice(20).sort((a, b) => a - b); // the first ones warm the JIT up
    const at = (p: number) =>
      sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
    return { n: sorted.length, p50: at(50), p95: at(95), max: sorted.at(-1)! };
  } finally {
    await browser.close();
  }
}
