import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedValues, answerKeys, type AnswerValue } from '../../src/domain/answers';
import { checkDeviceResponse, type SurveyLookup } from '../../src/domain/response-check';
import type { Item } from '../../src/domain/survey-schema';
import { allTypes } from '../fixtures/surveys';

const survey = allTypes();
const lookup: SurveyLookup = (id, version) =>
  id === survey.id && version === survey.version ? survey : undefined;
const id = 'V1StGXR8_Z5jdHi6B-myT';
const base = {
  surveyId: survey.id,
  surveyVersion: survey.version,
  status: 'in-progress',
  language: 'nl',
  startedAt: 1000,
  updatedAt: 2000,
};
const respond = (answers: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  checkDeviceResponse(id, { ...base, answers, ...extra }, lookup);

/** A valid value for one answer key, drawn at random. */
function validValue(item: Item, key: string): fc.Arbitrary<AnswerValue> {
  const allowed = allowedValues(item, key);
  const text = fc.string({ minLength: 1, maxLength: 10 }).filter((t) => t.trim() !== '');
  if (item.type === 'ranking')
    return fc.shuffledSubarray(allowed as string[], { minLength: allowed!.length });
  if (item.type === 'multiple-choice' && key === item.id) {
    return fc.subarray(allowed as string[], {
      minLength: 1,
      maxLength: item.maxSelected ?? allowed!.length,
    });
  }
  return allowed ? fc.constantFrom(...allowed) : text;
}

const validAnswers = fc.record(
  Object.fromEntries(
    survey.sections
      .flatMap((s) => s.items)
      .flatMap((item) => answerKeys(item).map((key) => [key, validValue(item, key)] as const)),
  ),
  { requiredKeys: [] },
);

describe('checkDeviceResponse', () => {
  it('accepts any response whose answers are all valid, and copies them exactly', () => {
    fc.assert(
      fc.property(validAnswers, (answers) => {
        const result = respond(answers);
        expect(result.status).toBe('valid');
        if (result.status === 'valid') expect(result.response.answers).toEqual(answers);
      }),
    );
  });

  it('never throws, whatever a device sends', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (anyId, raw) => {
        expect(['valid', 'quarantined']).toContain(checkDeviceResponse(anyId, raw, lookup).status);
      }),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (answers) => {
        expect(['valid', 'quarantined']).toContain(respond(answers).status);
      }),
    );
  });

  const hostile: [string, () => ReturnType<typeof respond>, unknown][] = [
    [
      'an unknown answer key',
      () => respond({ 'matrix.r1': 2, secret_item: 'x' }),
      { kind: 'unknownKey', key: 'secret_item' },
    ],
    [
      'a value off the scale',
      () => respond({ 'matrix.r1': 99 }),
      { kind: 'invalidAnswer', key: 'matrix.r1', expected: 'one of 1, 2, 3, 4, 5' },
    ],
    [
      'a huge string',
      () => respond({ open: 'x'.repeat(1_000_000) }),
      { kind: 'invalidAnswer', key: 'open', expected: 'a text of at most 10 characters' },
    ],
    [
      'an object where a value belongs',
      () => respond({ single: { $ne: null } }),
      { kind: 'invalidAnswer', key: 'single', expected: 'one of "a", "b", "other"' },
    ],
    [
      'a __proto__ key',
      () => respond(JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>),
      { kind: 'unknownKey', key: '__proto__' },
    ],
    [
      'an unknown survey version',
      () => respond({}, { surveyVersion: 99 }),
      { kind: 'unknownSurvey', surveyId: survey.id, surveyVersion: 99 },
    ],
    [
      'a submitted response without a time',
      () => respond({}, { status: 'submitted' }),
      { kind: 'shape', field: 'submittedAt' },
    ],
    [
      'a status that does not exist',
      () => respond({}, { status: 'approved' }),
      { kind: 'shape', field: 'status' },
    ],
  ];
  it.each(hostile)('quarantines %s, saying why', (_name, run, problem) => {
    const result = run();
    expect(result).toMatchObject({ status: 'quarantined', id });
    if (result.status === 'quarantined') expect(result.problems).toContainEqual(problem);
  });

  it('keeps at most 20 reasons for a response with thousands of bad answers', () => {
    const answers = Object.fromEntries(Array.from({ length: 5000 }, (_, n) => [`junk_${n}`, n]));
    const result = respond(answers);
    expect(result.status === 'quarantined' && result.problems.length).toBe(20);
  });

  it('refuses an id that is not a device-made random id', () => {
    expect(checkDeviceResponse('1', { ...base, answers: {} }, lookup)).toEqual({
      status: 'quarantined',
      id: undefined,
      problems: [{ kind: 'shape', field: 'id' }],
    });
  });

  it('keeps only the known fields of a valid response', () => {
    const result = respond(
      { num: 3 },
      { cursor: { at: 'section', index: 1, item: 'num', evil: '<img>' }, isAdmin: true },
    );
    expect(result.status).toBe('valid');
    if (result.status !== 'valid') return;
    expect(result.response).not.toHaveProperty('isAdmin');
    expect(result.response.cursor).toEqual({ at: 'section', index: 1, item: 'num' });
  });
});
