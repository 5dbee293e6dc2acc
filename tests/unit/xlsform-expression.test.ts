/**
 * XLSForm expressions (XPath, as ODK writes them) read with jsep into Kring's conditions and
 * constraints, and those conditions evaluated as both the tablet and the laptop evaluate them.
 */
import { describe, expect, it } from 'vitest';
import {
  parseCondition,
  parseConstraint,
  wholeAnswerPattern,
  type AnswerRef,
} from '../../src/domain/authoring/xlsform/expression';
import { conditionHolds, conditionText } from '../../src/domain/condition';

const refs: Record<string, AnswerRef> = {
  rol: {
    key: 'rol',
    numeric: false,
    value: (w) => (['lk', 'll'].includes(String(w)) ? String(w) : undefined),
  },
  jaren: { key: 'jaren', numeric: true, value: (w) => Number(w) },
  vakken: { key: 'vakken', numeric: false, value: (w) => String(w) },
  naam: { key: 'naam', numeric: false, value: (w) => String(w) },
};
const context = { answer: (name: string) => refs[name] };
const read = (expression: string) => parseCondition(expression, context);

describe('reading XLSForm conditions', () => {
  it.each([
    ["${rol} = 'lk'", { answer: 'rol', anyOf: ['lk'] }],
    ["'lk' = ${rol}", { answer: 'rol', anyOf: ['lk'] }],
    ['${rol}=‘lk’', { answer: 'rol', anyOf: ['lk'] }],
    ['${rol} = “lk”', { answer: 'rol', anyOf: ['lk'] }],
    ["${rol} != 'lk'", { not: { answer: 'rol', anyOf: ['lk'] } }],
    ['${jaren} >= 3', { answer: 'jaren', compare: '>=', value: 3 }],
    ['10 > ${jaren}', { answer: 'jaren', compare: '<', value: 10 }],
    ['${jaren} > -1', { answer: 'jaren', compare: '>', value: -1 }],
    ["${naam} != ''", { answer: 'naam', answered: true }],
    ["${naam} = ''", { answer: 'naam', answered: false }],
    ['string-length(${naam}) > 0', { answer: 'naam', answered: true }],
    ['count-selected(${vakken}) = 0', { answer: 'vakken', answered: false }],
    ["selected(${vakken}, 'wis')", { answer: 'vakken', anyOf: ['wis'] }],
    [
      "(${rol} = 'lk' and ${jaren} > 3) or not(selected(${vakken}, 'wis'))",
      {
        any: [
          {
            all: [
              { answer: 'rol', anyOf: ['lk'] },
              { answer: 'jaren', compare: '>', value: 3 },
            ],
          },
          { not: { answer: 'vakken', anyOf: ['wis'] } },
        ],
      },
    ],
  ])('%s', (expression, condition) => {
    expect(read(expression)).toEqual({ ok: true, value: condition });
  });

  it.each([
    ["${rol} = 'x'", 'notAValue'],
    ["${rol} > 'lk'", 'notNumber'],
    ['${onbekend} = 1', 'notBefore'],
    ['${jaren} = ${rol}', 'notFixed'],
    ['${jaren} + 1 > 3', 'notFromAnswer'],
    ["today() > '2020-01-01'", 'notFromAnswer'],
    ['${rol} = ', 'unreadable'],
    ["${rol} = 'lk", 'unclosed'],
    ["jr:choice-name(${rol}, '${rol}') = 'x'", 'notFromAnswer'],
  ])('refuses %s with a reason', (expression, reason) => {
    expect(read(expression)).toMatchObject({ ok: false, reason });
  });
});

describe('reading XLSForm constraints', () => {
  it.each([
    ['. >= 0 and . <= 40', { min: 0, minExclusive: false, max: 40, maxExclusive: false }],
    ['. > 0', { min: 0, minExclusive: true }],
    ['40 >= .', { max: 40, maxExclusive: false }],
    ["regex(., '^\\d{4}$')", { pattern: '\\d{4}' }],
    ['string-length(.) <= 20', { maxLength: 20 }],
    ['string-length(.) = 4', { minLength: 4, maxLength: 4 }],
    ['count-selected(.) < 3', { maxSelected: 2 }],
  ])('%s', (expression, constraint) => {
    expect(parseConstraint(expression)).toEqual({ ok: true, value: constraint });
  });

  it('refuses a constraint on another answer or with other functions, with the reason', () => {
    expect(parseConstraint('. <= ${max}')).toMatchObject({ ok: false, reason: 'notFixed' });
    expect(parseConstraint("not(selected(., 'a') and selected(., 'b'))")).toMatchObject({
      ok: false,
      reason: 'function',
      detail: 'not()',
    });
  });

  it("keeps a pattern's backslashes and matches the whole answer as ODK's regex() does", () => {
    expect(wholeAnswerPattern('^[0-9]{4}$')).toBe('[0-9]{4}');
    const anywhere = new RegExp(`^(?:${wholeAnswerPattern('\\d{4}')})$`);
    expect(anywhere.test('BE 1000 Brussel')).toBe(true);
    expect(anywhere.test('Brussel')).toBe(false);
    expect(new RegExp(`^(?:${wholeAnswerPattern('^\\w+@')})$`).test('a@b.be')).toBe(true);
  });
});

describe('evaluating conditions (tablet and laptop alike)', () => {
  const condition = read("(${rol} = 'lk' and ${jaren} > 3) or not(selected(${vakken}, 'wis'))");
  if (!condition.ok) throw new Error('unread');

  it.each([
    [{ rol: 'lk', jaren: 5, vakken: ['wis'] }, true],
    [{ rol: 'lk', jaren: 2, vakken: ['wis'] }, false],
    [{ rol: 'll', jaren: 5, vakken: ['taal'] }, true],
    // Unanswered: no value and no comparison matches, so `not` of one holds.
    [{}, true],
    [{ vakken: ['wis'] }, false],
  ])('%j → %s', (answers, shown) => {
    expect(conditionHolds(condition.value, answers)).toBe(shown);
  });

  it('writes a condition back as an expression for the editor', () => {
    expect(conditionText(condition.value)).toBe(
      "(${rol} = 'lk' and ${jaren} > 3) or not(${vakken} = 'wis')",
    );
  });
});
