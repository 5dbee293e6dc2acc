/**
 * The study hub's benchmark (issue 14): 7 schools × 30 respondents (whole questionnaires) on one
 * facilitator's laptop, pushed to a hub; the time until a second laptop, connecting afterwards,
 * has stored all 210, and until a response answered at a school reaches it live; and the hub
 * process's memory per study, with 1, 5 and 10 studies of that size loaded.
 *
 * The laptops are the app's HubSync over fake-indexeddb in this process; the hub is
 * `npm run hub` in its own process (its memory is read from /proc). Run by
 * `npm run bench:hub` (Vitest runs it, for the Svelte runes in the state classes).
 */
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';
import { KringDb } from '../src/storage/db';
import { HubSync } from '../src/state/hub/hub-sync.svelte';
import {
  collect,
  fullStudyResponse,
  sessionWithResponses,
} from '../tests/fixtures/collected-sessions';
import { HubProcess } from '../tests/e2e/fixtures/hub-process';
import { eventually } from '../tests/fixtures/settle';

const SCHOOLS = 7;
const RESPONDENTS = 30;

interface Times {
  p50: number;
  max: number;
  n: number;
}

let extra = 0;
/** Times from a response stored on `from` to the same response stored on `to`. */
async function liveTimes(
  from: { db: KringDb; sessions: string[] },
  to: KringDb,
  n: number,
  pauseMs: number,
): Promise<Times> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    await new Promise((r) => setTimeout(r, pauseMs));
    const before = await to.collected.count();
    const t = performance.now();
    await collect(from.db, from.sessions[i % SCHOOLS]!, fullStudyResponse(1000 + extra++));
    await eventually(
      async () => (await to.collected.count()) === before + 1,
      'the hub benchmark',
      300_000,
      5,
    );
    times.push(performance.now() - t);
  }
  times.sort((x, y) => x - y);
  return { p50: times[Math.floor(n / 2)]!, max: times.at(-1)!, n };
}

export interface HubBench {
  responses: number;
  bytesOfResponses: number;
  pushMs: number;
  pullMs: number;
  liveMs: Times;
  streamMs: Times;
  hubRssMb: { studies: number; rssMb: number }[];
}

const rssMb = (pid: number) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

let dbs = 0;
async function laptopWithStudy(): Promise<{ db: KringDb; sessions: string[] }> {
  const db = new KringDb(`bench-hub-${++dbs}`);
  const sessions: string[] = [];
  for (let s = 0; s < SCHOOLS; s++)
    sessions.push(
      (await sessionWithResponses(db, `School ${s + 1}`, RESPONDENTS, fullStudyResponse)).id,
    );
  return { db, sessions };
}

function syncOf(db: KringDb, url: string, key: string): Promise<HubSync> {
  const sync = new HubSync(db, { WebSocketPolyfill: WebSocket, maxDelayMs: 1000 });
  return sync.start({ url, key, on: true }).then(() => sync);
}

export async function benchHub(): Promise<HubBench> {
  const hub = new HubProcess();
  await hub.start();
  try {
    const idle = rssMb(hub.pid!);
    const study = 'bench_study_1';
    const first = await laptopWithStudy();
    const all = await first.db.collected.toArray();
    const bytesOfResponses = all.reduce((n, r) => n + JSON.stringify(r.response).length, 0);

    let start = performance.now();
    const a = await syncOf(first.db, hub.url, hub.key(study));
    await eventually(() => a.inSync && a.sessions === SCHOOLS, 'the hub benchmark', 300_000, 5);
    const pushMs = performance.now() - start;

    const second = new KringDb(`bench-hub-${++dbs}`);
    start = performance.now();
    const b = await syncOf(second, hub.url, hub.key(study));
    await eventually(
      async () => (await second.collected.count()) === all.length,
      'the hub benchmark',
      300_000,
      5,
    );
    const pullMs = performance.now() - start;

    // Live: one more response at a school, until it is stored on the second laptop; one at a
    // time (a pause between them, as answers come in a class) and back to back (a stream).
    const liveOne = await liveTimes(first, second, 10, 1000);
    const liveStream = await liveTimes(first, second, 20, 0);
    const hubRssMb = [{ studies: 1, rssMb: rssMb(hub.pid!) - idle }];

    // More studies of the same size, each from its own laptop, all kept loaded (connected).
    const others: HubSync[] = [];
    for (let s = 2; s <= 10; s++) {
      const { db } = await laptopWithStudy();
      const name = `bench_study_${s}`;
      const sync = await syncOf(db, hub.url, hub.key(name));
      await eventually(
        () => sync.inSync && sync.sessions === SCHOOLS,
        'the hub benchmark',
        300_000,
        5,
      );
      others.push(sync);
      if (s === 5 || s === 10) hubRssMb.push({ studies: s, rssMb: rssMb(hub.pid!) - idle });
    }
    for (const sync of [a, b, ...others]) sync.stop();
    return {
      responses: all.length,
      bytesOfResponses,
      pushMs,
      pullMs,
      liveMs: liveOne,
      streamMs: liveStream,
      hubRssMb,
    };
  } finally {
    await hub.kill();
  }
}
