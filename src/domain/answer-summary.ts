/**
 * A respondent's answer to one item in words, for the review screen before submitting: the
 * chosen options' texts, "statement: scale point" per Likert row, the ranking in order. Empty
 * when the item has no answer.
 */
import { OTHER_OPTION, type Answers } from './answers';
import type { Item, LocalizedText } from './survey-schema';

type Choice = { id: string; text: LocalizedText };

export type Text = (value: LocalizedText | undefined) => string;

export function answerLines(item: Item, answers: Answers, text: Text): string[] {
  const value = answers[item.id];
  const label = (choices: readonly Choice[], id: unknown) =>
    text(choices.find((c) => c.id === id)?.text) || String(id);
  const otherText = () => answers[`${item.id}.${OTHER_OPTION}`];
  const chosen = (id: string) =>
    id === OTHER_OPTION && 'other' in item && item.other
      ? `${text(item.other.text)}${otherText() ? `: ${String(otherText())}` : ''}`
      : label('options' in item ? item.options : [], id);
  switch (item.type) {
    case 'rating-matrix':
      return item.rows.flatMap((row) => {
        const rating = answers[`${item.id}.${row.id}`];
        return rating === undefined ? [] : [`${text(row.text)}: ${String(rating)}`];
      });
    case 'likert':
      return item.statements.flatMap((s) => {
        const code = answers[`${item.id}.${s.id}`];
        const point = [...item.scale, ...(item.noOpinion ? [item.noOpinion] : [])].find(
          (p) => p.code === code,
        );
        return code === undefined
          ? []
          : [`${text(s.text)}: ${point ? text(point.text) : String(code)}`];
      });
    case 'profile': {
      const role = answers[`${item.id}.role`];
      const school = answers[`${item.id}.school`];
      return [
        ...(role === undefined ? [] : [label(item.roles, role)]),
        ...(school === undefined
          ? []
          : [item.schools ? label(item.schools, school) : String(school)]),
      ];
    }
    case 'single-choice':
      return typeof value === 'string' ? [chosen(value)] : [];
    case 'multiple-choice':
      return Array.isArray(value) && value.length > 0
        ? [(value as readonly string[]).map(chosen).join(', ')]
        : [];
    case 'ranking':
      return Array.isArray(value) && value.length > 0
        ? [
            (value as readonly string[])
              .map((id, i) => `${i + 1}. ${label(item.options, id)}`)
              .join(', '),
          ]
        : [];
    case 'numeric-scale':
    case 'number':
    case 'date':
      return value === undefined ? [] : [String(value).replace('T', ' ')];
    case 'note':
      return [];
    case 'open-text':
      return typeof value === 'string' && value.trim() ? [value] : [];
  }
}
