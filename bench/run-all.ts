/** `npm run bench`: builds the app (npm script), runs every benchmark, prints Markdown for docs/BENCHMARKS.md. */
import { cpus } from 'node:os';
import { benchParticipant } from './participant';
import { benchResults } from './results';
import { benchChartUpdate } from './results-chart';
import { benchSync } from './sync';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;

const p = await benchParticipant();
console.log(
  `\n## Participant route (${new Date().toISOString().slice(0, 10)}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version})\n`,
);
console.log('| file | gzip |\n| --- | ---: |');
for (const f of p.files) console.log(`| ${f.file} | ${kb(f.gzipBytes)} |`);
console.log(`\n| figure | value | goal |\n| --- | ---: | --- |`);
console.log(
  `| JS + CSS to the first question, gzipped (without service-worker registration) | ${kb(p.totalGzipBytes)} | ≤ 130 KB |`,
);
console.log(
  `| session route (\`/join\`: lobby, WebRTC, X25519), JS + CSS, gzipped | ${kb(p.joinRouteGzipBytes)} | |`,
);
console.log(
  `| service-worker registration (secure origins only) | ${kb(p.serviceWorkerGzipBytes)} | |`,
);
console.log(`| Chart.js in the participant route | ${p.chartJsIncluded ? 'YES' : 'no'} | no |`);
console.log(
  `| answer → committed write → "saved" shown, p50 (n = ${p.saveLatencyMs.n}) | ${ms(p.saveLatencyMs.p50)} | |`,
);
console.log(`| same, p95 | ${ms(p.saveLatencyMs.p95)} | |`);
console.log(`| same, max | ${ms(p.saveLatencyMs.max)} | |`);
if (p.chartJsIncluded || p.totalGzipBytes > 130 * 1024) process.exitCode = 1;

const sync = await benchSync([10, 20]);
console.log(`\n## Sync: tablet answer → facilitator's stored row, and messages per edit\n`);
console.log(
  '| tablets | answers timed | p50 | p95 | max | star: messages per edit | one shared room: messages per edit |',
);
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const f of sync) {
  console.log(
    `| ${f.tablets} | ${f.answers} | ${ms(f.p50)} | ${ms(f.p95)} | ${ms(f.max)} | ${f.starMessagesPerEdit.toFixed(2)} | ${f.meshMessagesPerEdit.toFixed(2)} |`,
  );
  if (f.p95 >= 100 || f.starMessagesPerEdit > 3) process.exitCode = 1;
}

const r = benchResults();
console.log(`\n## Results aggregation (pure domain code, Node)\n`);
console.log('| figure | value | goal |\n| --- | ---: | --- |');
console.log(
  `| full aggregation of ${r.responses} responses, median of 7 | ${ms(r.fullMs.median)} | < 50 ms |`,
);
console.log(`| same, slowest of 7 | ${ms(r.fullMs.max)} | |`);
console.log(
  `| one incoming response → its item's result, ${r.responses} loaded, p50 (n = ${r.incrementalMs.n}) | ${r.incrementalMs.p50.toFixed(3)} ms | |`,
);
console.log(`| same, p95 | ${r.incrementalMs.p95.toFixed(3)} ms | |`);
const chart = await benchChartUpdate();
console.log(
  `| one incoming response → its Chart.js chart updated and drawn, ${r.responses} loaded, p50 (n = ${chart.n}, Chromium) | ${ms(chart.p50)} | |`,
);
console.log(`| same, p95 | ${ms(chart.p95)} | < 16 ms |`);
console.log(`| same, max | ${ms(chart.max)} | |`);
if (r.fullMs.median >= 50 || chart.p95 >= 16) process.exitCode = 1;
