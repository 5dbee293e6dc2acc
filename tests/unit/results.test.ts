import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedValues, answerKeys, type AnswerValue } from '../../src/domain/answers';
import { ResultsAggregator, type Respondent } from '../../src/domain/results/aggregator';
import type { ItemResult } from '../../src/domain/results/item-results';
import { respondentOf, schoolKey } from '../../src/domain/results/respondent';
import { applyThreshold, projectableRole } from '../../src/domain/results/threshold';
import type { Item } from '../../src/domain/survey-schema';
import { FIGURE_1, FIGURE_1_ROWS, figure1Respondents } from '../fixtures/figure1';
import { allTypes, study } from '../fixtures/surveys';

const survey = allTypes();
const items = survey.sections.flatMap((s) => s.items);
const ROLES = ['teacher', 'pupil', undefined] as const;
const SCHOOLS = ['a', 'b', undefined] as const;

/** Any answer (or none) to one answer key: allowed values, lists, free text. */
function answerFor(item: Item, key: string): fc.Arbitrary<AnswerValue | undefined> {
  const allowed = allowedValues(item, key);
  if (item.type === 'ranking') {
    const ids = item.options.map((o) => o.id);
    return fc.option(fc.shuffledSubarray(ids, { minLength: ids.length, maxLength: ids.length }), {
      nil: undefined,
    });
  }
  if (item.type === 'multiple-choice' && key === item.id)
    return fc.option(fc.subarray(allowed as string[], { minLength: 1, maxLength: 2 }), {
      nil: undefined,
    });
  if (allowed) return fc.option(fc.constantFrom(...allowed), { nil: undefined });
  return fc.option(fc.string({ minLength: 1, maxLength: 10 }), { nil: undefined });
}

const answers = fc.record(
  Object.fromEntries(
    items.flatMap((item) => answerKeys(item).map((key) => [key, answerFor(item, key)])),
  ),
);
const respondent = (id: string) =>
  fc
    .record({ role: fc.constantFrom(...ROLES), school: fc.constantFrom(...SCHOOLS), answers })
    .map(({ role, school, answers: a }): Respondent => ({
      id,
      role,
      school,
      answers: Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined)) as Record<
        string,
        AnswerValue
      >,
    }));
const ids = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6'];
const operation = fc.oneof(
  fc.constantFrom(...ids).chain((id) => respondent(id).map((r) => ({ set: r }))),
  fc.constantFrom(...ids).map((id) => ({ remove: id })),
);

/** Every count of a result, flattened, to compare two results. */
function cellsOf(result: ItemResult): number[] {
  switch (result.type) {
    case 'rating-matrix':
      return [result.n, ...result.rows.flatMap((r) => r.counts.map((c) => c.count))];
    case 'likert':
      return [
        result.n,
        ...result.statements.flatMap((s) => [s.noOpinion, ...s.counts.map((c) => c.count)]),
      ];
    case 'single-choice':
    case 'multiple-choice':
      return [result.n, ...result.options.counts.map((c) => c.count)];
    case 'numeric-scale':
      return [result.n, ...result.values.counts.map((c) => c.count)];
    case 'ranking':
      return [result.n, ...result.options.flatMap((o) => o.counts.map((c) => c.count))];
    case 'profile':
      return [result.n, ...result.roles.counts.map((c) => c.count)];
    case 'number':
      return [result.n, ...(result.values?.counts.map((c) => c.count) ?? [])];
    case 'open-text':
    case 'date':
    case 'note':
      return [result.n];
  }
}

describe('results aggregation', () => {
  it("reproduces the study's Figure 1 exactly: counts per priority and rank", () => {
    const results = ResultsAggregator.of(study(), figure1Respondents());
    const priorities = results.itemResults('prioriteiten');
    expect(priorities?.type).toBe('rating-matrix');
    if (priorities?.type !== 'rating-matrix') return;
    expect(priorities.n).toBe(180);
    for (const row of FIGURE_1_ROWS) {
      const series = priorities.rows.find((r) => r.id === row)!;
      expect(series.counts.map((c) => [c.value, c.count])).toEqual(
        FIGURE_1[row].map((count, r) => [r + 1, count]),
      );
    }
    expect(priorities.rows.map((r) => r.n)).toEqual([180, 178, 177, 180, 180]);
  });

  it('an incremental result equals a full recompute after any sequence of changes', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 30 }), (ops) => {
        const live = new ResultsAggregator(survey);
        const latest = new Map<string, Respondent>();
        for (const op of ops) {
          if ('set' in op) {
            live.set(op.set);
            latest.set(op.set.id, op.set);
          } else {
            live.remove(op.remove);
            latest.delete(op.remove);
          }
        }
        const full = ResultsAggregator.of(survey, latest.values());
        expect(live.size).toBe(latest.size);
        for (const filter of [{}, { role: 'teacher' }, { school: 'b' }]) {
          expect(live.results(filter).items.map(cellsOf)).toEqual(
            full.results(filter).items.map(cellsOf),
          );
          const byId = (a: { responseId: string }, b: { responseId: string }) =>
            a.responseId.localeCompare(b.responseId);
          expect(live.openAnswers('open', filter).sort(byId)).toEqual(
            full.openAnswers('open', filter).sort(byId),
          );
        }
      }),
    );
  });

  it('sessions counted apart and merged from their snapshots give the results of counting them together', () => {
    const sessions = fc.array(fc.array(respondent('x'), { maxLength: 8 }), { maxLength: 5 });
    fc.assert(
      fc.property(sessions, (parts) => {
        const named = parts.map((part, s) => part.map((r, i) => ({ ...r, id: `s${s}/r${i}` })));
        const together = ResultsAggregator.of(survey, named.flat());
        // Through structured cloning, as IndexedDB stores and returns a snapshot.
        const snapshots = named.map((part) =>
          structuredClone(ResultsAggregator.of(survey, part).snapshot()),
        );
        const merged = ResultsAggregator.ofSnapshots(survey, snapshots);
        const byKey = (g: { role?: string; school?: string }) => `${g.role}/${g.school}`;
        expect(merged.groups().sort((a, b) => byKey(a).localeCompare(byKey(b)))).toEqual(
          together.groups().sort((a, b) => byKey(a).localeCompare(byKey(b))),
        );
        for (const filter of [{}, { role: 'teacher' }, { school: 'b' }]) {
          expect(merged.results(filter).n).toBe(together.results(filter).n);
          expect(merged.results(filter).items.map(cellsOf)).toEqual(
            together.results(filter).items.map(cellsOf),
          );
          const byId = (a: { responseId: string }, b: { responseId: string }) =>
            a.responseId.localeCompare(b.responseId);
          expect(merged.openAnswers('open', filter).sort(byId)).toEqual(
            together.openAnswers('open', filter).sort(byId),
          );
          // A merged aggregator's own snapshot merges again to the same.
          const again = ResultsAggregator.ofSnapshots(survey, [merged.snapshot()]);
          expect(again.results(filter).items.map(cellsOf)).toEqual(
            together.results(filter).items.map(cellsOf),
          );
        }
      }),
    );
  });

  it('refuses a snapshot counted against other cells (another questionnaire)', () => {
    const other = ResultsAggregator.of(study(), figure1Respondents()).snapshot();
    expect(() => ResultsAggregator.ofSnapshots(survey, [other])).toThrow(/other cells/);
  });

  it('counts add up: each series sums to its n, a single choice to the item n, and no row exceeds it', () => {
    fc.assert(
      fc.property(fc.array(respondent('x'), { maxLength: 25 }), (list) => {
        const results = ResultsAggregator.of(
          survey,
          list.map((r, i) => ({ ...r, id: `r${i}` })),
        ).results();
        for (const result of results.items) {
          expect(result.n).toBeLessThanOrEqual(results.n);
          if (result.type === 'rating-matrix')
            for (const row of result.rows) {
              expect(row.counts.reduce((s, c) => s + c.count, 0)).toBe(row.n);
              expect(row.n).toBeLessThanOrEqual(result.n);
            }
          if (result.type === 'single-choice')
            expect(result.options.counts.reduce((s, c) => s + c.count, 0)).toBe(result.n);
          if (result.type === 'ranking')
            for (const option of result.options) expect(option.n).toBe(result.n);
        }
      }),
    );
  });

  it('"no opinion" is never counted on the Likert scale', () => {
    fc.assert(
      fc.property(fc.array(respondent('x'), { maxLength: 25 }), (list) => {
        const data = list.map((r, i) => ({ ...r, id: `r${i}` }));
        const lik = ResultsAggregator.of(survey, data).itemResults('lik');
        if (lik?.type !== 'likert') throw new Error('not a likert result');
        for (const statement of lik.statements) {
          expect(statement.counts.map((c) => c.value)).toEqual([1, 2]);
          const given = data.filter((r) => r.answers[`lik.${statement.id}`] !== undefined);
          const noOpinion = given.filter((r) => r.answers[`lik.${statement.id}`] === 9).length;
          expect(statement.noOpinion).toBe(noOpinion);
          expect(statement.n).toBe(given.length - noOpinion);
        }
      }),
    );
  });

  it('filters partition the data: the roles (and no role) add up to everyone, cell by cell', () => {
    fc.assert(
      fc.property(fc.array(respondent('x'), { maxLength: 25 }), (list) => {
        const data = list.map((r, i) => ({ ...r, id: `r${i}` }));
        const results = ResultsAggregator.of(survey, data);
        // `role: undefined` in a filter means "any role", so those without one are counted apart.
        const noRole = ResultsAggregator.of(
          survey,
          data.filter((r) => r.role === undefined),
        ).results();
        const parts = [
          results.results({ role: 'teacher' }),
          results.results({ role: 'pupil' }),
          noRole,
        ];
        const all = results.results();
        expect(parts.reduce((n, p) => n + p.n, 0)).toBe(all.n);
        all.items.forEach((item, i) => {
          const sum = cellsOf(item).map((_, j) =>
            parts.reduce((s, p) => s + cellsOf(p.items[i]!)[j]!, 0),
          );
          expect(sum).toEqual(cellsOf(item));
        });
      }),
    );
  });

  it('the threshold hides every group smaller than k, and shows the rest', () => {
    fc.assert(
      fc.property(
        fc.array(respondent('x'), { maxLength: 20 }),
        fc.integer({ min: 1, max: 8 }),
        (list, k) => {
          const results = ResultsAggregator.of(
            survey,
            list.map((r, i) => ({ ...r, id: `r${i}` })),
          );
          for (const group of results.groups()) {
            const filter = { role: group.role, school: group.school };
            const { n, items: itemResults } = results.results(filter);
            for (const result of itemResults) {
              const shown = applyThreshold(result, n, k);
              expect(shown.shown).toBe(n >= k && result.n >= k);
            }
          }
        },
      ),
    );
  });

  it('names the role of a projected quote only when k respondents share it', () => {
    const groups = [
      { role: 'leerkracht', school: 'a', n: 3 },
      { role: 'leerkracht', school: 'b', n: 2 },
      { role: 'ouder', school: 'a', n: 1 },
    ];
    expect(projectableRole('leerkracht', groups, undefined, 5)).toBe('leerkracht');
    expect(projectableRole('leerkracht', groups, 'a', 5)).toBeUndefined(); // a school filter
    expect(projectableRole('ouder', groups, undefined, 5)).toBeUndefined(); // the one parent
    expect(projectableRole('ouder', groups, undefined, 1)).toBe('ouder');
    expect(projectableRole(undefined, groups, undefined, 1)).toBeUndefined();
  });

  it('gives a ranking its rank counts and mean ranks, and a numeric scale its median', () => {
    const results = new ResultsAggregator(survey);
    results.set({
      id: 'a',
      role: 'teacher',
      school: 'a',
      answers: { rank: ['x', 'y', 'z'], num: 2 },
    });
    results.set({
      id: 'b',
      role: 'teacher',
      school: 'a',
      answers: { rank: ['y', 'x', 'z'], num: 7 },
    });
    results.set({
      id: 'c',
      role: 'teacher',
      school: 'a',
      answers: { rank: ['y', 'z', 'x'], num: 9 },
    });
    const rank = results.itemResults('rank');
    if (rank?.type !== 'ranking') throw new Error('not a ranking');
    expect(rank.options.map((o) => [o.id, o.meanRank])).toEqual([
      ['x', 2],
      ['y', 4 / 3],
      ['z', 8 / 3],
    ]);
    expect(rank.options[1]!.counts.map((c) => c.count)).toEqual([2, 1, 0]);
    const num = results.itemResults('num');
    expect(num?.type === 'numeric-scale' && num.median).toBe(7);
  });

  it('keeps open answers per item with the role and school, and forgets a removed response', () => {
    const results = new ResultsAggregator(survey);
    results.set({ id: 'a', role: 'teacher', school: 'a', answers: { open: 'Meer overleg' } });
    results.set({ id: 'b', role: 'pupil', school: 'a', answers: { open: '  ' } });
    expect(results.openAnswers('open')).toEqual([
      {
        responseId: 'a',
        itemId: 'open',
        text: 'Meer overleg',
        sameKey: 'meer overleg',
        role: 'teacher',
        school: 'a',
      },
    ]);
    results.remove('a');
    expect(results.openAnswers('open')).toEqual([]);
  });

  it('takes role and school from the profile item; typed schools group without case or spaces', () => {
    const s = study();
    const base = {
      surveyId: s.id,
      surveyVersion: s.version,
      status: 'submitted' as const,
      language: 'nl',
      startedAt: 1,
      updatedAt: 2,
    };
    const r = respondentOf(s, {
      ...base,
      id: 'x',
      answers: { 'profiel.role': 'leerkracht', 'profiel.school': '  Sint-Jozef   College ' },
    });
    expect(r).toMatchObject({ role: 'leerkracht', school: 'sint-jozef college' });
    expect(schoolKey('SINT-JOZEF college')).toBe(r.school);
    expect(respondentOf(s, { ...base, id: 'y', answers: {} }, 'De Klimop').school).toBe(
      'de klimop',
    );
  });
});
