/**
 * A laptop's capacity (issue 23): how many tablets one facilitator browser serves at a p95
 * answer → stored below 100 ms, with simulated tablets instead of a browser each.
 *
 * The facilitator is the app's own session page in Chromium (`/facilitator`: device list, live
 * results), behind the kit server in its own process, as on a laptop. The tablets are Node processes
 * (bench/fixtures/tablet-sim.ts) running the app's ParticipantSession: the same lobby,
 * admission, sealed relay and y-protocol code, without a browser, at a lower CPU priority (on a
 * school day each tablet has a processor of its own; here they share the laptop's two). Each
 * count runs over the relay (tablets without WebRTC) and over WebRTC (@roamhq/wrtc in Node).
 *
 * Each tablet answers at a person's pace (a change every 2–6 s). Latency is timed on the tablet,
 * from its answer to the laptop's receipt for it (the tablet's "received": the laptop committed
 * the row to IndexedDB, then its receipt came back), so it is answer → stored plus the way back. The laptop's memory is
 * its Chromium's processes' proportional set size (PSS, /proc/…/smaps_rollup) and the page's
 * JS heap.
 *
 * `npx tsx bench/tablets.ts 50 100 150 [relay|webrtc]` (after `vite build`); part of
 * `npm run bench`.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { build } from 'vite';
import { bundleAliases } from '../scripts/bundle-aliases';
import { ywebrtcFixes } from '../scripts/ywebrtc-fixes';
import type { SimReply, SimRequest } from './fixtures/tablet-sim';
import { launchMeasuredChromium, treePssMB } from './fixtures/process-memory';
import { topSelf, type CpuProfile, type ProfileLine } from './study-scale';
import { percentile, startKitProcess } from './sync';

/** Tablets per Node process. */
const PER_PROCESS = 25;
const ANSWERS_PER_TABLET = 10;
const PAUSE_MS = { min: 2000, max: 6000 };

export interface CapacityFigures {
  tablets: number;
  processes: number;
  paths: Record<string, number>;
  answers: number;
  p50: number;
  p95: number;
  max: number;
  /** Answers received per second while the tablets answered. */
  perSecond: number;
  /** The laptop's Chromium, all its processes (PSS), and the facilitator page's JS heap. */
  browserMB: number;
  heapMB: number;
  /** Where the facilitator page's time went while the tablets answered (self time). */
  top: ProfileLine[];
}

/** Builds the simulated tablet for Node (Svelte's runes compiled as for the browser). */
async function buildSim(): Promise<string> {
  // Under node_modules, so that its imports of `ws` and fake-indexeddb resolve.
  const outDir = resolve('node_modules/.cache/kring-tablet-sim');
  await build({
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    plugins: [ywebrtcFixes(), svelte()],
    resolve: { alias: bundleAliases }, // as the app's build: Kring's peer for y-webrtc
    build: {
      outDir,
      emptyOutDir: true,
      minify: false,
      target: 'node20',
      lib: { entry: 'bench/fixtures/tablet-sim.ts', formats: ['es'], fileName: () => 'sim.mjs' },
      rollupOptions: { external: [/^node:/, 'ws', /^fake-indexeddb/, '@roamhq/wrtc'] },
    },
  });
  return join(outDir, 'sim.mjs');
}

const secondsSince = (start: number) => ((Date.now() - start) / 1000).toFixed(1);

class SimProcess {
  readonly #child: ChildProcess;
  readonly #waiting: ((reply: SimReply) => void)[] = [];

  constructor(file: string) {
    this.#child = fork(file, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    setPriority(this.#child.pid!, 10);
    this.#child.on('message', (reply: SimReply) => this.#waiting.shift()?.(reply));
  }

  ask(request: SimRequest): Promise<SimReply> {
    return new Promise((resolve, reject) => {
      this.#waiting.push((reply) =>
        reply.kind === 'failed'
          ? reject(new Error(`tablet process: ${reply.message}`))
          : resolve(reply),
      );
      this.#child.send(request);
    });
  }

  stop(): void {
    this.#child.send({ kind: 'stop' } satisfies SimRequest);
    setTimeout(() => this.#child.kill('SIGKILL'), 2000).unref();
  }
}

async function heapMB(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / 1024 / 1024;
}

/** Starts a session on the facilitator's page (the bundled study); returns its join ticket. */
async function startSession(page: Page): Promise<{ code: string; fp: string }> {
  await page.goto('/facilitator');
  await page.locator('#session-school').fill('Sint-Jozefscollege');
  await page.getByRole('button', { name: 'Sessie starten' }).click();
  await page.getByTestId('join-code').waitFor();
  const url = new URL((await page.locator('.url').textContent())!.trim());
  return { code: url.searchParams.get('code')!, fp: url.searchParams.get('fp')! };
}

async function capacity(
  origin: string,
  sim: string,
  laptop: { browser: Browser; pid: number },
  tablets: number,
  path: Path,
): Promise<CapacityFigures> {
  const context = await laptop.browser.newContext({ baseURL: origin, locale: 'nl-BE' });
  const facilitator = await context.newPage();
  const { code, fp } = await startSession(facilitator);
  const processes = Array.from(
    { length: Math.ceil(tablets / PER_PROCESS) },
    () => new SimProcess(sim),
  );
  try {
    const paths: Record<string, number> = {};
    const joinStart = Date.now();
    const ready = await Promise.all(
      processes.map((p, i) =>
        p.ask({
          kind: 'join',
          origin,
          code,
          fp,
          first: i * PER_PROCESS,
          count: Math.min(PER_PROCESS, tablets - i * PER_PROCESS),
          webrtc: path === 'webrtc',
        }),
      ),
    );
    console.error(`bench: ${tablets} tablets admitted and ready in ${secondsSince(joinStart)} s`);
    for (const r of ready)
      if (r.kind === 'ready')
        for (const [path, n] of Object.entries(r.paths)) paths[path] = (paths[path] ?? 0) + n;
    // Warm up: each tablet's first answer sets its response up on both sides.
    await Promise.all(
      processes.map((p) => p.ask({ kind: 'answer', answers: 1, minPauseMs: 0, maxPauseMs: 500 })),
    );
    await new Promise((r) => setTimeout(r, 1500));
    const cdp = await context.newCDPSession(facilitator);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
    const startedAt = Date.now();
    const answered = await Promise.all(
      processes.map((p) =>
        p.ask({
          kind: 'answer',
          answers: ANSWERS_PER_TABLET,
          minPauseMs: PAUSE_MS.min,
          maxPauseMs: PAUSE_MS.max,
        }),
      ),
    );
    const seconds = (Date.now() - startedAt) / 1000;
    console.error(`bench: ${tablets} tablets answered in ${seconds.toFixed(0)} s`);
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
    const top = topSelf(profile, 12);
    // For a closer look: the whole profile, to open in Chromium's DevTools.
    if (process.env.KRING_PROFILE_DIR)
      writeFileSync(
        join(process.env.KRING_PROFILE_DIR, `facilitator-${tablets}-${path}.cpuprofile`),
        JSON.stringify(profile),
      );

    const latencies = answered
      .flatMap((r) => (r.kind === 'answered' ? r.latencies : []))
      .sort((a, b) => a - b);
    const heap = await heapMB(facilitator);
    const browserMB = treePssMB(laptop.pid);
    return {
      tablets,
      processes: processes.length,
      paths,
      answers: latencies.length,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      max: latencies.at(-1)!,
      perSecond: latencies.length / seconds,
      browserMB,
      heapMB: heap,
      top,
    };
  } finally {
    for (const p of processes) p.stop();
    await context.close();
  }
}

export type Path = 'relay' | 'webrtc';

export async function benchTablets(
  counts: number[] = [50, 100, 150],
  paths: Path[] = ['relay', 'webrtc'],
): Promise<CapacityFigures[]> {
  const sim = await buildSim();
  const kit = await startKitProcess();
  const laptop = await launchMeasuredChromium();
  const { browser } = laptop;
  const figures: CapacityFigures[] = [];
  try {
    for (const path of paths)
      for (const n of counts) {
        console.error(`bench: ${n} simulated tablets, ${path}`);
        figures.push(await capacity(kit.origin, sim, laptop, n, path));
        const last = figures.at(-1)!;
        console.error(tabletsMarkdown([last]).split('\n').at(-1));
        for (const l of last.top) console.error(`  ${l.selfMs.toFixed(0)} ms ${l.name} ${l.where}`);
      }
  } finally {
    await browser.close();
    kit.stop();
  }
  return figures;
}

export function tabletsMarkdown(figures: CapacityFigures[]): string {
  const rows = figures.map(
    (f) =>
      `| ${f.tablets} | ${f.processes} | ${Object.entries(f.paths)
        .map(([p, n]) => `${p} ${n}`)
        .join(
          ', ',
        )} | ${f.answers} | ${f.perSecond.toFixed(1)} | ${f.p50.toFixed(0)} ms | ${f.p95.toFixed(0)} ms | ${f.max.toFixed(0)} ms | ${f.browserMB.toFixed(0)} MB | ${f.heapMB.toFixed(1)} MB |`,
  );
  return [
    '| tablets | Node processes | path | answers timed | answers/s | p50 | p95 | max | laptop browser (PSS, all processes) | facilitator page JS heap |',
    '| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
}

if (process.argv[1]?.endsWith('tablets.ts')) {
  // `… tablets.ts 50 150 webrtc`: counts, and the paths (both unless named).
  const args = process.argv.slice(2);
  const counts = args.filter((a) => /^\d+$/.test(a)).map(Number);
  const paths = args.filter((a): a is Path => a === 'relay' || a === 'webrtc');
  const figures = await benchTablets(
    counts.length > 0 ? counts : undefined,
    paths.length > 0 ? paths : undefined,
  );
  console.log(tabletsMarkdown(figures));
}
