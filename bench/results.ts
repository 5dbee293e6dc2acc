/**
 * Results benchmarks (issue 4), pure domain code in Node: a full aggregation of 10,000 responses
 * to the bundled study, and one incoming answer → the updated result of its item with those
 * 10,000 loaded. Responses are random but valid, from a fixed seed (the same every run).
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { allowedValues, answerKeys, type AnswerValue } from '../src/domain/answers';
import { ResultsAggregator, type Respondent } from '../src/domain/results/aggregator';
import type { Survey } from '../src/domain/survey-schema';
import { validateSurvey } from '../src/domain/survey-validate';

export interface ResultsFigures {
  responses: number;
  fullMs: { median: number; max: number };
  incrementalMs: { n: number; p50: number; p95: number; max: number };
}

/** mulberry32: a small seeded PRNG, so every run aggregates the same data. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function respondents(survey: Survey, count: number, rand: () => number): Respondent[] {
  const items = survey.sections.flatMap((s) => s.items);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const answers: Record<string, AnswerValue> = {};
    for (const item of items)
      for (const key of answerKeys(item)) {
        if (rand() < 0.05) continue; // some left blank
        const allowed = allowedValues(item, key);
        if (allowed) answers[key] = pick(allowed);
        else if (item.type === 'open-text') answers[key] = `antwoord ${i}`;
      }
    return {
      id: `r${i}`,
      role: pick(['leerkracht', 'leerling', 'ouder']),
      school: `s${i % 7}`,
      answers,
    };
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** The study and a seeded generator of its respondents (shared with the browser part). */
export function studyData(count: number): {
  definition: string;
  data: Respondent[];
  changes: Respondent[];
} {
  const definition = readFileSync('static/surveys/som-2022.json', 'utf8');
  const checked = validateSurvey(definition);
  if (!checked.ok) throw new Error('the bundled survey is invalid');
  const rand = random(42);
  const data = respondents(checked.survey, count, rand);
  const changes = respondents(checked.survey, 1000, rand).map((c, i) => ({
    ...c,
    id: `r${(i * 7919) % count}`,
  }));
  return { definition, data, changes };
}

export function benchResults(count = 10_000): ResultsFigures {
  const checked = validateSurvey(readFileSync('static/surveys/som-2022.json', 'utf8'));
  if (!checked.ok) throw new Error('the bundled survey is invalid');
  const survey = checked.survey;
  const rand = random(42);
  const data = respondents(survey, count, rand);

  const full: number[] = [];
  let results = new ResultsAggregator(survey);
  for (let run = 0; run < 7; run++) {
    const start = performance.now();
    results = ResultsAggregator.of(survey, data);
    results.results();
    full.push(performance.now() - start);
  }
  full.sort((a, b) => a - b);

  const changes = respondents(survey, 1000, rand);
  const times: number[] = [];
  for (const [i, change] of changes.entries()) {
    const respondent = { ...change, id: `r${(i * 7919) % count}` };
    const start = performance.now();
    results.set(respondent);
    results.itemResults('welbevinden_stellingen');
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return {
    responses: count,
    fullMs: { median: percentile(full, 50), max: full.at(-1)! },
    incrementalMs: {
      n: times.length,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      max: times.at(-1)!,
    },
  };
}
