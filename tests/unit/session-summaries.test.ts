/**
 * A study's results are merged from each session's stored summary (issue 23). What a researcher
 * must never see: a summary that lags behind the responses stored, or one counted against
 * another version than the study shows.
 */
import { describe, expect, it } from 'vitest';
import { ResultsAggregator, type ResultsSnapshot } from '../../src/domain/results/aggregator';
import { respondentOf } from '../../src/domain/results/respondent';
import type { ResponseRecord } from '../../src/domain/response';
import { SessionResults } from '../../src/state/facilitator/session-results.svelte';
import { createSession } from '../../src/state/facilitator/sessions';
import { importBundle } from '../../src/state/study/bundles';
import { loadCodingSources } from '../../src/state/study/coding-sources';
import { ImportedSummaries } from '../../src/state/study/session-summaries';
import { studyGroups } from '../../src/state/study/study';
import { StudySelection } from '../../src/state/study/study-selection.svelte';
import { collectedIn, putCollected, rowsAtRevision } from '../../src/storage/collected-store';
import type { KringDb } from '../../src/storage/db';
import { putSummaryIfCurrent, summariesMadeFor } from '../../src/storage/tally-store';
import { collect, sessionWithResponses, studyResponse } from '../fixtures/collected-sessions';
import { freshDatabases } from '../fixtures/databases';
import { studyBundle } from '../fixtures/study-bundle';
import { parsedSurvey, studyJson } from '../fixtures/surveys';

const freshDb = freshDatabases('session-summaries');

/** The study's results counted the slow way: every stored valid, submitted response. */
async function countedFromRows(db: KringDb) {
  const [group] = await studyGroups(db);
  const rows = await collectedIn(
    db,
    group!.sessions.map((s) => s.id),
  );
  const school = new Map(group!.sessions.map((s) => [s.id, s.school]));
  return ResultsAggregator.of(
    group!.survey,
    rows
      .filter((r) => r.status === 'valid' && r.response?.status === 'submitted')
      .map((r) => ({
        ...respondentOf(group!.survey, r.response!, school.get(r.sessionId)),
        id: r.key,
      })),
  );
}

/** The same response, still being answered. */
function inProgress(response: ResponseRecord): ResponseRecord {
  const still: ResponseRecord = { ...response, status: 'in-progress' };
  delete still.submittedAt;
  return still;
}

async function studyResults(db: KringDb) {
  const study = new StudySelection(db);
  await study.refresh();
  return study.results!;
}

describe("a study's stored summaries", () => {
  it('follow every change of a session: a response added, taken out, or submitted at last', async () => {
    const db = freshDb();
    const a = await sessionWithResponses(db, 'School A', 3);
    await sessionWithResponses(db, 'School B', 2);
    expect((await studyResults(db)).results.n).toBe(5);
    const [group] = await studyGroups(db);
    expect((await summariesMadeFor(db, [a.id], group!.basis)).size).toBe(1);

    const late = inProgress(studyResponse(9));
    await collect(db, a.id, late, 'tablet-late');
    expect((await summariesMadeFor(db, [a.id], group!.basis)).size).toBe(0); // out of date
    let results = await studyResults(db);
    expect(results.results.n).toBe(5); // still being answered: not counted by default
    results.includeInProgress = true;
    expect(results.results.n).toBe(6);

    await collect(db, a.id, { ...late, status: 'submitted', submittedAt: 2 }, 'tablet-late');
    expect((await studyResults(db)).results.n).toBe(6);

    const [first] = await collectedIn(db, a.id);
    await putCollected(db, { ...first!, status: 'removed' }); // a test response, taken out
    results = await studyResults(db);
    expect(results.results.n).toBe(5);
    expect(results.results.items.map((i) => i.n)).toEqual(
      (await countedFromRows(db)).results().items.map((i) => i.n),
    );
  });

  it('a summary made from rows read before a write is not stored', async () => {
    const db = freshDb();
    const a = await sessionWithResponses(db, 'School A', 2);
    const [group] = await studyGroups(db);
    const { revision } = await rowsAtRevision(db, a.id);
    await collect(db, a.id, studyResponse(5)); // arrives while the summary is being made
    const stale = ResultsAggregator.of(group!.survey, []).snapshot();
    const summary = { submitted: stale, inProgress: stale, schoolNames: [] };
    expect(await putSummaryIfCurrent(db, a.id, revision, group!.basis, summary)).toBe(false);
    expect((await studyResults(db)).results.n).toBe(3);
  });

  it("an import's summaries, stored at once, leave out a session written after the import read it", async () => {
    const db = freshDb();
    const a = await sessionWithResponses(db, 'School A', 2);
    const b = await sessionWithResponses(db, 'School B', 1);
    const [group] = await studyGroups(db);
    const summaries = await ImportedSummaries.start(db, new Set([a.id, b.id]));
    for (const session of [a, b]) {
      const { rows, revision } = await rowsAtRevision(db, session.id);
      summaries.record({ rows, steps: new Map([[session.id, { from: 0, to: revision }]]) });
    }
    await collect(db, a.id, studyResponse(5)); // a tablet's answer, before the summaries are stored
    await summaries.store(db);
    const stored = await summariesMadeFor(db, [a.id, b.id], group!.basis);
    expect([...stored.keys()]).toEqual([b.id]);
    expect((await studyResults(db)).results.n).toBe(4);
  });

  it('are counted again against a later version once one arrives', async () => {
    const db = freshDb();
    const v1 = await sessionWithResponses(db, 'School A', 2);
    const [before] = await studyGroups(db);
    expect((await studyResults(db)).results.n).toBe(2);
    const later = structuredClone(studyJson()) as { version: number };
    later.version = 2;
    const v2 = await createSession(db, {
      definition: JSON.stringify(parsedSurvey(later)),
      title: 'v2',
      school: 'School B',
    });
    await collect(db, v2.id, { ...studyResponse(3), surveyVersion: 2 });
    const [after] = await studyGroups(db);
    expect(after!.basis).not.toBe(before!.basis);
    expect((await studyResults(db)).results.n).toBe(3);
    expect((await summariesMadeFor(db, [v1.id], after!.basis)).size).toBe(1);
  });

  it('an import stores the summaries of the sessions it added, the same as counting its rows', async () => {
    const db = freshDb();
    const bundle = studyBundle(120, 4);
    const result = await importBundle(db, bundle, { batchSize: 50 });
    expect(result.ok).toBe(true);
    const [group] = await studyGroups(db);
    const ids = group!.sessions.map((s) => s.id);
    expect((await summariesMadeFor(db, ids, group!.basis)).size).toBe(4);

    const results = await SessionResults.ofSessions(db, group!.sessions, group!);
    const slow = await countedFromRows(db);
    expect(results.results.n).toBe(120);
    expect(JSON.stringify(results.results)).toBe(JSON.stringify(slow.results()));
    expect(results.groups).toEqual(slow.groups());
    const open = (r: { openAnswers(id: string): { responseId: string }[] }) =>
      r
        .openAnswers('welbevinden_acties')
        .map((a) => a.responseId)
        .sort();
    // The counts come first; the open answers are read after them.
    expect(results.openLoaded).toBe(false);
    await results.openReady;
    expect(results.openLoaded).toBe(true);
    expect(open(results)).toEqual(open(slow));
    expect(open(results)).toHaveLength(120);
    // Counted with the answers still being given too, and without them again.
    results.includeInProgress = true;
    expect(open(results)).toHaveLength(120);
    results.includeInProgress = false;
    expect(open(results)).toHaveLength(120);
  });

  it("uses a summary's open answers only when they are of its counts' revision", async () => {
    const db = freshDb();
    const a = await sessionWithResponses(db, 'School A', 3);
    const late = inProgress(studyResponse(9));
    await collect(db, a.id, late, 'tablet-late');
    let results = await studyResults(db); // summarised and stored
    await results.openReady;
    results.includeInProgress = true;
    const openOf = (r: SessionResults) => r.openAnswers('welbevinden_acties').length;
    expect(openOf(results)).toBe(4);
    const [group] = await studyGroups(db);
    expect((await summariesMadeFor(db, [a.id], group!.basis)).size).toBe(1);
    // Open answers of another revision (a write that stored its counts, not its open answers).
    await db.openTallies.update(a.id, { revision: 0, open: { submitted: [], inProgress: [] } });
    expect((await summariesMadeFor(db, [a.id], group!.basis)).size).toBe(0);
    expect((await summariesMadeFor(db, [a.id], group!.basis, { countsOnly: true })).size).toBe(1);
    results = await studyResults(db);
    await results.openReady;
    results.includeInProgress = true;
    expect(openOf(results)).toBe(4); // made again from the rows
  });

  it("an import's summaries count a response once when a later batch brings its newer version", async () => {
    const db = freshDb();
    const bundle = studyBundle(6, 2);
    const later = bundle.responses[0]!;
    const earlier = { ...later, response: { ...inProgress(later.response), updatedAt: 1 } };
    // The in-progress version in the first batch, the submitted one in the second.
    bundle.responses.unshift(earlier);
    expect((await importBundle(db, bundle, { batchSize: 1 })).ok).toBe(true);
    const [group] = await studyGroups(db);
    const ids = group!.sessions.map((s) => s.id);
    const stored = await summariesMadeFor(db, ids, group!.basis);
    expect(stored.size).toBe(2);
    const n = (snapshots: ResultsSnapshot[]) =>
      ResultsAggregator.ofSnapshots(group!.survey, snapshots).results().n;
    expect(n([...stored.values()].map((s) => s.submitted))).toBe(6);
    expect(n([...stored.values()].map((s) => s.inProgress))).toBe(0);
    expect((await studyResults(db)).results.n).toBe(6);
  });

  it('an import leaves a session someone else wrote to meanwhile to be counted from its rows', async () => {
    const db = freshDb();
    const bundle = studyBundle(120, 4);
    let extra: Promise<void> | undefined;
    const result = await importBundle(db, bundle, {
      batchSize: 40,
      onProgress: ({ stored }) => {
        // A response of the hub lands in the first session between two batches.
        if (stored === 40) extra = collect(db, 'session-0000', studyResponse(1), 'tablet-hub');
      },
    });
    expect(result.ok).toBe(true);
    await extra;
    const [group] = await studyGroups(db);
    const stored = await summariesMadeFor(
      db,
      group!.sessions.map((s) => s.id),
      group!.basis,
    );
    expect(stored.has('session-0000')).toBe(false);
    expect(stored.size).toBe(3);
    expect((await studyResults(db)).results.n).toBe(121);
  });

  it("give the coding view every open answer, as the sessions' rows hold them, in their order", async () => {
    const db = freshDb();
    await importBundle(db, studyBundle(90, 3), { batchSize: 40 });
    const [group] = await studyGroups(db);
    const session = group!.sessions[1]!;
    await collect(db, session.id, inProgress(studyResponse(7)), 'tablet-busy');
    const [first] = await collectedIn(db, session.id);
    await putCollected(db, { ...first!, status: 'removed' });

    // What the coding view showed before summaries: every valid row's open answers, read.
    const expected: string[] = [];
    for (const s of group!.sessions)
      for (const row of await collectedIn(db, s.id)) {
        if (row.status !== 'valid') continue;
        for (const item of [
          'welbevinden_acties',
          'welbevinden_toekomst',
          'gelijke_kansen_toelichting',
          'digitalisering_toelichting',
          'verandering_toelichting',
        ]) {
          const text = row.response!.answers[item];
          if (typeof text === 'string' && text.trim())
            expected.push(
              `open/${row.key}/${item}|${String(row.response!.answers['profiel.role'])}`,
            );
        }
      }
    const { sources } = await loadCodingSources(db);
    expect(sources.map((s) => `${s.key}|${s.role}`)).toEqual(expected);
    expect(sources.some((s) => s.key.includes('tablet-busy'))).toBe(true);
    expect(sources.some((s) => s.key.includes(first!.key))).toBe(false);
  });
});
