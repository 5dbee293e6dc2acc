/**
 * What changed between two versions of a survey, item by item, and whether answers to both
 * versions can still be counted together: a changed text (a typo fixed, a translation added)
 * keeps an item comparable; a changed type, scale, option set or option order does not, since
 * the same code would no longer mean the same answer.
 */
import { allowedValues, answerKeys, type Answers } from '../answers';
import { cellValues } from '../results/cells';
import { itemsOf, type Item, type Survey } from '../survey-schema';

export type ItemChange =
  | { itemId: string; change: 'same' }
  /** Changed, but not in what its answer codes mean (wording, translations, required). */
  | { itemId: string; change: 'text' }
  | { itemId: string; change: 'breaking'; reason: 'type' | 'scale' | 'options' | 'keys' }
  | { itemId: string; change: 'added' }
  | { itemId: string; change: 'removed' };

const items = (survey: Survey) => new Map(itemsOf(survey).map((i) => [i.id, i]));

export function compareVersions(before: Survey, after: Survey): ItemChange[] {
  const old = items(before);
  const now = items(after);
  const changes: ItemChange[] = [];
  for (const [id, item] of now) {
    const previous = old.get(id);
    changes.push(previous ? compareItem(previous, item) : { itemId: id, change: 'added' });
  }
  for (const id of old.keys()) if (!now.has(id)) changes.push({ itemId: id, change: 'removed' });
  return changes;
}

/** Items whose answers in both versions may be counted together. */
export function comparableItems(changes: ItemChange[]): Set<string> {
  return new Set(
    changes.filter((c) => c.change === 'same' || c.change === 'text').map((c) => c.itemId),
  );
}

function compareItem(before: Item, after: Item): ItemChange {
  const itemId = after.id;
  if (before.type !== after.type) return { itemId, change: 'breaking', reason: 'type' };
  const keysBefore = answerKeys(before);
  const keysAfter = answerKeys(after);
  if (JSON.stringify(keysBefore) !== JSON.stringify(keysAfter))
    return { itemId, change: 'breaking', reason: 'keys' };
  for (const key of keysAfter) {
    const same = (f: (item: Item, key: string) => unknown) =>
      JSON.stringify(f(before, key)) === JSON.stringify(f(after, key));
    if (!same(cellValues) || !same(allowedValues))
      return {
        itemId,
        change: 'breaking',
        reason:
          before.type === 'likert' ||
          before.type === 'rating-matrix' ||
          before.type === 'numeric-scale'
            ? 'scale'
            : 'options',
      };
  }
  if (scaleOf(before) !== scaleOf(after)) return { itemId, change: 'breaking', reason: 'scale' };
  return JSON.stringify(before) === JSON.stringify(after)
    ? { itemId, change: 'same' }
    : { itemId, change: 'text' };
}

/** What the codes of an item mean beyond its values (a Likert's no-opinion code). */
function scaleOf(item: Item): string {
  return item.type === 'likert' ? String(item.noOpinion?.code ?? '') : '';
}

/**
 * How the answers of several versions of one survey count together: each version is compared
 * with the latest; an answer counts with the latest version's item when that item kept its
 * meaning (same or only text changed), and stays apart otherwise.
 */
export interface VersionPlan {
  latest: Survey;
  /** The versions, oldest first. */
  versions: number[];
  /** Version → its items' changes against the latest (the latest itself: none). */
  changes: ReadonlyMap<number, ItemChange[]>;
}

/** The plan for these versions of one survey (one definition per version; the highest is the latest). */
export function planVersions(surveys: readonly Survey[]): VersionPlan {
  const sorted = [...surveys].sort((a, b) => a.version - b.version);
  const latest = sorted.at(-1);
  if (!latest) throw new Error('planVersions needs at least one survey');
  const changes = new Map<number, ItemChange[]>();
  for (const survey of sorted)
    if (survey !== latest) changes.set(survey.version, compareVersions(survey, latest));
  return { latest, versions: sorted.map((s) => s.version), changes };
}

/** The items of the latest version that this version's answers count with. */
export function countedItems(plan: VersionPlan, version: number): ReadonlySet<string> | 'all' {
  const changes = plan.changes.get(version);
  return changes ? comparableItems(changes) : 'all';
}

/** Per plan and version, the answer keys that count with the latest version (asked per response). */
const keysCache = new WeakMap<VersionPlan, Map<number, ReadonlySet<string> | 'all'>>();

function comparableKeys(plan: VersionPlan, version: number): ReadonlySet<string> | 'all' {
  let byVersion = keysCache.get(plan);
  if (!byVersion) keysCache.set(plan, (byVersion = new Map<number, ReadonlySet<string> | 'all'>()));
  let keys = byVersion.get(version);
  if (keys === undefined) {
    const counted = countedItems(plan, version);
    keys =
      counted === 'all'
        ? 'all'
        : new Set(
            plan.latest.sections
              .flatMap((s) => s.items)
              .filter((i) => counted.has(i.id))
              .flatMap(answerKeys),
          );
    byVersion.set(version, keys);
  }
  return keys;
}

/** The answers of a response to `version` that count with the latest version's items. */
export function comparableAnswers(plan: VersionPlan, version: number, answers: Answers): Answers {
  const keys = comparableKeys(plan, version);
  if (keys === 'all') return answers;
  return Object.fromEntries(Object.entries(answers).filter(([key]) => keys.has(key)));
}

/** A change that keeps an earlier version's answers to an item apart. */
export type ApartChange = Extract<ItemChange, { change: 'breaking' | 'added' | 'removed' }>;

const isApart = (change: ItemChange): change is ApartChange =>
  change.change === 'breaking' || change.change === 'removed' || change.change === 'added';

/** Per item of the latest version, the earlier versions whose answers to it are not counted. */
export function versionsApart(
  plan: VersionPlan,
): Map<string, { version: number; change: ApartChange }[]> {
  const apart = new Map<string, { version: number; change: ApartChange }[]>();
  for (const [version, changes] of plan.changes)
    for (const change of changes.filter(isApart)) {
      const list = apart.get(change.itemId) ?? [];
      list.push({ version, change });
      apart.set(change.itemId, list);
    }
  return apart;
}
