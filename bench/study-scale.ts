/**
 * Issue 23: a study that grows, as a researcher's laptop sees it. A bundle of N valid responses
 * to the bundled study in S sessions is imported through the kit page's file input in Chromium;
 * then the study view is opened (first paint of the total), and a filter is changed. Each step
 * is profiled (Chromium's CPU profiler over CDP) and its self time summed per function, so the
 * breakdown says where the time goes. The pure aggregation of the same responses, in Node, is
 * the yardstick: each figure is also given as a ratio to it.
 *
 * `KRING_PROFILE_OUT=<dir>` also writes each step's CPU profile there (`<step>.cpuprofile`, for
 * DevTools' Performance panel).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { CDPSession, Page } from '@playwright/test';
import { launchMeasuredChromium, samplePss } from './fixtures/process-memory';
import { deviceResponseKey } from '../src/domain/response';
import { ResultsAggregator } from '../src/domain/results/aggregator';
import { respondentOf } from '../src/domain/results/respondent';
import { itemsOf } from '../src/domain/survey-schema';
import { startKitServer } from '../src/server/kit-server';
import { studyBundle } from '../tests/fixtures/study-bundle';
import { parsedSurvey, studyJson } from '../tests/fixtures/surveys';

export interface ProfileLine {
  name: string;
  where: string;
  selfMs: number;
}

export interface StepFigure {
  ms: number;
  /** The longest main-thread task while it ran (the page's responsiveness). */
  longestTaskMs: number;
  /** The main thread's time spent running (all profile samples but idle). */
  busyMs: number;
  top: ProfileLine[];
}

export interface StudyScaleFigures {
  responses: number;
  sessions: number;
  bundleBytes: number;
  /** The open answers in it: what the coding view lists. */
  openAnswers: number;
  aggregationMs: number;
  import: StepFigure;
  studyFirst: StepFigure;
  studyAgain: StepFigure;
  /** The study view again, to its open answers shown (read after the counts and charts). */
  studyOpen: StepFigure;
  filter: StepFigure;
  kitPage: StepFigure;
  coding: StepFigure;
  report: StepFigure;
  /** The import's parts as its worker timed them (the page's `kring import: …` measures). */
  importPhases: { phase: string; ms: number }[];
  /** The browser's memory (PSS of all its processes) before the import and at its peak. */
  importMemory: { firstMB: number; peakMB: number };
}

/** The pure aggregation of the same responses (count + every item), median of 5. */
function aggregation(bundle: ReturnType<typeof studyBundle>): number {
  const survey = parsedSurvey(studyJson());
  const runs: number[] = [];
  for (let r = 0; r < 5; r++) {
    const start = performance.now();
    const respondents = bundle.responses.map(({ deviceId, response }, i) => ({
      ...respondentOf(survey, response, bundle.sessions[i % bundle.sessions.length]!.school),
      id: `${deviceId}/${response.id}`,
    }));
    ResultsAggregator.of(survey, respondents).results({});
    runs.push(performance.now() - start);
  }
  return runs.sort((a, b) => a - b)[2]!;
}

/** How many open answers the bundle's responses hold. */
function openAnswersIn(bundle: ReturnType<typeof studyBundle>): number {
  const survey = parsedSurvey(studyJson());
  const open = new Set(itemsOf(survey).flatMap((i) => (i.type === 'open-text' ? [i.id] : [])));
  return bundle.responses.reduce(
    (n, { response }) => n + Object.keys(response.answers).filter((k) => open.has(k)).length,
    0,
  );
}

export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
  }[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time per function, the `n` largest. */
export function topSelf(profile: CpuProfile, n = 8): ProfileLine[] {
  const byNode = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const self = new Map<string, ProfileLine>();
  profile.samples.forEach((id, i) => {
    const frame = byNode.get(id)!;
    const where = frame.url ? `${frame.url.split('/').pop()}:${frame.lineNumber + 1}` : '';
    const name = frame.functionName || '(anonymous)';
    const key = `${name}@${where}`;
    const line = self.get(key) ?? { name, where, selfMs: 0 };
    line.selfMs += (profile.timeDeltas[i] ?? 0) / 1000;
    self.set(key, line);
  });
  return [...self.values()]
    .filter((l) => l.name !== '(idle)' && l.name !== '(program)')
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, n);
}

/** Runs `step` with the profiler on; its time, its longest task and the profile's top. */
async function profiled(
  name: string,
  page: Page,
  cdp: CDPSession,
  step: () => Promise<void>,
): Promise<StepFigure> {
  await page.evaluate(() => ((window as unknown as { longest: number }).longest = 0));
  await cdp.send('Profiler.start');
  const start = performance.now();
  await step();
  const ms = performance.now() - start;
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  const out = process.env.KRING_PROFILE_OUT;
  if (out) writeFileSync(join(out, `${name}.cpuprofile`), JSON.stringify(profile));
  const longestTaskMs = await page
    .evaluate(() => (window as unknown as { longest: number }).longest)
    .catch(() => 0);
  const byNode = new Map(profile.nodes.map((node) => [node.id, node.callFrame.functionName]));
  const busyMs =
    profile.samples.reduce(
      (sum, id, i) => (byNode.get(id) === '(idle)' ? sum : sum + (profile.timeDeltas[i] ?? 0)),
      0,
    ) / 1000;
  return { ms, longestTaskMs, busyMs, top: topSelf(profile) };
}

export async function benchStudyScale(
  responses = 10_000,
  sessions = 200,
): Promise<StudyScaleFigures> {
  const bundle = studyBundle(responses, sessions);
  // In the order Kring's export writes them (state/study/bundles.ts): by device and response.
  const keyOf = (r: (typeof bundle.responses)[number]) =>
    deviceResponseKey(r.deviceId, r.response.id);
  bundle.responses.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  const dir = mkdtempSync(join(tmpdir(), 'kring-study-'));
  const file = join(dir, `studie-${responses}.json`);
  const text = JSON.stringify(bundle);
  writeFileSync(file, text);
  const aggregationMs = aggregation(bundle);

  const kit = await startKitServer({ distDir: 'dist', port: 0, host: '127.0.0.1', lan: () => [] });
  const { browser, pid } = await launchMeasuredChromium();
  try {
    const context = await browser.newContext({
      baseURL: `http://127.0.0.1:${kit.port}`,
      locale: 'nl-BE',
      viewport: { width: 1280, height: 900 },
    });
    // The longest main-thread task, watched from each page's start (reset by each step).
    await context.addInitScript(() => {
      const w = window as unknown as { longest: number };
      w.longest = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.longest = Math.max(w.longest, entry.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    // `KRING_IMPORT_IN_PAGE=1`: no Worker, so that the page's profile shows the import's own work.
    if (process.env.KRING_IMPORT_IN_PAGE)
      await context.addInitScript(() => Reflect.deleteProperty(window, 'Worker'));
    const page = await context.newPage();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await page.goto('/facilitator');
    const input = page.getByLabel(/Bundelbestanden importeren/);
    await input.waitFor({ state: 'attached' });

    const memory = samplePss(pid);
    const importStep = await profiled('import', page, cdp, async () => {
      await input.setInputFiles(file);
      await page
        .getByTestId('import-outcome')
        .getByText(/nieuwe sessie/)
        .waitFor({ timeout: 600_000 });
    });
    const importMemory = memory();

    const importPhases = await page.evaluate(() =>
      performance
        .getEntriesByType('measure')
        .filter((m) => m.name.startsWith('kring import: '))
        .map((m) => ({ phase: m.name.slice('kring import: '.length), ms: m.duration })),
    );

    const total = page.getByTestId('results-total');
    const totalText = new RegExp(
      `^${responses.toLocaleString('nl-BE').replace('.', '\\.?')} respondenten$`,
    );
    const openStudy = async () => {
      await page.goto('/facilitator?study');
      await total.filter({ hasText: totalText }).waitFor({ timeout: 600_000 });
    };
    const studyFirst = await profiled('study-first', page, cdp, openStudy);
    const studyAgain = await profiled('study-again', page, cdp, openStudy);
    // The open answers are read after the counts: the filter below changes a settled page.
    const studyOpen = await profiled('study-open', page, cdp, async () => {
      await openStudy();
      await page.getByTestId('open-loading').first().waitFor({ state: 'detached' });
      await page.locator('article[data-item] .answers li').first().waitFor();
    });

    const filter = await profiled('filter', page, cdp, async () => {
      const before = await total.textContent();
      await page.getByLabel(/Rol/).first().selectOption({ index: 1 });
      await total.filter({ hasNotText: before ?? '' }).waitFor({ timeout: 600_000 });
    });

    const kitPage = await profiled('kit-page', page, cdp, async () => {
      await page.goto('/facilitator');
      // Its first screen: the newest sessions, a page of them, with the rest on request.
      await page
        .getByTestId('sessions')
        .getByRole('link')
        .nth(Math.min(sessions, 50) - 1)
        .waitFor();
      if (sessions > 50) await page.getByTestId('show-more').first().waitFor();
    });
    const coding = await profiled('coding', page, cdp, async () => {
      await page.goto('/facilitator?coding');
      await page.locator('article[data-source]').first().waitFor({ timeout: 600_000 });
    });

    const ids = bundle.sessions.map((s) => s.id).join(',');
    const report = await profiled('report', page, cdp, async () => {
      await page.goto(`/facilitator?report=${ids}`);
      await page.getByTestId('report-figure').first().waitFor({ timeout: 600_000 });
    });
    return {
      coding,
      report,
      responses,
      sessions,
      bundleBytes: Buffer.byteLength(text),
      openAnswers: openAnswersIn(bundle),
      aggregationMs,
      import: importStep,
      importPhases,
      importMemory,
      studyFirst,
      studyAgain,
      studyOpen,
      filter,
      kitPage,
    };
  } finally {
    await browser.close();
    await kit.close();
  }
}

/** The figures as Markdown for docs/BENCHMARKS.md. */
export function studyScaleMarkdown(f: StudyScaleFigures): string {
  const ms = (v: number) => `${Math.round(v)} ms`;
  const ratio = (v: number) => `${(v / f.aggregationMs).toFixed(0)}×`;
  const rows: [string, StepFigure, string][] = [
    ['import of the bundle, to "imported"', f.import, '< 5 s, no task > 200 ms'],
    ['study view, first paint of the total (first visit)', f.studyFirst, '< 2 s'],
    ['same, second visit', f.studyAgain, '< 2 s'],
    ['same, its open answers shown (third visit)', f.studyOpen, ''],
    ['a filter change (role)', f.filter, '< 200 ms'],
    [`kit page with ${f.sessions} sessions`, f.kitPage, '< 500 ms'],
    ['coding view, first source shown', f.coding, '< 1 s'],
    ['report of every session, first figure', f.report, ''],
  ];
  const lines = [
    `${f.responses.toLocaleString('en')} responses in ${f.sessions} sessions, bundle ${(f.bundleBytes / 1e6).toFixed(1)} MB, ${f.openAnswers.toLocaleString('en')} open answers; pure aggregation of the same responses in Node: ${f.aggregationMs.toFixed(1)} ms (median of 5).`,
    '',
    '| step | time | ratio to the aggregation | main thread busy | longest task | goal |',
    '| --- | ---: | ---: | ---: | ---: | --- |',
    ...rows.map(
      ([name, s, goal]) =>
        `| ${name} | ${ms(s.ms)} | ${ratio(s.ms)} | ${ms(s.busyMs)} | ${ms(s.longestTaskMs)} | ${goal} |`,
    ),
    '',
    `The import's parts, timed in its worker: ${f.importPhases.map((p) => `${p.phase} ${ms(p.ms)}`).join(', ')}. The browser's memory (PSS, all its processes): ${Math.round(f.importMemory.firstMB)} MB before the import, ${Math.round(f.importMemory.peakMB)} MB at its peak.`,
    '',
    'Where the time goes (self time per function, Chromium CPU profile):',
  ];
  for (const [name, s] of rows) {
    lines.push('', `- ${name}:`);
    for (const t of s.top.slice(0, 6)) lines.push(`  - ${ms(t.selfMs)} \`${t.name}\` ${t.where}`);
  }
  return lines.join('\n');
}

if (process.argv[1]?.endsWith('study-scale.ts')) {
  const responses = Number(process.argv[2] ?? 10_000);
  const sessions = Number(process.argv[3] ?? 200);
  console.log(studyScaleMarkdown(await benchStudyScale(responses, sessions)));
}
