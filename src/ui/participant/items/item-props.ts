import { OTHER_OPTION, type AnswerValue, type Answers } from '../../../domain/answers';
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

/** The options of a choice item with "other, namely …" last, in the reader's language. */
export function choiceOptions(
  item: ItemOfType<'single-choice' | 'multiple-choice'>,
  text: (value: LocalizedText) => string,
): { id: string; label: string }[] {
  return [
    ...item.options.map((o) => ({ id: o.id, label: text(o.text) })),
    ...(item.other ? [{ id: OTHER_OPTION, label: text(item.other.text) }] : []),
  ];
}
