/**
 * Issue 24: a study's transcripts as a coder meets them. 7 focus groups of 20,000 words and 10
 * interviews of 8,000 words with 2,000 codings reach a fresh laptop in a bundle (its coding doc);
 * then, in Chromium: the coding view to its first transcript drawn with its marks, a new coding
 * stored and drawn (selected, coded, shown), and the `.qdpx` export.
 *
 * `npx tsx bench/transcripts.ts` (after `vite build`); also part of `npm run bench`.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { defaultCodebook, type Coding } from '../src/domain/coding';
import { INTERVIEWER } from '../src/domain/transcripts/pseudonyms';
import { buildTranscript, type Transcript } from '../src/domain/transcripts/transcript';
import { startKitServer } from '../src/server/kit-server';
import { toBase64Url } from '../src/sync/admission';
import { CodingDoc } from '../src/sync/coding-doc';
import { studyBundle } from '../tests/fixtures/study-bundle';
import { launchMeasuredChromium } from './fixtures/process-memory';
import { topSelf, type CpuProfile } from './study-scale';
import { percentile } from './sync';

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);

export interface TranscriptFigures {
  words: number;
  codings: number;
  /** The coding view to its list of sources (transcripts closed). */
  viewMs: number[];
  /** A transcript opened: "open" → its turns drawn with their marks. */
  openMs: number[];
  /** Apply clicked → the new coding drawn in the transcript (timed in the page). */
  codeMs: { p50: number; p95: number; n: number };
  /** A query typed → its hits drawn; the first folds every text. */
  searchMs: number[];
  qdpxMs: number;
}

const WORDS = (
  'welbevinden leerlingen school leerkracht klas gesprek tijd werk zorg ouders digitaal laptop ' +
  'afstandsonderwijs team directie samen week vraag antwoord kansen thuis begeleiding groep ' +
  'motivatie feedback waardering werkdruk planning overleg lockdown coronaperiode structuur'
).split(' ');

/** A transcript of about `words` words in turns of about 60, speakers taking turns. */
function transcript(id: string, title: string, words: number, seed: number): Transcript {
  let n = seed;
  const next = () => (n = (n * 1103515245 + 12345) % 2 ** 31);
  const speakers = ['Interviewer', 'Leerkracht 1', 'Leerkracht 2', 'Directie 1'];
  const turns = [];
  for (let said = 0, t = 0; said < words; t++) {
    const length = 20 + (next() % 80);
    const text = Array.from({ length }, () => WORDS[next() % WORDS.length]).join(' ');
    turns.push({ speaker: speakers[t % speakers.length]!, at: t * 20, text: `${text}.` });
    said += length;
  }
  return buildTranscript({
    id,
    title,
    kind: id.startsWith('fg') ? 'focusGroup' : 'interview',
    ...(id.startsWith('fg') ? { sessionId: 'session-0000' } : {}),
    school: id.startsWith('fg') ? 'School 1' : '',
    createdAt: seed,
    turns,
    speakers: new Map(
      speakers.map((s) => [
        s,
        {
          role:
            s === 'Interviewer'
              ? INTERVIEWER
              : s.startsWith('Directie')
                ? 'directie'
                : 'leerkracht',
          pseudonym: s,
        },
      ]),
    ),
    replacements: [],
  });
}

/** The bundle: a session, the transcripts and their codings in its coding doc. */
function studyWithTranscripts(): { bundle: unknown; words: number; codings: number } {
  const doc = new CodingDoc();
  doc.seedCodebook(defaultCodebook());
  const codes = defaultCodebook().map((c) => c.id);
  const all = [
    ...Array.from({ length: 7 }, (_, i) =>
      transcript(`fg-${i}`, `Focusgroep ${i + 1}`, 20_000, i + 1),
    ),
    ...Array.from({ length: 10 }, (_, i) =>
      transcript(`int-${i}`, `Interview ${i + 1}`, 8_000, 100 + i),
    ),
  ];
  for (const t of all) doc.putTranscript(t);
  let k = 0;
  for (let i = 0; i < 2000; i++) {
    const t = all[i % all.length]!;
    const turn = t.turns[(i * 7) % t.turns.length]!;
    const start = turn.start + ((i * 13) % Math.max(1, turn.end - turn.start - 40));
    const coding: Coding = {
      id: `c${i}`,
      sourceKey: `transcript/${t.id}`,
      start,
      end: Math.min(t.text.length, start + 30 + ((i * 31) % 300)),
      codes: [codes[(k = (k + 5) % codes.length)]!],
      memo: i % 10 === 0 ? 'memo' : '',
      coder: i % 2 === 0 ? 'An' : 'Bo',
      at: 1_700_000_000_000 + i,
    };
    doc.addCoding(coding);
  }
  const words = all.reduce((sum, t) => sum + t.text.split(/\s+/).length, 0);
  return {
    bundle: { ...studyBundle(20, 1), coding: toBase64Url(doc.encode()) },
    words,
    codings: 2000,
  };
}

export async function benchTranscripts(): Promise<TranscriptFigures> {
  const { bundle, words, codings } = studyWithTranscripts();
  const dir = mkdtempSync(join(tmpdir(), 'kring-transcripts-'));
  const file = join(dir, 'studie.json');
  writeFileSync(file, JSON.stringify(bundle));
  const kit = await startKitServer({ distDir: 'dist', port: 0, host: '127.0.0.1', lan: () => [] });
  const { browser } = await launchMeasuredChromium();
  try {
    const context = await browser.newContext({
      baseURL: `http://127.0.0.1:${kit.port}`,
      locale: 'nl-BE',
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    await page.goto('/facilitator');
    await page.getByLabel(/Bundelbestanden importeren/).setInputFiles(file);
    await page
      .getByTestId('import-outcome')
      .getByText(/nieuwe sessie/)
      .waitFor({ timeout: 120_000 });
    await page.goto('/facilitator?coding');
    await page.getByLabel('Je naam als codeerder').fill('Cas');
    await page.getByRole('button', { name: 'Bewaren', exact: true }).click();

    const first = page.locator('article[data-source^="transcript/"]').first();
    const viewMs: number[] = [];
    const openMs: number[] = [];
    for (let i = 0; i < 3; i++) {
      let start = performance.now();
      await page.goto('/facilitator?coding');
      await first.waitFor({ timeout: 60_000 });
      viewMs.push(performance.now() - start);
      start = performance.now();
      await first.getByRole('button', { name: 'Transcript openen' }).click();
      await first.locator('mark').first().waitFor({ timeout: 60_000 });
      openMs.push(performance.now() - start);
    }

    // `KRING_PROFILE_OUT=<dir>`: the new codings' CPU profile, its top printed (as study-scale's).
    const out = process.env.KRING_PROFILE_OUT;
    const cdp = out ? await context.newCDPSession(page) : undefined;
    await cdp?.send('Profiler.enable');
    await cdp?.send('Profiler.start');
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const before = await first.getByTestId('coding').count();
      await page.evaluate((n) => {
        const parts = [
          ...document.querySelectorAll('article[data-source^="transcript/"]'),
        ][0]!.querySelectorAll('[data-start]');
        const part = parts[(n * 11) % parts.length]!.firstChild!;
        const range = document.createRange();
        range.setStart(part, 0);
        range.setEnd(part, Math.min(12, part.textContent!.length));
        window.getSelection()!.removeAllRanges();
        window.getSelection()!.addRange(range);
      }, i);
      await first.getByRole('button', { name: /Coderen/ }).click();
      await first.getByLabel('Werkdruk van leraren').check();
      // Timed in the page: the click → the frame that shows the new coding (no driver's round trips).
      times.push(
        await page.evaluate(async (count) => {
          const card = document.querySelector('article[data-source^="transcript/"]')!;
          const apply = [...card.querySelectorAll('button')].find(
            (b) => b.textContent === 'Toepassen',
          )!;
          // (No named functions in here: tsx would wrap them in a helper the page lacks.)
          const start = performance.now();
          apply.click();
          // Drawn: the DOM holds the new coding (watched, not polled by frames)…
          await new Promise<void>((drawn) => {
            const watch = new MutationObserver(() => {
              if (card.querySelectorAll('[data-testid="coding"]').length <= count) return;
              watch.disconnect();
              drawn();
            });
            watch.observe(card, { childList: true, subtree: true });
          });
          // …and painted: the next frame's paint shows it.
          await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted)));
          return performance.now() - start;
        }, before),
      );
    }

    if (out) console.error('coding times', times.map(Math.round).join(' '));
    if (cdp && out) {
      const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
      writeFileSync(join(out, 'new-codings.cpuprofile'), JSON.stringify(profile));
      console.error(topSelf(profile, 15));
    }

    // Search across all sources, typed into the search box: to the hits drawn (the first
    // search folds every text once; the others reuse it).
    const searchMs: number[] = [];
    for (const query of ['werkdruk', 'lockdown coronaperiode', 'Coördinatie', 'ouders', 'zzz']) {
      searchMs.push(
        await page.evaluate(async (q) => {
          const input = document.querySelector<HTMLInputElement>('input[type="search"]')!;
          const start = performance.now();
          input.value = q;
          input.dispatchEvent(new Event('input', { bubbles: true }));
          await new Promise((done) => requestAnimationFrame(() => setTimeout(done)));
          return performance.now() - start;
        }, query),
      );
    }
    await page.getByTestId('search-total').waitFor();

    const download = page.waitForEvent('download');
    const start = performance.now();
    await page.getByRole('button', { name: 'Project bewaren (.qdpx)' }).click();
    await download;
    const qdpxMs = performance.now() - start;
    return {
      words,
      codings,
      viewMs,
      openMs,
      codeMs: {
        p50: percentile(sorted(times), 50),
        p95: percentile(sorted(times), 95),
        n: times.length,
      },
      searchMs,
      qdpxMs,
    };
  } finally {
    await browser.close();
    await kit.close();
  }
}

export function transcriptsMarkdown(f: TranscriptFigures): string {
  const ms = (v: number) => `${Math.round(v)} ms`;
  return [
    `17 transcripts (7 focus groups of 20,000 words, 10 interviews of 8,000), ${f.words.toLocaleString('en')} words, ${f.codings.toLocaleString('en')} codings.`,
    '',
    '| figure | value | goal |',
    '| --- | ---: | --- |',
    `| the coding view to its sources (3 visits) | ${f.viewMs.map(ms).join(', ')} | |`,
    `| a transcript of 20,000 words opened: "open" → its turns drawn with their marks | ${f.openMs.map(ms).join(', ')} | < 300 ms |`,
    `| a new coding: "apply" → drawn, p50 (n = ${f.codeMs.n}) | ${ms(f.codeMs.p50)} | |`,
    `| same, p95 | ${ms(f.codeMs.p95)} | < 50 ms |`,
    `| a search across all sources: typed → hits drawn (first, then four more) | ${f.searchMs.map(ms).join(', ')} | < 100 ms |`,
    `| \`.qdpx\` export, click → file | ${ms(f.qdpxMs)} | < 2 s |`,
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href)
  console.log(transcriptsMarkdown(await benchTranscripts()));
