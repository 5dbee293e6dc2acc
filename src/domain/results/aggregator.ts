/**
 * Results of a survey, kept up to date one response at a time. Each respondent belongs to one
 * group (role × school); each group has a tally (an array of counts over the survey's cells).
 * Setting a response subtracts what it counted before and adds what it counts now, so an
 * incoming answer costs a few dozen additions, whatever the number of responses; results for a
 * filter sum the tallies of the groups it keeps. Open answers are kept as a list per item.
 *
 * A snapshot is the same counts as plain data (groups, tallies, open answers in columns): what a
 * session's stored summary holds, so that a study of many sessions merges a few hundred
 * snapshots instead of counting every response again (state/study/session-summaries.ts).
 */
import type { Answers } from '../answers';
import type { Survey } from '../survey-schema';
import { buildCellIndex, contributions, type CellIndex } from './cells';
import { sameAnswerKey } from './identical-answers';
import { itemResult, type ItemResult } from './item-results';

/** One response as the results see it: who (role, school) and what they answered. */
export interface Respondent {
  id: string;
  role: string | undefined;
  school: string | undefined;
  answers: Answers;
}

export interface ResultsFilter {
  role?: string | undefined;
  school?: string | undefined;
}

export interface OpenAnswer {
  responseId: string;
  itemId: string;
  text: string;
  /** What makes it the same answer as another (`sameAnswerKey`), worked out once. */
  sameKey: string;
  role: string | undefined;
  school: string | undefined;
}

export interface SurveyResults {
  /** Respondents in the filter. */
  n: number;
  items: ItemResult[];
}

interface Group {
  role: string | undefined;
  school: string | undefined;
  n: number;
  tally: Int32Array;
}

interface Counted {
  group: Group;
  cells: number[];
  open: OpenAnswer[];
}

/** The open answers of one group to one item, in columns (cheap to store and to read back). */
export interface OpenColumn {
  itemId: string;
  responseIds: string[];
  texts: string[];
  sameKeys: string[];
}

/** Counts as plain data, for storing and merging: one entry per group (role × school). */
export interface ResultsSnapshot {
  groups: {
    role: string | undefined;
    school: string | undefined;
    n: number;
    tally: Int32Array;
    open: OpenColumn[];
  }[];
}

/** Open answers merged in from snapshots, kept in columns until an item's list is asked for. */
interface MergedOpen {
  group: Group;
  columns: readonly OpenColumn[];
  /** Each column's answers, made on first use (a filter change then only picks lists). */
  answers: Map<OpenColumn, OpenAnswer[]>;
}

export class ResultsAggregator {
  readonly survey: Survey;
  readonly #index: CellIndex;
  readonly #groups = new Map<string, Group>();
  readonly #respondents = new Map<string, Counted>();
  readonly #merged: MergedOpen[] = [];
  readonly #openItems: string[];

  constructor(survey: Survey) {
    this.survey = survey;
    this.#index = buildCellIndex(survey);
    this.#openItems = this.#index.items.filter((i) => i.type === 'open-text').map((i) => i.id);
  }

  /** A fresh aggregator over all these respondents (loads and imports). */
  static of(survey: Survey, respondents: Iterable<Respondent>): ResultsAggregator {
    const results = new ResultsAggregator(survey);
    for (const respondent of respondents) results.set(respondent);
    return results;
  }

  /**
   * A fresh aggregator over snapshots (sessions counted before). A snapshot's tallies must be of
   * this survey's cells: counted by an aggregator of the same survey.
   */
  static ofSnapshots(survey: Survey, snapshots: Iterable<ResultsSnapshot>): ResultsAggregator {
    const results = new ResultsAggregator(survey);
    for (const snapshot of snapshots) results.#addSnapshot(snapshot);
    return results;
  }

  /** What this aggregator counts, as plain data. */
  snapshot(): ResultsSnapshot {
    const open = new Map<Group, Map<string, OpenColumn>>();
    const columnOf = (group: Group, itemId: string) => {
      let byItem = open.get(group);
      if (!byItem) open.set(group, (byItem = new Map<string, OpenColumn>()));
      let column = byItem.get(itemId);
      if (!column)
        byItem.set(itemId, (column = { itemId, responseIds: [], texts: [], sameKeys: [] }));
      return column;
    };
    const add = (column: OpenColumn, id: string, text: string, sameKey: string) => {
      column.responseIds.push(id);
      column.texts.push(text);
      column.sameKeys.push(sameKey);
    };
    for (const { group, open: answers } of this.#respondents.values())
      for (const answer of answers)
        add(columnOf(group, answer.itemId), answer.responseId, answer.text, answer.sameKey);
    for (const { group, columns } of this.#merged)
      for (const { itemId, responseIds, texts, sameKeys } of columns) {
        const column = columnOf(group, itemId);
        responseIds.forEach((id, i) => add(column, id, texts[i]!, sameKeys[i]!));
      }
    return {
      groups: [...this.#groups.values()]
        .filter((g) => g.n > 0)
        .map((group) => ({
          role: group.role,
          school: group.school,
          n: group.n,
          tally: group.tally.slice(),
          open: [...(open.get(group)?.values() ?? [])],
        })),
    };
  }

  get size(): number {
    return this.#respondents.size;
  }

  /** Counts a respondent, or counts it anew (its earlier answers no longer count). */
  set(respondent: Respondent): void {
    this.remove(respondent.id);
    const group = this.#group(respondent.role, respondent.school);
    const cells = contributions(this.#index, respondent.answers);
    for (const cell of cells) group.tally[cell]!++;
    group.n++;
    const open: OpenAnswer[] = [];
    for (const itemId of this.#openItems) {
      const text = respondent.answers[itemId];
      if (typeof text === 'string' && text.trim() !== '')
        open.push({
          responseId: respondent.id,
          itemId,
          text,
          sameKey: sameAnswerKey(text),
          role: group.role,
          school: group.school,
        });
    }
    this.#respondents.set(respondent.id, { group, cells, open });
  }

  remove(id: string): void {
    const counted = this.#respondents.get(id);
    if (!counted) return;
    for (const cell of counted.cells) counted.group.tally[cell]!--;
    counted.group.n--;
    this.#respondents.delete(id);
  }

  /** Every item's result for the respondents the filter keeps. */
  results(filter: ResultsFilter = {}): SurveyResults {
    const { n, tally } = this.#sum(filter);
    return { n, items: this.#index.items.map((item) => itemResult(item, this.#index, tally)) };
  }

  /** One item's result (cheaper than all of them, for one chart). */
  itemResults(itemId: string, filter: ResultsFilter = {}): ItemResult | undefined {
    const item = this.#index.items.find((i) => i.id === itemId);
    if (!item) return undefined;
    return itemResult(item, this.#index, this.#sum(filter).tally);
  }

  /** Open answers to an item, for the respondents the filter keeps. */
  openAnswers(itemId: string, filter: ResultsFilter = {}): OpenAnswer[] {
    const answers: OpenAnswer[] = [];
    for (const merged of this.#merged) {
      if (!matches(merged.group, filter)) continue;
      for (const column of merged.columns)
        if (column.itemId === itemId)
          for (const answer of answersOf(merged, column)) answers.push(answer);
    }
    for (const { group, open } of this.#respondents.values()) {
      if (!matches(group, filter)) continue;
      for (const answer of open) if (answer.itemId === itemId) answers.push(answer);
    }
    return answers;
  }

  /** The groups with their sizes (for filter menus and the anonymity threshold). */
  groups(): { role: string | undefined; school: string | undefined; n: number }[] {
    return [...this.#groups.values()]
      .filter((g) => g.n > 0)
      .map(({ role, school, n }) => ({ role, school, n }));
  }

  /**
   * Adds open answers kept apart from their snapshot's counts (merged in with `ofSnapshots`
   * before): each group's to the group of its role and school.
   */
  addOpen(groups: Iterable<Pick<ResultsSnapshot['groups'][number], 'role' | 'school' | 'open'>>) {
    for (const { role, school, open } of groups)
      if (open.length > 0)
        this.#merged.push({ group: this.#group(role, school), columns: open, answers: new Map() });
  }

  #addSnapshot(snapshot: ResultsSnapshot): void {
    for (const { role, school, n, tally } of snapshot.groups) {
      if (tally.length !== this.#index.size)
        throw new Error('A snapshot of other cells than this survey’s');
      const group = this.#group(role, school);
      group.n += n;
      for (let cell = 0; cell < tally.length; cell++) group.tally[cell]! += tally[cell]!;
    }
    this.addOpen(snapshot.groups);
  }

  #sum(filter: ResultsFilter): { n: number; tally: Int32Array } {
    const tally = new Int32Array(this.#index.size);
    let n = 0;
    for (const group of this.#groups.values()) {
      if (group.n === 0 || !matches(group, filter)) continue;
      n += group.n;
      for (let cell = 0; cell < tally.length; cell++) tally[cell]! += group.tally[cell]!;
    }
    return { n, tally };
  }

  #group(role: string | undefined, school: string | undefined): Group {
    const key = `${role ?? ''}\u0000${school ?? ''}`;
    let group = this.#groups.get(key);
    if (!group) {
      group = { role, school, n: 0, tally: new Int32Array(this.#index.size) };
      this.#groups.set(key, group);
    }
    return group;
  }
}

function answersOf(merged: MergedOpen, column: OpenColumn): OpenAnswer[] {
  let answers = merged.answers.get(column);
  if (!answers) {
    const { role, school } = merged.group;
    const { itemId, responseIds, sameKeys } = column;
    answers = column.texts.map((text, i) => ({
      responseId: responseIds[i]!,
      itemId,
      text,
      sameKey: sameKeys[i]!,
      role,
      school,
    }));
    merged.answers.set(column, answers);
  }
  return answers;
}

function matches(group: Group, filter: ResultsFilter): boolean {
  return (
    (filter.role === undefined || group.role === filter.role) &&
    (filter.school === undefined || group.school === filter.school)
  );
}
