/**
 * The live results of a session on the facilitator's laptop: loaded once from what the laptop
 * stored (a full count), then kept up to date with every response the session stores (one
 * response at a time, results/aggregator.ts). Only checked, valid responses count; by default
 * only submitted ones, so a chart does not move while someone is still choosing.
 */
import type { ResponseRecord } from '../domain/response';
import {
  ResultsAggregator,
  type OpenAnswer,
  type ResultsFilter,
  type SurveyResults,
} from '../domain/results/aggregator';
import { respondentOf } from '../domain/results/respondent';
import type { CollectedRow } from '../storage/db';
import type { FacilitatorSession } from './facilitator-session.svelte';

export class SessionResults {
  filter = $state.raw<ResultsFilter>({});
  /** Count responses still being answered too (they change as people answer). */
  #includeInProgress = $state(false);
  /** Bumped on every change of the counts, so the derived results are read again. */
  #version = $state(0);

  readonly #session: FacilitatorSession;
  #aggregator: ResultsAggregator;
  /** The latest valid response of each row key (device/response), counted or not. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- private; views read #version
  readonly #latest = new Map<string, ResponseRecord>();
  #stop: (() => void) | undefined;

  readonly results: SurveyResults = $derived.by(() => {
    void this.#version;
    return this.#aggregator.results(this.filter);
  });
  readonly groups = $derived.by(() => {
    void this.#version;
    return this.#aggregator.groups();
  });

  private constructor(session: FacilitatorSession) {
    this.#session = session;
    this.#aggregator = new ResultsAggregator(session.survey);
  }

  static async load(session: FacilitatorSession): Promise<SessionResults> {
    const results = new SessionResults(session);
    // Listen first, so nothing stored while loading is missed (a row counted twice just replaces itself).
    results.#stop = session.onStored((row) => results.#apply(row));
    const rows = await session.db.collected.where('sessionId').equals(session.session.id).toArray();
    for (const row of rows) results.#apply(row, false);
    results.#version++;
    return results;
  }

  get includeInProgress(): boolean {
    return this.#includeInProgress;
  }

  set includeInProgress(include: boolean) {
    this.#includeInProgress = include;
    this.#aggregator = ResultsAggregator.of(
      this.#session.survey,
      [...this.#latest.entries()]
        .filter(([, response]) => this.#counts(response))
        .map(([key, response]) => this.#respondent(key, response)),
    );
    this.#version++;
  }

  /** Open answers to an item, for the current filter. */
  openAnswers(itemId: string): OpenAnswer[] {
    void this.#version;
    return this.#aggregator.openAnswers(itemId, this.filter);
  }

  destroy(): void {
    this.#stop?.();
  }

  #apply(row: CollectedRow, notify = true): void {
    if (row.sessionId !== this.#session.session.id) return;
    const response = row.status === 'valid' ? row.response : undefined;
    if (response) this.#latest.set(row.key, response);
    else this.#latest.delete(row.key);
    if (response && this.#counts(response))
      this.#aggregator.set(this.#respondent(row.key, response));
    else this.#aggregator.remove(row.key);
    if (notify) this.#version++;
  }

  #counts(response: ResponseRecord): boolean {
    return response.status === 'submitted' || this.#includeInProgress;
  }

  #respondent(key: string, response: ResponseRecord) {
    return {
      ...respondentOf(this.#session.survey, response, this.#session.session.school),
      id: key,
    };
  }
}
