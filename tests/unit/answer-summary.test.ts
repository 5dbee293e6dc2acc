import { describe, expect, it } from 'vitest';
import { answerLines } from '../../src/domain/answer-summary';
import type { LocalizedText } from '../../src/domain/survey-schema';
import { allTypes } from '../fixtures/surveys';

const text = (t: LocalizedText | undefined) => t?.nl ?? '';
const items = new Map(
  allTypes()
    .sections.flatMap((s) => s.items)
    .map((i) => [i.id, i]),
);
const lines = (id: string, answers: Record<string, unknown>) =>
  answerLines(items.get(id)!, answers as never, text);

describe('answers in words for the review screen', () => {
  it('names options, scale points, ranks and the "other" text; nothing when unanswered', () => {
    expect(lines('single', { single: 'other', 'single.other': 'Iets anders' })).toEqual([
      expect.stringMatching(/: Iets anders$/),
    ]);
    expect(lines('multi', { multi: ['a', 'c'] })).toEqual(['a, c']);
    expect(lines('rank', { rank: ['z', 'x', 'y'] })).toEqual(['1. z, 2. x, 3. y']);
    expect(lines('lik', { 'lik.st1': 9 })).toEqual([expect.stringMatching(/: geen mening$/)]);
    expect(lines('matrix', { 'matrix.r2': 5 })).toEqual([expect.stringMatching(/: 5$/)]);
    expect(lines('num', { num: 0 })).toEqual(['0']);
    expect(lines('open', { open: '  ' })).toEqual([]);
    expect(lines('multi', {})).toEqual([]);
  });
});
