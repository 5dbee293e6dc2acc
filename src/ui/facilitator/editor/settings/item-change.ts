/**
 * How a question type's settings component reports a change: the whole changed item, with the
 * field that changed (quick edits of one field join into one undo step).
 */
import { withOptional } from '../../../../domain/authoring/operations';
import type { Item, LocalizedText } from '../../../../domain/survey-schema';

export type ItemChange = (item: Item, field: string) => void;

export interface SettingsProps<T extends Item> {
  item: T;
  languages: string[];
  onchange: ItemChange;
}

/** Setting and clearing fields of `item`, each reported under `<item id>.<field>`. */
export function itemChanges(onchange: ItemChange) {
  return {
    set: <T extends Item>(item: T, patch: Partial<T>, field: string): void =>
      onchange({ ...item, ...patch }, `${item.id}.${field}`),
    without: <T extends Item>(item: T, key: keyof T, field: string): void =>
      onchange(withOptional(item, key, undefined), `${item.id}.${field}`),
  };
}

/** A text still to write in every language of the questionnaire. */
export const emptyText = (languages: readonly string[]): LocalizedText =>
  Object.fromEntries(languages.map((l) => [l, '']));
