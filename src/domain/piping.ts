/**
 * Earlier answers inside a question's text: `${key}` (an answer key, as an XLSForm's
 * `${name}` becomes on import) is shown as the answer in words, "…" while it is unanswered.
 */
import { answerLines, type Text } from './answer-summary';
import type { Answers } from './answers';
import type { Item } from './survey-schema';

const REFERENCE = /\$\{([a-z][a-z0-9_]*(?:\.[A-Za-z0-9_-]+)?)\}/g;

export function fillAnswers(
  text: string,
  keys: ReadonlyMap<string, Item>,
  answers: Answers,
  words: Text,
): string {
  if (!text.includes('${')) return text;
  return text.replace(REFERENCE, (whole, key: string) => {
    const item = keys.get(key);
    if (!item) return whole;
    const value = answers[key];
    if (value === undefined) return '…';
    // A statement's answer is its scale point; a matrix row's, its number.
    if (item.type === 'likert') {
      const points = [...item.scale, ...(item.noOpinion ? [item.noOpinion] : [])];
      return words(points.find((p) => p.code === value)?.text) || String(value);
    }
    if (item.type === 'rating-matrix') return String(value);
    return answerLines(item, { [key]: value }, words).join(', ') || '…';
  });
}
