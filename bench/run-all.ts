/** `npm run bench`: builds the app (npm script), runs every benchmark, prints Markdown for docs/BENCHMARKS.md. */
import { cpus } from 'node:os';
import { benchParticipant } from './participant';
import { benchResults } from './results';
import { benchChartUpdate } from './results-chart';
import { benchSync } from './sync';
import { corpusFigure, importCorpus } from './xlsform-corpus';
import { benchStudyScale, studyScaleMarkdown } from './study-scale';
import { benchTablets, tabletsMarkdown } from './tablets';
import { benchTranscripts, transcriptsMarkdown } from './transcripts';
import { benchOnlineDrop, onlineDropMarkdown } from './online-drop';

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
  `| session route (\`/join\`: lobby, relay, X25519), JS + CSS up front, gzipped | ${kb(p.joinRouteGzipBytes)} | ≤ 120 KB |`,
);
console.log(
  `| same, all a tablet loaded once joined, without WebRTC (relay) | ${kb(p.joinedGzipBytes.relay)} | ≤ 120 KB |`,
);
console.log(
  `| same, with WebRTC (${p.webrtcOnlyFiles.map((f) => `\`${f.file}\` ${kb(f.gzipBytes)}`).join(', ')}) | ${kb(p.joinedGzipBytes.webrtc)} | ≤ 120 KB |`,
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
if (Math.max(p.joinRouteGzipBytes, p.joinedGzipBytes.webrtc) > 120 * 1024) process.exitCode = 1;

const sync = await benchSync([10, 20]);
console.log(`\n## Sync: tablet answer → facilitator's stored row, and messages per edit\n`);
console.log(
  '| tablets | path | answers timed | p50 | p95 | max | messages per edit | on the other path | one shared room: messages per edit | WebRTC heartbeats per room and minute |',
);
console.log('| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const f of sync) {
  for (const [path, s] of [
    ['WebRTC', f.webrtc],
    ['relay', f.relay],
  ] as const) {
    console.log(
      `| ${f.tablets} | ${path} | ${s.answers} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.max)} | ${s.messagesPerEdit.toFixed(2)} | ${s.otherPathPerEdit.toFixed(2)} | ${path === 'WebRTC' ? f.meshMessagesPerEdit.toFixed(2) : ''} | ${s.heartbeatsPerRoomMinute.toFixed(1)} |`,
    );
  }
  if (f.webrtc.p95 >= 100 || f.webrtc.messagesPerEdit > 3) process.exitCode = 1;
  if (f.relay.p95 >= 100 || f.relay.messagesPerEdit > 2) process.exitCode = 1;
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

const corpus = corpusFigure(await importCorpus());
const share = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)} %`;
console.log(`\n## XLSForm corpus (tests/fixtures/xlsform/)\n`);
console.log('| figure | value | goal |\n| --- | ---: | --- |');
console.log(
  `| XLSForms that import into a valid survey | ${corpus.imported} of ${corpus.forms} (${share(corpus.imported, corpus.forms)}) | ≥ 90 % |`,
);
console.log(
  `| questions brought over | ${corpus.brought} of ${corpus.total} (${share(corpus.brought, corpus.total)}) | ≥ 85 % |`,
);
if (corpus.imported / corpus.forms < 0.9 || corpus.brought / corpus.total < 0.85)
  process.exitCode = 1;

// Issue 23: a study that grows (10,000 responses in 200 sessions by default; set
// KRING_STUDY_RESPONSES / KRING_STUDY_SESSIONS for the 50,000 of the issue's goals).
const study = await benchStudyScale(
  Number(process.env.KRING_STUDY_RESPONSES ?? 10_000),
  Number(process.env.KRING_STUDY_SESSIONS ?? 200),
);
console.log(`\n## A study that grows (Chromium, bench/study-scale.ts)\n`);
console.log(studyScaleMarkdown(study));

// Issue 23: one laptop's capacity, with simulated tablets (Node processes), relay and WebRTC.
const capacity = await benchTablets([50, 100, 150]);
console.log(`\n## One laptop, simulated tablets (bench/tablets.ts)\n`);
console.log(tabletsMarkdown(capacity));
const at150 = capacity.filter((f) => f.tablets === 150);
if (at150.length === 0 || at150.some((f) => f.p95 >= 100)) process.exitCode = 1;

// Issue 24: a study's transcripts in the coding view, and its REFI-QDA export.
const transcripts = await benchTranscripts();
console.log(`\n## Transcripts (Chromium, bench/transcripts.ts)\n`);
console.log(transcriptsMarkdown(transcripts));

// Issue 25: the hub's online drop under load, and a facilitator's pull of it.
console.log(`\n## Online drop (bench/online-drop.ts)\n`);
console.log(onlineDropMarkdown(await benchOnlineDrop()));
