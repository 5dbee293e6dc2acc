/**
 * The facilitator's check of a response that arrives from a device (docs/architecture.md, "Trust on the
 * facilitator"). A device doc is untrusted input: anything that is not a well-formed response to
 * a known survey version, with every answer valid for its item, is quarantined with the reasons,
 * so it is shown but never counted. The check never throws, whatever it is given.
 */
import { checkAnswer, indexAnswerKeys, type AnswerValue } from './answers';
import type { Cursor, ResponseRecord } from './response';
import type { Item, Survey } from './survey-schema';

export type ResponseProblem =
  | { kind: 'shape'; field: string }
  | { kind: 'unknownSurvey'; surveyId: string; surveyVersion: number }
  | { kind: 'unknownKey'; key: string }
  | { kind: 'invalidAnswer'; key: string; expected: string }
  /** Another device sent a response with this id first (the facilitator's rule, not the check's). */
  | { kind: 'duplicateId' }
  /**
   * A bundle or the study hub brought another version of a response this laptop holds and may
   * not replace: one it collected itself, or a submitted one (a submitted response is frozen).
   */
  | { kind: 'conflict' };

export type ResponseCheck =
  | { status: 'valid'; response: ResponseRecord }
  | { status: 'quarantined'; id: string | undefined; problems: ResponseProblem[] };

/** Finds the definition a response claims to answer. */
export type SurveyLookup = (surveyId: string, version: number) => Survey | undefined;

/** At most this many problems are kept per response: a hostile one could have thousands. */
const MAX_PROBLEMS = 20;
const RESPONSE_ID = /^[A-Za-z0-9_-]{21}$/;

export function checkDeviceResponse(
  id: unknown,
  raw: unknown,
  lookup: SurveyLookup,
): ResponseCheck {
  const responseId = typeof id === 'string' && RESPONSE_ID.test(id) ? id : undefined;
  const quarantine = (problems: ResponseProblem[]): ResponseCheck => ({
    status: 'quarantined',
    id: responseId,
    problems: problems.slice(0, MAX_PROBLEMS),
  });
  if (!responseId) return quarantine([{ kind: 'shape', field: 'id' }]);
  if (!isPlainObject(raw)) return quarantine([{ kind: 'shape', field: 'response' }]);

  const shape = shapeProblems(raw);
  if (shape.length > 0) return quarantine(shape);
  const meta = raw as unknown as ResponseRecord;
  const survey = lookup(meta.surveyId, meta.surveyVersion);
  if (!survey) {
    return quarantine([
      { kind: 'unknownSurvey', surveyId: meta.surveyId, surveyVersion: meta.surveyVersion },
    ]);
  }
  const problems = answerProblems(meta.answers, answerKeysOf(survey));
  if (problems.length > 0) return quarantine(problems);
  return { status: 'valid', response: copyRecord(responseId, meta) };
}

/** Each definition's answer keys, indexed once (a parsed definition is never changed in place). */
const answerKeyIndexes = new WeakMap<Survey, Map<string, Item>>();

function answerKeysOf(survey: Survey): Map<string, Item> {
  let index = answerKeyIndexes.get(survey);
  if (!index) answerKeyIndexes.set(survey, (index = indexAnswerKeys(survey)));
  return index;
}

function shapeProblems(raw: Record<string, unknown>): ResponseProblem[] {
  const problems: ResponseProblem[] = [];
  const need = (field: string, ok: boolean) => ok || problems.push({ kind: 'shape', field });
  need('surveyId', typeof raw.surveyId === 'string' && raw.surveyId.length <= 40);
  need('surveyVersion', Number.isInteger(raw.surveyVersion));
  need('status', raw.status === 'in-progress' || raw.status === 'submitted');
  need('language', typeof raw.language === 'string' && raw.language.length <= 8);
  need('startedAt', isTime(raw.startedAt));
  need('updatedAt', isTime(raw.updatedAt));
  need('submittedAt', raw.submittedAt === undefined || isTime(raw.submittedAt));
  need('submittedAt', raw.status !== 'submitted' || raw.submittedAt !== undefined);
  need('answers', isPlainObject(raw.answers));
  return problems;
}

function answerProblems(
  answers: Record<string, unknown>,
  keys: Map<string, Item>,
): ResponseProblem[] {
  const problems: ResponseProblem[] = [];
  for (const [key, value] of Object.entries(answers)) {
    if (problems.length >= MAX_PROBLEMS) break;
    const item = keys.get(key);
    if (!item) {
      problems.push({ kind: 'unknownKey', key: key.slice(0, 80) });
      continue;
    }
    const expected = checkAnswer(item, key, value);
    if (expected) problems.push({ kind: 'invalidAnswer', key, expected });
  }
  return problems;
}

/** A fresh copy with only the known fields: nothing else of the device's object is kept. */
function copyRecord(id: string, raw: ResponseRecord): ResponseRecord {
  const answers: Record<string, AnswerValue> = {};
  for (const [key, value] of Object.entries(raw.answers)) {
    answers[key] = Array.isArray(value) ? [...(value as readonly string[])] : value;
  }
  const record: ResponseRecord = {
    id,
    surveyId: raw.surveyId,
    surveyVersion: raw.surveyVersion,
    status: raw.status,
    language: raw.language,
    startedAt: raw.startedAt,
    updatedAt: raw.updatedAt,
    answers: answers,
  };
  if (raw.submittedAt !== undefined) record.submittedAt = raw.submittedAt;
  const cursor = copyCursor(raw.cursor);
  if (cursor) record.cursor = cursor;
  return record;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isTime(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** Rebuilt field by field, so nothing else the device put there comes along. */
function copyCursor(value: unknown): Cursor | undefined {
  if (!isPlainObject(value)) return undefined;
  if (value.at === 'review') return { at: 'review' };
  if (value.at !== 'section' || !Number.isInteger(value.index)) return undefined;
  const cursor: Cursor = { at: 'section', index: value.index as number };
  if (typeof value.item === 'string' && value.item.length <= 40) cursor.item = value.item;
  return cursor;
}
