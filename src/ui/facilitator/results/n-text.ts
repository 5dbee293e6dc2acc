/**
 * The n of an item as the results and the report write it: "n = 180", and for a matrix or a
 * Likert block whose rows were not all answered "n = 177–180 per row" (the table has each);
 * a Likert statement's n leaves out "no opinion".
 */
import { partsN, type ItemResult } from '../../../domain/results/item-results';
import type { I18n } from '../../i18n/i18n.svelte';

export function nText(i18n: I18n, result: ItemResult): string {
  const parts = partsN(result);
  if (!parts || parts.min === parts.max)
    return i18n.t('results.n', { n: i18n.number(parts?.max ?? result.n) });
  return i18n.t(result.type === 'likert' ? 'results.nPerStatement' : 'results.nPerPart', {
    min: i18n.number(parts.min),
    max: i18n.number(parts.max),
  });
}
