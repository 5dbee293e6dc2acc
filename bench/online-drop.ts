/**
 * Issue 25: the hub's online drop under load. 10,000 sealed envelopes (a realistic response
 * each) posted by concurrent clients on loopback: throughput and latency; the hub's disk and
 * memory for them; then a facilitator's pull of all 10,000, each opened and checked as a
 * laptop does, in Node; and the same pull by the study page in Chromium, stored in IndexedDB
 * (bench/online-pull.ts).
 *
 * The hub runs as `npm run hub` runs it, in a process of its own (so that its memory is its own),
 * with its caps per address and per link raised by its options: the run measures what the hub
 * can take, not what a link lets through (1,200 a minute by default, docs/security.md).
 *
 * `npx tsx bench/online-drop.ts [envelopes] [concurrency]`
 */
import { readFileSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { ResponseRecord } from '../src/domain/response';
import { toBase64Url } from '../src/sync/admission';
import { parseHubKey } from '../src/sync/hub-names';
import { studyKeyPair } from '../src/sync/online-envelope';
import { openPulled, sealResponse, type PulledEnvelope } from '../src/sync/online-inbox';
import { HubProcess } from '../tests/e2e/fixtures/hub-process';
import { study, studyJson } from '../tests/fixtures/surveys';
import { pullInBrowser } from './online-pull';
import { percentile } from './sync';

export interface DropFigures {
  envelopes: number;
  concurrency: number;
  envelopeBytes: number;
  postSeconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  diskBytes: number;
  /** The hub process's resident memory before the envelopes came, and once all were stored. */
  hubRssBefore: number;
  hubRss: number;
  pullOpenCheckSeconds: number;
  valid: number;
  /** The study page in Chromium: pulled, opened, checked and stored in IndexedDB. */
  browserPullSeconds: number;
  browserSaid: string;
}

const LINK = 'link-bench-online';

function responseOf(i: number): ResponseRecord {
  return {
    id: `bench${String(i).padStart(16, '0')}`,
    surveyId: study().id,
    surveyVersion: study().version,
    status: 'submitted',
    language: 'nl',
    startedAt: 1_700_000_000_000 + i,
    updatedAt: 1_700_000_600_000 + i,
    submittedAt: 1_700_000_600_000 + i,
    answers: {
      'profiel.role': ['leerkracht', 'directie', 'ouder'][i % 3]!,
      welbevinden_acties: `Antwoord ${i}: elke week een klasgesprek en een wandeling met de klas.`,
    },
  };
}

/** A process's resident memory, from /proc (Linux). */
function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return Number(line?.[1] ?? 0) * 1024;
}

export async function benchOnlineDrop(count = 10_000, concurrency = 50): Promise<DropFigures> {
  // The hub as `npm run hub` runs it, in its own process (its memory is its own), with its caps
  // raised to measure what it takes.
  const hub = new HubProcess('127.0.0.1', [
    ...['--online-per-address', '1000000000', '--online-per-link', '1000000000'],
    ...['--online-max-per-link', '1000000'],
  ]);
  await hub.start();
  const base = `http://127.0.0.1:${hub.port}`;
  const file = hub.dataFile;
  try {
    const { token: key } = parseHubKey(hub.key('bench_study'))!;
    const pair = studyKeyPair();
    await fetch(`${base}/online/${LINK}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${key}` },
      body: JSON.stringify({
        label: 'Bench',
        publicKey: toBase64Url(pair.publicKey),
        definition: JSON.stringify(studyJson()),
      }),
    });
    // Sealed beforehand: respondents seal in their own browsers.
    const sealed = Array.from({ length: count }, (_, i) =>
      sealResponse(pair.publicKey, LINK, 1, responseOf(i)),
    );
    const times: number[] = [];
    let next = 0;
    const hubRssBefore = rssOf(hub.pid!);
    const start = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < count) {
          const { address, envelope } = sealed[next++]!;
          const t = performance.now();
          const answer = await fetch(
            `${base}/online/${LINK}/${address.responseId}?v=${address.version}`,
            {
              method: 'POST',
              headers: { 'X-Kring-Token': `token-${address.responseId}` },
              body: envelope as Uint8Array<ArrayBuffer>,
            },
          );
          if (answer.status !== 200) throw new Error(`refused: ${await answer.text()}`);
          await answer.arrayBuffer();
          times.push(performance.now() - t);
        }
      }),
    );
    const postSeconds = (performance.now() - start) / 1000;
    const hubRss = rssOf(hub.pid!);

    const pullStart = performance.now();
    const pulled: PulledEnvelope[] = [];
    for (let after = 0, more = true; more;) {
      const page = (await (
        await fetch(`${base}/online/studies/bench_study/envelopes?after=${after}`, {
          headers: { Authorization: `Bearer ${key}` },
        })
      ).json()) as { envelopes: PulledEnvelope[]; more: boolean };
      pulled.push(...page.envelopes);
      after = page.envelopes.at(-1)?.seq ?? after;
      more = page.more;
    }
    const survey = study();
    const entries = await openPulled(pair, pulled, (id, version) =>
      id === survey.id && version === survey.version ? survey : undefined,
    );
    const pullOpenCheckSeconds = (performance.now() - pullStart) / 1000;
    const valid = entries.filter((e) => e.kind === 'opened' && e.check.status === 'valid').length;

    const inBrowser = await pullInBrowser(`ws://127.0.0.1:${hub.port}`, 'bench_study', key, {
      studyId: 'bench_study',
      ...pair,
    });

    await hub.stop(); // checkpoints the WAL into the file
    const size = (name: string) => {
      try {
        return statSync(name).size;
      } catch {
        return 0;
      }
    };
    const sorted = [...times].sort((a, b) => a - b);
    return {
      envelopes: count,
      concurrency,
      envelopeBytes: sealed[0]!.envelope.length,
      postSeconds,
      perSecond: count / postSeconds,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      diskBytes: size(file) + size(`${file}-wal`),
      hubRssBefore,
      hubRss,
      pullOpenCheckSeconds,
      valid,
      browserPullSeconds: inBrowser.seconds,
      browserSaid: inBrowser.said,
    };
  } finally {
    await hub.kill();
  }
}

export function onlineDropMarkdown(f: DropFigures): string {
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return [
    `${f.envelopes.toLocaleString('en')} envelopes of ${f.envelopeBytes} bytes, ${f.concurrency} clients at once on loopback.`,
    '',
    '| figure | value | goal |',
    '| --- | ---: | --- |',
    `| posted: throughput | ${Math.round(f.perSecond)} envelopes/s (${f.postSeconds.toFixed(1)} s) | |`,
    `| posted: latency p50 / p95 | ${f.p50.toFixed(1)} / ${f.p95.toFixed(1)} ms | |`,
    `| the hub's disk for them (SQLite) | ${mb(f.diskBytes)} | |`,
    `| the hub process's memory: before / once all are stored | ${mb(f.hubRssBefore)} / ${mb(f.hubRss)} | |`,
    `| pulled, opened and checked (Node; ${f.valid.toLocaleString('en')} valid) | ${f.pullOpenCheckSeconds.toFixed(1)} s | |`,
    `| pulled, opened, checked and stored by the study page (Chromium; "${f.browserSaid}") | ${f.browserPullSeconds.toFixed(1)} s | < 10 s |`,
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [count, concurrency] = process.argv.slice(2).map(Number);
  console.log(
    onlineDropMarkdown(await benchOnlineDrop(count || undefined, concurrency || undefined)),
  );
}
