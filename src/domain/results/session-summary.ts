/**
 * A session's results as a study counts them, kept as plain data: the snapshots of its submitted
 * responses and of those still being answered, counted against the study's latest version, and
 * the schools as their names were first given. A study of 200 sessions then merges 200 summaries
 * instead of reading and counting every response again (docs/BENCHMARKS.md, issue 23).
 */
import { comparableAnswers, type VersionPlan } from '../authoring/versions';
import type { ResponseRecord } from '../response';
import type { Survey } from '../survey-schema';
import {
  ResultsAggregator,
  type OpenColumn,
  type Respondent,
  type ResultsSnapshot,
} from './aggregator';
import { respondentOf, typedSchool } from './respondent';

/**
 * The form of a summary: part of what it is stored against, so that summaries stored by an
 * earlier Kring (other fields, another `sameAnswerKey`) are made again, never misread.
 */
export const SUMMARY_FORMAT = 2;

export interface SessionSummary {
  submitted: ResultsSnapshot;
  inProgress: ResultsSnapshot;
  /** School key → the name as first given in this session. */
  schoolNames: [string, string][];
}

/**
 * A summary's open answers, per group (role × school), apart from its counts: a study's totals
 * and charts are read and drawn without them (at 50,000 responses they are most of the bytes).
 */
export interface SummaryOpen {
  submitted: OpenGroup[];
  inProgress: OpenGroup[];
}

export interface OpenGroup {
  role: string | undefined;
  school: string | undefined;
  open: OpenColumn[];
}

/** A summary as its counts (no open answers) and its open answers. */
export function splitSummary(summary: SessionSummary): {
  counts: SessionSummary;
  open: SummaryOpen;
} {
  const counts = (snapshot: ResultsSnapshot): ResultsSnapshot => ({
    groups: snapshot.groups.map((group) => ({ ...group, open: [] })),
  });
  const open = (snapshot: ResultsSnapshot): OpenGroup[] =>
    snapshot.groups
      .filter((group) => group.open.length > 0)
      .map(({ role, school, open }) => ({ role, school, open }));
  return {
    counts: {
      ...summary,
      submitted: counts(summary.submitted),
      inProgress: counts(summary.inProgress),
    },
    open: { submitted: open(summary.submitted), inProgress: open(summary.inProgress) },
  };
}

/** A summary's counts with its open answers, whole again. */
export function joinSummary(counts: SessionSummary, open: SummaryOpen): SessionSummary {
  const joined = (snapshot: SessionSummary['submitted'], groups: SummaryOpen['submitted']) => {
    const byGroup = new Map(groups.map((g) => [`${g.role ?? ''}\u0000${g.school ?? ''}`, g.open]));
    return {
      groups: snapshot.groups.map((group) => ({
        ...group,
        open: byGroup.get(`${group.role ?? ''}\u0000${group.school ?? ''}`) ?? [],
      })),
    };
  };
  return {
    ...counts,
    submitted: joined(counts.submitted, open.submitted),
    inProgress: joined(counts.inProgress, open.inProgress),
  };
}

/** How an earlier version's answers count against the latest: the study's plan and its version. */
export interface VersionMapping {
  plan: VersionPlan;
  version: number;
}

/** One stored response: its row key (device/response) and the checked copy. */
export interface CountedResponse {
  key: string;
  response: ResponseRecord;
}

/**
 * What a response counts as: its respondent (under its row key, its answers mapped onto the
 * latest version) and how its school was given (facilitator's session school, else typed).
 */
export function countedRespondent(
  survey: Survey,
  { key, response }: CountedResponse,
  sessionSchool: string | undefined,
  mapping?: VersionMapping,
): { respondent: Respondent; schoolGiven: string | undefined } {
  const answers = mapping
    ? comparableAnswers(mapping.plan, mapping.version, response.answers)
    : response.answers;
  const mapped = answers === response.answers ? response : { ...response, answers };
  const respondent = respondentOf(survey, mapped, sessionSchool);
  const schoolGiven =
    respondent.school === undefined
      ? undefined
      : sessionSchool?.trim() || typedSchool(survey, mapped)?.trim() || respondent.school;
  return { respondent: { ...respondent, id: key }, schoolGiven };
}

/** A session's summary from its valid responses. */
export function summariseSession(
  survey: Survey,
  responses: Iterable<CountedResponse>,
  sessionSchool: string | undefined,
  mapping?: VersionMapping,
): SessionSummary {
  const summariser = new SessionSummariser(survey, sessionSchool, mapping);
  for (const counted of responses) summariser.add(counted);
  return summariser.summary();
}

/**
 * A session's summary made response by response, as an import writes them batch by batch: a
 * later version of a row (its key) replaces the earlier, and a row that stops counting leaves.
 */
export class SessionSummariser {
  readonly #submitted: ResultsAggregator;
  readonly #inProgress: ResultsAggregator;
  readonly #schoolNames = new Map<string, string>();

  constructor(
    readonly survey: Survey,
    readonly sessionSchool: string | undefined,
    readonly mapping?: VersionMapping,
  ) {
    this.#submitted = new ResultsAggregator(survey);
    this.#inProgress = new ResultsAggregator(survey);
  }

  add(counted: CountedResponse): void {
    const { respondent, schoolGiven } = countedRespondent(
      this.survey,
      counted,
      this.sessionSchool,
      this.mapping,
    );
    const submitted = counted.response.status === 'submitted';
    (submitted ? this.#inProgress : this.#submitted).remove(counted.key);
    (submitted ? this.#submitted : this.#inProgress).set(respondent);
    if (respondent.school !== undefined && !this.#schoolNames.has(respondent.school))
      this.#schoolNames.set(respondent.school, schoolGiven ?? respondent.school);
  }

  /** A row that no longer counts (set aside, or taken out). */
  drop(key: string): void {
    this.#submitted.remove(key);
    this.#inProgress.remove(key);
  }

  summary(): SessionSummary {
    return {
      submitted: this.#submitted.snapshot(),
      inProgress: this.#inProgress.snapshot(),
      schoolNames: [...this.#schoolNames],
    };
  }
}
