/**
 * The session bundle (docs/export-formats.md): one JSON file with everything a study needs of
 * one or more sessions — the survey definitions, the checked responses with their profile and
 * times, the discussions, reactions and notes, and the facilitator's moderation. Bundles travel
 * between laptops and merge by id, so importing one twice, or two that overlap, duplicates
 * nothing.
 *
 * A bundle is untrusted input: its structure, every definition and every response (against its
 * own session's definition) are checked before anything is stored, and one problem refuses the
 * whole file, with every problem listed.
 */
import * as v from 'valibot';
import { REACTION_MAX_LENGTH } from './discussion';
import type { ResponseRecord } from './response';
import { checkDeviceResponse, type ResponseProblem } from './response-check';
import type { Survey } from './survey-schema';
import { validateSurvey } from './survey-validate';

export const BUNDLE_FORMAT_VERSION = 1;

const Id = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/));
const Key = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_/-]{1,160}$/));
const Time = v.pipe(v.number(), v.minValue(0));
const Text = (max: number) => v.pipe(v.string(), v.maxLength(max));

const SessionSchema = v.object({
  id: Id,
  title: Text(200),
  school: Text(200),
  createdAt: Time,
  closed: v.boolean(),
  k: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  /** The survey definition (docs/survey-format.md), as the tablets received it. */
  definition: v.unknown(),
});

const ResponseSchema = v.object({
  sessionId: Id,
  deviceId: Id,
  response: v.unknown(),
});

const DiscussionSchema = v.object({
  sessionId: Id,
  id: Id,
  prompt: Text(1000),
  itemId: v.optional(Id),
  startedAt: Time,
  endedAt: v.optional(Time),
});

const ReactionSchema = v.object({
  sessionId: Id,
  key: Key,
  seq: v.pipe(v.number(), v.integer(), v.minValue(1)),
  discussionId: Id,
  deviceId: Id,
  kind: v.picklist(['text', 'agree', 'disagree']),
  text: Text(REACTION_MAX_LENGTH),
  at: Time,
  status: v.picklist(['pending', 'approved', 'hidden']),
  mergedInto: v.optional(Key),
});

const NoteSchema = v.object({
  sessionId: Id,
  id: Id,
  text: Text(5000),
  role: v.optional(Id),
  discussionId: v.optional(Id),
  at: Time,
});

const ModerationSchema = v.object({
  sessionId: Id,
  key: Key,
  state: v.picklist(['approved', 'highlighted', 'hidden']),
});

const BundleSchema = v.object({
  format: v.literal('kring-bundle'),
  formatVersion: v.literal(BUNDLE_FORMAT_VERSION),
  exportedAt: Time,
  sessions: v.array(SessionSchema),
  responses: v.array(ResponseSchema),
  discussions: v.array(DiscussionSchema),
  reactions: v.array(ReactionSchema),
  notes: v.array(NoteSchema),
  moderation: v.array(ModerationSchema),
  /** The study's coding (codebook and codings) as a Yjs update, base64url; merges by union. */
  coding: v.optional(v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]*$/))),
});

type Parsed = v.InferOutput<typeof BundleSchema>;

/** A bundle as plain data, before it is checked (what export writes and the hub carries). */
export type BundleData = Parsed;

/** A checked bundle: definitions parsed, responses checked and copied field by field. */
export type Bundle = Omit<Parsed, 'sessions' | 'responses'> & {
  sessions: (Omit<Parsed['sessions'][number], 'definition'> & {
    definition: string;
    survey: Survey;
  })[];
  responses: { sessionId: string; deviceId: string; response: ResponseRecord }[];
};

export type BundleProblem =
  | { code: 'json'; detail: string }
  | { code: 'notBundle' }
  | { code: 'newerVersion'; version: number }
  | { code: 'shape'; path: string; expected: string }
  | { code: 'definition'; path: string }
  | { code: 'unknownSession'; path: string; sessionId: string }
  /** A response the laptop's check refuses: what it found, for the page to word. */
  | { code: 'response'; path: string; problems: ResponseProblem[] }
  | { code: 'coding' };

export type BundleCheck = { ok: true; bundle: Bundle } | { ok: false; problems: BundleProblem[] };

const MAX_PROBLEMS = 50;

/** Checks a bundle file's text (or parsed value); never throws. */
export function checkBundle(input: unknown): BundleCheck {
  let data = input;
  if (typeof input === 'string') {
    try {
      data = JSON.parse(input) as unknown;
    } catch (error) {
      return { ok: false, problems: [{ code: 'json', detail: (error as Error).message }] };
    }
  }
  const head = data as { format?: unknown; formatVersion?: unknown } | null;
  if (typeof head !== 'object' || head === null || head.format !== 'kring-bundle')
    return { ok: false, problems: [{ code: 'notBundle' }] };
  if (typeof head.formatVersion === 'number' && head.formatVersion > BUNDLE_FORMAT_VERSION)
    return { ok: false, problems: [{ code: 'newerVersion', version: head.formatVersion }] };
  const parsed = v.safeParse(BundleSchema, data);
  if (!parsed.success)
    return {
      ok: false,
      problems: parsed.issues.slice(0, MAX_PROBLEMS).map((issue) => ({
        code: 'shape',
        path: v.getDotPath(issue) ?? '',
        expected: issue.expected ?? issue.message,
      })),
    };
  return checkContents(parsed.output);
}

function checkContents(bundle: Parsed): BundleCheck {
  const problems: BundleProblem[] = [];
  const sessions: Bundle['sessions'] = [];
  // A study's sessions share their questionnaire: each text is checked once.
  const checks = new Map<string, ReturnType<typeof validateSurvey>>();
  for (const [i, session] of bundle.sessions.entries()) {
    const definition = JSON.stringify(session.definition);
    let checked = checks.get(definition);
    if (!checked) checks.set(definition, (checked = validateSurvey(session.definition)));
    if (!checked.ok) problems.push({ code: 'definition', path: `sessions.${i}.definition` });
    else sessions.push({ ...session, definition, survey: checked.survey });
  }
  const known = new Set(bundle.sessions.map((s) => s.id));
  const checkResponse = responseCheck(sessions, known);
  const responses: Bundle['responses'] = [];
  for (const [i, entry] of bundle.responses.entries()) {
    if (problems.length >= MAX_PROBLEMS) break;
    const checked = checkResponse(entry, i);
    if (checked === undefined) continue;
    if ('problem' in checked) problems.push(checked.problem);
    else responses.push(checked);
  }
  for (const [list, name] of [
    [bundle.discussions, 'discussions'],
    [bundle.reactions, 'reactions'],
    [bundle.notes, 'notes'],
    [bundle.moderation, 'moderation'],
  ] as const) {
    for (const [i, entry] of list.entries())
      if (!known.has(entry.sessionId) && problems.length < MAX_PROBLEMS)
        problems.push({ code: 'unknownSession', path: `${name}.${i}`, sessionId: entry.sessionId });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, bundle: { ...bundle, sessions, responses } };
}

/** One checked response of a bundle, with its session and device. */
export type BundleResponse = Bundle['responses'][number];

/**
 * Checks one response of a bundle (its shape already checked) against its session's
 * questionnaire: the response, a problem, or nothing when its session's definition is already
 * reported.
 */
function responseCheck(
  sessions: Bundle['sessions'],
  known: ReadonlySet<string>,
): (
  entry: Parsed['responses'][number],
  index: number,
) => BundleResponse | { problem: BundleProblem } | undefined {
  const byId = new Map(sessions.map((s) => [s.id, s]));
  return (entry, index) => {
    const path = `responses.${index}`;
    const session = byId.get(entry.sessionId);
    if (!known.has(entry.sessionId))
      return { problem: { code: 'unknownSession', path, sessionId: entry.sessionId } };
    if (!session) return undefined; // its definition is already reported
    const raw = entry.response as { id?: unknown } | null;
    const check = checkDeviceResponse(raw?.id, raw, (id, version) =>
      id === session.survey.id && version === session.survey.version ? session.survey : undefined,
    );
    return check.status === 'valid'
      ? { sessionId: entry.sessionId, deviceId: entry.deviceId, response: check.response }
      : { problem: { code: 'response', path, problems: check.problems } };
  };
}

/**
 * A bundle read piece by piece (a large file, state/study/bundle-file.ts): its head is checked
 * as a bundle without responses, with the same checks as a whole bundle, and then each response
 * with `check`, as `checkBundle` checks it.
 */
export function checkBundleHead(head: unknown):
  | {
      ok: true;
      bundle: Bundle;
      check: (entry: unknown, index: number) => BundleResponse | BundleProblem[];
    }
  | { ok: false; problems: BundleProblem[] } {
  const checked = checkBundle(head);
  if (!checked.ok) return checked;
  const sessions = checked.bundle.sessions;
  const checkResponse = responseCheck(sessions, new Set(sessions.map((s) => s.id)));
  return {
    ok: true,
    bundle: checked.bundle,
    check: (entry, index) => {
      const parsed = v.safeParse(ResponseSchema, entry);
      if (!parsed.success)
        return parsed.issues.slice(0, MAX_PROBLEMS).map((issue: v.BaseIssue<unknown>) => {
          const within = v.getDotPath(issue);
          return {
            code: 'shape' as const,
            path: within ? `responses.${index}.${within}` : `responses.${index}`,
            expected: issue.expected ?? issue.message,
          };
        });
      const result = checkResponse(parsed.output, index);
      // Every session's definition checked with the head: a response always has its survey.
      return result === undefined ? [] : 'problem' in result ? [result.problem] : result;
    },
  };
}

function describe(problems: ResponseProblem[]): string {
  return problems
    .map((p) =>
      p.kind === 'unknownKey'
        ? `unknown answer key "${p.key}"`
        : p.kind === 'invalidAnswer'
          ? `"${p.key}": expected ${p.expected}`
          : p.kind === 'unknownSurvey'
            ? `survey ${p.surveyId} version ${p.surveyVersion} is not this session's`
            : p.kind === 'shape'
              ? `field "${p.field}" is missing or malformed`
              : 'a response id used twice',
    )
    .join('; ');
}

/** The problem in words (English; the UI words the codes itself). */
export function bundleProblemText(problem: BundleProblem): string {
  switch (problem.code) {
    case 'json':
      return `the file is not valid JSON (${problem.detail})`;
    case 'notBundle':
      return 'the file is not a Kring session bundle';
    case 'newerVersion':
      return `the bundle was made by a newer Kring (format ${problem.version}): update Kring first`;
    case 'shape':
      return `${problem.path || '(whole file)'}: expected ${problem.expected}`;
    case 'definition':
      return `${problem.path}: not a valid survey definition`;
    case 'unknownSession':
      return `${problem.path}: session "${problem.sessionId}" is not in the bundle`;
    case 'response':
      return `${problem.path}: ${describe(problem.problems)}`;
    case 'coding':
      return "coding: the coders' work in the bundle cannot be read";
  }
}
