/**
 * Issue 25: the hub's online drop under load. 10,000 sealed envelopes (a realistic response
 * each) posted by concurrent clients on loopback: throughput and latency; the hub's disk and
 * memory for them; then a facilitator's pull of all 10,000, each opened and checked as a
 * laptop does, in Node; and the same pull by the study page in Chromium, stored in IndexedDB
 * (bench/online-pull.ts).
 *
 * The caps per address and per link are raised for this run: it measures what the hub can take,
 * not what a link lets through (1,200 a minute by default, docs/security.md).
 *
 * `npx tsx bench/online-drop.ts [envelopes] [concurrency]`
 */
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { ResponseRecord } from '../src/domain/response';
import { startHub } from '../src/server/hub/hub-server';
import { toBase64Url } from '../src/sync/admission';
import { studyKeyPair } from '../src/sync/online-envelope';
import { openPulled, sealResponse, type PulledEnvelope } from '../src/sync/online-inbox';
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
  /** The whole process (hub and clients) once they were all stored. */
  rssBytes: number;
  /** What the process grew by while the hub took them. */
  growthBytes: number;
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

export async function benchOnlineDrop(count = 10_000, concurrency = 50): Promise<DropFigures> {
  const file = join(mkdtempSync(join(tmpdir(), 'kring-drop-bench-')), 'hub.sqlite');
  const hub = await startHub({
    port: 0,
    host: '127.0.0.1',
    dataFile: file,
    onlineLimits: { perAddressPerMinute: 1e9, perLinkPerMinute: 1e9, maxPerLink: 1e6 },
  });
  const base = hub.url.replace('ws://', 'http://');
  try {
    const key = await hub.store.createToken('bench_study');
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
    // The sealed envelopes are held before this point: what the process grows by while posting
    // is the hub's (the clients hold one request each).
    const rssBefore = process.memoryUsage().rss;
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
    const rssBytes = process.memoryUsage().rss;
    const growthBytes = rssBytes - rssBefore;

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

    const inBrowser = await pullInBrowser(hub.url, 'bench_study', key, {
      studyId: 'bench_study',
      ...pair,
    });

    await hub.close(); // checkpoints the WAL into the file
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
      rssBytes,
      growthBytes,
      pullOpenCheckSeconds,
      valid,
      browserPullSeconds: inBrowser.seconds,
      browserSaid: inBrowser.said,
    };
  } catch (error) {
    await hub.close().catch(() => {});
    throw error;
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
    `| the process's memory once all are stored (hub and clients in one process) | ${mb(f.rssBytes)} | |`,
    `| memory the process grew by while the hub stored them | ${mb(f.growthBytes)} | |`,
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
