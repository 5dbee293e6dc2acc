import { OTHER_OPTION, range, type AnswerValue, type Answers } from '../../../domain/answers';
import { conditionHolds } from '../../../domain/condition';
import type { ItemOfType, ItemType, LocalizedText } from '../../../domain/survey-schema';

/** What every item component receives. `V` is the value type the item stores. */
export interface ItemProps<T extends ItemType, V extends AnswerValue = AnswerValue> {
  item: ItemOfType<T>;
  answers: Answers;
  /** Stores (or with `undefined`, clears) the answer under `key`. */
  onanswer: (key: string, value: V | undefined) => void;
  /** The id of the question's heading, which labels the item's group. */
  labelledby: string;
}

/**
 * The options of a choice item with "other, namely …" last, in the reader's language; an option
 * with a condition (a choice filter) only when its condition holds for the answers so far.
 */
export function choiceOptions(
  item: ItemOfType<'single-choice' | 'multiple-choice'>,
  text: (value: LocalizedText) => string,
  answers: Answers,
): { id: string; label: string }[] {
  return [
    ...item.options
      .filter((o) => conditionHolds(o.showIf, answers))
      .map((o) => ({ id: o.id, label: text(o.text) })),
    ...(item.other ? [{ id: OTHER_OPTION, label: text(item.other.text) }] : []),
  ];
}

/** The buttons of a numeric scale: from min to max by its step. */
export function scalePoints(item: ItemOfType<'numeric-scale'>): number[] {
  return range(item.min, item.max, item.step);
}
