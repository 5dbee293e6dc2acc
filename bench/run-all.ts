/** `npm run bench`: builds the app (npm script), runs every benchmark, prints Markdown for docs/BENCHMARKS.md. */
import { cpus } from 'node:os';
import { benchParticipant } from './participant';

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
  `| service-worker registration (secure origins only) | ${kb(p.serviceWorkerGzipBytes)} | |`,
);
console.log(`| Chart.js in the participant route | ${p.chartJsIncluded ? 'YES' : 'no'} | no |`);
console.log(
  `| answer → committed write → "saved" shown, p50 (n = ${p.saveLatencyMs.n}) | ${ms(p.saveLatencyMs.p50)} | |`,
);
console.log(`| same, p95 | ${ms(p.saveLatencyMs.p95)} | |`);
console.log(`| same, max | ${ms(p.saveLatencyMs.max)} | |`);
if (p.chartJsIncluded || p.totalGzipBytes > 130 * 1024) process.exitCode = 1;
