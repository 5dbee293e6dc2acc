/**
 * Open answers that say the same thing ("Meer tijd." and "meer tijd"), grouped so that the
 * facilitator decides on them once and the beamer shows them once, with how many gave them.
 */
import { sameReaction } from '../discussion';

/**
 * What makes two answers the same: what makes two discussion reactions the same (case and
 * spacing do not count), and closing punctuation does not count either.
 */
export function sameAnswerKey(text: string): string {
  return sameReaction(text.normalize('NFC'))
    .replace(/[.!?…]+$/u, '')
    .trimEnd();
}

/**
 * Groups in the order of their first answer; each group's text is its first answer's. An
 * answer's `sameKey`, when it has one, is its `sameAnswerKey` worked out before (a study's
 * tens of thousands of answers are not normalised again on every filter change).
 */
export function groupIdentical<T extends { text: string; sameKey?: string }>(
  answers: readonly T[],
): { text: string; answers: T[] }[] {
  const groups = new Map<string, { text: string; answers: T[] }>();
  for (const answer of answers) {
    const key = answer.sameKey ?? sameAnswerKey(answer.text);
    const group = groups.get(key);
    if (group) group.answers.push(answer);
    else groups.set(key, { text: answer.text, answers: [answer] });
  }
  return [...groups.values()];
}
