/**
 * The results of a session on the facilitator's laptop — live: loaded once from what the laptop
 * stored (a full count), then kept up to date with every response the session stores (one
 * response at a time, results/aggregator.ts) — or of several sessions of one questionnaire (a
 * study, merged from bundles), merged from each session's stored summary. Only checked, valid
 * responses count; by default only submitted ones, so a chart does not move while someone is
 * still choosing.
 */
/* eslint-disable svelte/prefer-svelte-reactivity -- the maps here are private bookkeeping (or
   passed in whole); views read the derived results, refreshed through #version. */
import type { ResponseRecord } from '../../domain/response';
import {
  ResultsAggregator,
  type OpenAnswer,
  type ResultsFilter,
  type SurveyResults,
} from '../../domain/results/aggregator';
import {
  countedRespondent,
  type SessionSummary,
  type SummaryOpen,
} from '../../domain/results/session-summary';
import type { Survey } from '../../domain/survey-schema';
import type { CollectedRow, KringDb, SessionRow } from '../../storage/db';
import { collectedIn } from '../../storage/collected-store';
import type { FacilitatorSession } from './facilitator-session.svelte';
import { openAnswersOf, summariesOf, type SummaryStudy } from '../study/session-summaries';

export class SessionResults {
  filter = $state.raw<ResultsFilter>({});
  /** Count responses still being answered too (they change as people answer). */
  #includeInProgress = $state(false);
  /**
   * Bumped on every change of the counts, so the derived results are read again. (Not a
   * createSubscriber: the aggregate must count every stored row, read by a view or not.)
   */
  #version = $state(0);
  /** Bumped when open answers arrive after the counts (only their lists are read again). */
  #openVersion = $state(0);

  readonly survey: Survey;
  /** Session id → the school the facilitator gave it. */
  readonly #schools: ReadonlyMap<string, string>;
  #aggregator: ResultsAggregator;
  /** The row keys the live aggregate counts now. */
  readonly #counted = new Set<string>();
  /** The latest valid response of each row key (device/response), counted or not. */
  readonly #latest = new Map<string, { response: ResponseRecord; sessionId: string }>();
  #stop: (() => void) | undefined;
  /** A study's sessions, summarised (none: a live session, counted response by response). */
  #summaries: SessionSummary[] | undefined;
  /** Their open answers, read after their counts (none yet: still being read). */
  #open: SummaryOpen[] = [];
  /** School key → the name as the facilitator or a respondent first wrote it. */
  readonly #schoolNames = new Map<string, string>();

  /** Whether the open answers are in: a study's are read after its counts and charts. */
  openLoaded = $state(true);
  /** Why its open answers could not be read, if they could not. */
  openProblem = $state.raw<unknown>();
  /** Settles once the open answers are in (or could not be read). */
  openReady: Promise<void> = Promise.resolve();

  readonly results: SurveyResults = $derived.by(() => {
    void this.#version;
    return this.#aggregator.results(this.filter);
  });
  readonly groups = $derived.by(() => {
    void this.#version;
    return this.#aggregator.groups();
  });

  private constructor(survey: Survey, schools: ReadonlyMap<string, string>) {
    this.survey = survey;
    this.#schools = schools;
    this.#aggregator = new ResultsAggregator(survey);
  }

  /** A running session's results, live. */
  static async load(session: FacilitatorSession): Promise<SessionResults> {
    const results = new SessionResults(
      session.survey,
      new Map([[session.session.id, session.session.school]]),
    );
    // Listen first, so nothing stored while loading is missed (a row counted twice just replaces itself).
    results.#stop = session.onStored((row) => results.#apply(row));
    await results.#loadRows(session.db, [session.session.id]);
    return results;
  }

  /**
   * The merged results of stored sessions of one questionnaire (a study), counted against its
   * latest version: an earlier version's answer counts where its item kept its meaning.
   */
  static async ofSessions(
    db: KringDb,
    sessions: Pick<SessionRow, 'id' | 'school'>[],
    study: SummaryStudy,
  ): Promise<SessionResults> {
    const results = new SessionResults(
      study.plan.latest,
      new Map(sessions.map((s) => [s.id, s.school])),
    );
    // The counts first: at 50,000 responses the open answers are most of what is read.
    const summaries = await summariesOf(db, sessions, study, { countsOnly: true });
    results.#summaries = summaries;
    for (const { schoolNames } of summaries)
      for (const [key, name] of schoolNames)
        if (!results.#schoolNames.has(key)) results.#schoolNames.set(key, name);
    results.#aggregator = results.#fromSummaries();
    results.openLoaded = false;
    results.openReady = results.#loadOpen(db, sessions, study);
    return results;
  }

  async #loadOpen(
    db: KringDb,
    sessions: Pick<SessionRow, 'id' | 'school'>[],
    study: SummaryStudy,
  ): Promise<void> {
    try {
      this.#open = await openAnswersOf(db, sessions, study);
      this.#addOpen(this.#aggregator);
      this.#openVersion++;
    } catch (error) {
      this.openProblem = error;
    } finally {
      this.openLoaded = true;
    }
  }

  async #loadRows(db: KringDb, sessionIds: string[]): Promise<void> {
    const rows = await collectedIn(db, sessionIds);
    for (const row of rows) this.#apply(row, false);
    this.#version++;
  }

  get includeInProgress(): boolean {
    return this.#includeInProgress;
  }

  set includeInProgress(include: boolean) {
    this.#includeInProgress = include;
    if (this.#summaries) this.#aggregator = this.#fromSummaries();
    else {
      const counted = [...this.#latest.entries()].filter(([, { response }]) =>
        this.#counts(response),
      );
      this.#counted.clear();
      for (const [key] of counted) this.#counted.add(key);
      this.#aggregator = ResultsAggregator.of(
        this.survey,
        counted.map(([key, { response, sessionId }]) => this.#respondent(key, response, sessionId)),
      );
    }
    this.#version++;
  }

  #fromSummaries(): ResultsAggregator {
    const summaries = this.#summaries ?? [];
    const aggregator = ResultsAggregator.ofSnapshots(
      this.survey,
      summaries.flatMap((s) =>
        this.#includeInProgress ? [s.submitted, s.inProgress] : [s.submitted],
      ),
    );
    this.#addOpen(aggregator);
    return aggregator;
  }

  #addOpen(aggregator: ResultsAggregator): void {
    for (const { submitted, inProgress } of this.#open) {
      aggregator.addOpen(submitted);
      if (this.#includeInProgress) aggregator.addOpen(inProgress);
    }
  }

  /** Open answers to an item, for the current filter. */
  openAnswers(itemId: string): OpenAnswer[] {
    void this.#version;
    void this.#openVersion;
    return this.#aggregator.openAnswers(itemId, this.filter);
  }

  destroy(): void {
    this.#stop?.();
  }

  #apply(row: CollectedRow, notify = true): void {
    if (!this.#schools.has(row.sessionId)) return;
    const response = row.status === 'valid' ? row.response : undefined;
    if (response) this.#latest.set(row.key, { response, sessionId: row.sessionId });
    else this.#latest.delete(row.key);
    const counted = this.#counted.has(row.key);
    if (response && this.#counts(response)) {
      this.#aggregator.set(this.#respondent(row.key, response, row.sessionId));
      this.#counted.add(row.key);
    } else if (counted) {
      this.#aggregator.remove(row.key);
      this.#counted.delete(row.key);
    } else return; // counted neither before nor now (an answer still being given): no change
    if (notify) this.#version++;
  }

  #counts(response: ResponseRecord): boolean {
    return response.status === 'submitted' || this.#includeInProgress;
  }

  #respondent(key: string, response: ResponseRecord, sessionId: string) {
    const school = this.#schools.get(sessionId);
    const { respondent, schoolGiven } = countedRespondent(this.survey, { key, response }, school);
    if (respondent.school !== undefined && !this.#schoolNames.has(respondent.school))
      this.#schoolNames.set(respondent.school, schoolGiven ?? respondent.school);
    return respondent;
  }

  /** How a school (a grouping key) is written, as first given. */
  schoolName(key: string): string {
    return this.#schoolNames.get(key) ?? key;
  }
}
