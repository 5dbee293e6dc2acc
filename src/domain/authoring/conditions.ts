/**
 * "Show if" conditions as the editor offers them: picked, not typed. For a question (or a part)
 * the answers to choose from are those asked before it, each with the values it can take and
 * their texts, so a facilitator picks "Role is Teacher" instead of writing `profiel.role`.
 */
import { allowedValues, answerKeys, OTHER_OPTION } from '../answers';
import type { Condition, Item, LocalizedText } from '../survey-schema';
import { updateItem, withOptional, type Draft } from './operations';

export interface ConditionValue {
  value: string | number;
  /** What the participant saw for it; undefined for a plain number. */
  text: LocalizedText | undefined;
}

export interface ConditionSource {
  /** The answer key a condition names. */
  key: string;
  item: Item;
  /** The statement, row or field of the item the key is, when it is one of several. */
  part: LocalizedText | undefined;
  values: ConditionValue[];
}

/** Where a condition sits: a question (section and index) or a whole part (no index). */
export interface ConditionTarget {
  section: number;
  index?: number | undefined;
}

/** The earlier answers a condition at `target` may name, in the order they are asked. */
export function conditionSources(draft: Draft, target: ConditionTarget): ConditionSource[] {
  const earlier = draft.sections.flatMap((section, s) =>
    s < target.section
      ? section.items
      : s === target.section && target.index !== undefined
        ? section.items.slice(0, target.index)
        : [],
  );
  return earlier.flatMap((item) =>
    answerKeys(item).flatMap((key): ConditionSource[] => {
      const values = conditionValues(item, key);
      return values && values.length > 0 ? [{ key, item, part: partOf(item, key), values }] : [];
    }),
  );
}

type Conditional = { showIf?: Condition | undefined };

/** A question or part with this condition (undefined: shown always, the field left out). */
export function withCondition<T extends Conditional>(x: T, condition: Condition | undefined): T {
  return withOptional(x, 'showIf', condition);
}

/** Sets (or with undefined, removes) the condition of a question or a part. */
export function setCondition(
  draft: Draft,
  target: ConditionTarget,
  condition: Condition | undefined,
): Draft {
  const apply = <T extends Conditional>(x: T): T => withCondition(x, condition);
  if (target.index !== undefined)
    return updateItem(draft, target.section, target.index, (item) => apply(item));
  if (!draft.sections[target.section]) return draft;
  return {
    ...draft,
    sections: draft.sections.map((s, i) => (i === target.section ? apply(s) : s)),
  };
}

/** The values an answer can take, with texts; undefined when a condition on it makes no sense. */
function conditionValues(item: Item, key: string): ConditionValue[] | undefined {
  // A ranking holds every option (a condition would always hold); open text is free.
  if (item.type === 'ranking' || item.type === 'open-text') return undefined;
  if (key.endsWith(`.${OTHER_OPTION}`)) return undefined;
  const values = allowedValues(item, key);
  if (!values) return undefined;
  return values.map((value) => ({ value, text: valueText(item, key, value) }));
}

function valueText(item: Item, key: string, value: string | number): LocalizedText | undefined {
  switch (item.type) {
    case 'single-choice':
    case 'multiple-choice':
      return value === OTHER_OPTION
        ? item.other?.text
        : item.options.find((o) => o.id === value)?.text;
    case 'likert':
      return [...item.scale, ...(item.noOpinion ? [item.noOpinion] : [])].find(
        (p) => p.code === value,
      )?.text;
    case 'rating-matrix':
      return value === item.scale.min
        ? item.scale.minLabel
        : value === item.scale.max
          ? item.scale.maxLabel
          : undefined;
    case 'numeric-scale':
      return value === item.min ? item.minLabel : value === item.max ? item.maxLabel : undefined;
    case 'profile':
      return (key.endsWith('.role') ? item.roles : (item.schools ?? [])).find((c) => c.id === value)
        ?.text;
    default:
      return undefined;
  }
}

function partOf(item: Item, key: string): LocalizedText | undefined {
  const sub = key.slice(item.id.length + 1);
  if (!sub) return undefined;
  switch (item.type) {
    case 'likert':
      return item.statements.find((s) => s.id === sub)?.text;
    case 'rating-matrix':
      return item.rows.find((r) => r.id === sub)?.text;
    default:
      return undefined;
  }
}
