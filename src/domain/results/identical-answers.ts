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

/** Groups in the order of their first answer; each group's text is its first answer's. */
export function groupIdentical<T extends { text: string }>(
  answers: readonly T[],
): { text: string; answers: T[] }[] {
  const groups = new Map<string, { text: string; answers: T[] }>();
  for (const answer of answers) {
    const key = sameAnswerKey(answer.text);
    const group = groups.get(key);
    if (group) group.answers.push(answer);
    else groups.set(key, { text: answer.text, answers: [answer] });
  }
  return [...groups.values()];
}
