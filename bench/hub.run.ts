/** `npm run bench:hub`: runs bench/hub.ts and prints Markdown for docs/BENCHMARKS.md. */
import 'fake-indexeddb/auto';
import { cpus } from 'node:os';
import { it } from 'vitest';
import { benchHub } from './hub';

it('the study hub benchmark', async () => {
  const r = await benchHub();
  const ms = (v: number) => `${v.toFixed(0)} ms`;
  const lines = [
    `\n## Study hub (${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version})\n`,
    '| figure | value |',
    '| --- | ---: |',
    `| responses (7 schools × 30 respondents, whole questionnaires) | ${r.responses} (${(r.bytesOfResponses / 1024).toFixed(0)} KB as JSON) |`,
    `| first laptop: all 7 sessions pushed and confirmed by the hub | ${ms(r.pushMs)} |`,
    `| second laptop, connecting afterwards: all ${r.responses} responses checked and stored | ${ms(r.pullMs)} |`,
    `| a new response at a school → stored on the second laptop, one at a time, p50 (n = ${r.liveMs.n}) | ${ms(r.liveMs.p50)} |`,
    `| same, max | ${ms(r.liveMs.max)} |`,
    `| same, responses back to back (a stream), p50 (n = ${r.streamMs.n}) | ${ms(r.streamMs.p50)} |`,
    `| same, max | ${ms(r.streamMs.max)} |`,
    `| hub memory per additional study (from 5 to 10 studies) | ${((r.hubRssMb[2]!.rssMb - r.hubRssMb[1]!.rssMb) / 5).toFixed(1)} MB |`,
    ...r.hubRssMb.map(
      (m) =>
        `| hub memory (RSS above idle) with ${m.studies} such ${m.studies === 1 ? 'study' : 'studies'} loaded | ${m.rssMb.toFixed(1)} MB |`,
    ),
  ];
  console.log(lines.join('\n'));
}, 900_000);
