/**
 * The study page's state: the studies on this laptop (sessions of one questionnaire, merged
 * from bundles and the hub), the one shown, the sessions chosen in it, and their results.
 * A refresh (sessions arriving from the hub) keeps what the facilitator left out, out.
 */
import type { KringDb } from '../../storage/db';
import { SessionResults } from '../facilitator/session-results.svelte';
import { problemOf, type ProblemKind } from '../problems';
import { studyGroups, type StudyGroup } from './study';

export class StudySelection {
  groups = $state.raw<StudyGroup[]>([]);
  groupKey = $state('');
  chosen = $state<string[]>([]);
  results = $state.raw<SessionResults | undefined>();
  /** Set when the studies or their results could not be read. */
  problem = $state<ProblemKind | undefined>();
  readonly group = $derived(this.groups.find((g) => g.key === this.groupKey));
  readonly #db: KringDb;

  constructor(db: KringDb) {
    this.#db = db;
  }

  async refresh(): Promise<void> {
    try {
      const found = await studyGroups(this.#db);
      // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, not state
      const known = new Set(this.groups.flatMap((g) => g.sessions.map((s) => s.id)));
      this.groups = found;
      const current = found.find((g) => g.key === this.groupKey) ?? found[0];
      if (!current) return;
      if (current.key !== this.groupKey) return await this.pick(current);
      // Sessions new to this view are chosen; what the facilitator left out stays out.
      const added = current.sessions.filter((s) => !known.has(s.id)).map((s) => s.id);
      this.chosen = [...this.chosen, ...added];
      await this.load();
    } catch (error) {
      this.problem = problemOf(error);
    }
  }

  /** Shows another study, with all its sessions chosen. */
  pick(next: StudyGroup): Promise<void> {
    this.groupKey = next.key;
    this.chosen = next.sessions.map((s) => s.id);
    return this.load();
  }

  /** The results of the chosen sessions. */
  async load(): Promise<void> {
    const current = this.group;
    if (!current) return;
    const sessions = current.sessions.filter((s) => this.chosen.includes(s.id));
    try {
      this.results = await SessionResults.ofSessions(this.#db, sessions, current);
      this.problem = undefined;
    } catch (error) {
      this.problem = problemOf(error);
    }
  }
}
