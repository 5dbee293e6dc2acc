/**
 * Evaluating and walking "show if" conditions. The tablet (which questions to show) and the
 * laptop (which answers count) evaluate them with this one function, so both always agree.
 */
import type { Answers } from './answers';
import type { Condition } from './survey-schema';

/** A condition on one answer (no all / any / not): what the editor picks. */
export type AnswerCondition = Extract<Condition, { answer: string }>;

export function isAnswerCondition(condition: Condition): condition is AnswerCondition {
  return 'answer' in condition;
}

/**
 * Whether a condition holds for these answers. An unanswered question matches no value and no
 * comparison (as in XLSForm, where an empty answer is not `> 3`), so `not` of it holds.
 */
export function conditionHolds(condition: Condition | undefined, answers: Answers): boolean {
  if (!condition) return true;
  if ('all' in condition) return condition.all.every((c) => conditionHolds(c, answers));
  if ('any' in condition) return condition.any.some((c) => conditionHolds(c, answers));
  if ('not' in condition) return !conditionHolds(condition.not, answers);
  const value = answers[condition.answer];
  const answered = value !== undefined && !(Array.isArray(value) && value.length === 0);
  if ('answered' in condition) return answered === condition.answered;
  if (!answered) return false;
  if ('compare' in condition) {
    if (typeof value !== 'number') return false;
    switch (condition.compare) {
      case '<':
        return value < condition.value;
      case '<=':
        return value <= condition.value;
      case '>':
        return value > condition.value;
      case '>=':
        return value >= condition.value;
    }
  }
  if (Array.isArray(value))
    return (value as readonly string[]).some((v) => condition.anyOf.includes(v));
  return condition.anyOf.includes(value as string | number);
}

/** Every one-answer condition inside a condition, in order. */
export function answerConditions(condition: Condition | undefined): AnswerCondition[] {
  if (!condition) return [];
  if ('all' in condition) return condition.all.flatMap(answerConditions);
  if ('any' in condition) return condition.any.flatMap(answerConditions);
  if ('not' in condition) return answerConditions(condition.not);
  return [condition];
}

/** The condition with every one-answer condition replaced by `change` (renames follow this way). */
export function mapAnswerConditions(
  condition: Condition,
  change: (leaf: AnswerCondition) => AnswerCondition,
): Condition {
  if ('all' in condition) return { all: condition.all.map((c) => mapAnswerConditions(c, change)) };
  if ('any' in condition) return { any: condition.any.map((c) => mapAnswerConditions(c, change)) };
  if ('not' in condition) return { not: mapAnswerConditions(condition.not, change) };
  return change(condition);
}

/** Both conditions (either may be absent). */
export function bothConditions(
  a: Condition | undefined,
  b: Condition | undefined,
): Condition | undefined {
  if (!a) return b;
  if (!b) return a;
  return { all: [...('all' in a ? a.all : [a]), ...('all' in b ? b.all : [b])] };
}

/**
 * A condition as an XLSForm expression (`${rol} = 'leerkracht' and ${jaren} > 3`): how the
 * editor shows a condition it cannot pick (one written in an imported form).
 */
export function conditionText(condition: Condition): string {
  const inner = (c: Condition) =>
    'all' in c || 'any' in c ? `(${conditionText(c)})` : conditionText(c);
  if ('all' in condition) return condition.all.map(inner).join(' and ');
  if ('any' in condition) return condition.any.map(inner).join(' or ');
  if ('not' in condition) return `not(${conditionText(condition.not)})`;
  const ref = `\${${condition.answer}}`;
  if ('answered' in condition) return `${ref} ${condition.answered ? '!=' : '='} ''`;
  if ('compare' in condition) return `${ref} ${condition.compare} ${condition.value}`;
  const literal = (v: string | number) => (typeof v === 'number' ? String(v) : `'${v}'`);
  return condition.anyOf.map((v) => `${ref} = ${literal(v)}`).join(' or ');
}
