/**
 * The anonymity rule for what is projected: a group of fewer than k respondents is never shown
 * on its own, so nobody in a small group (the one principal, the two parents) can be recognised
 * by their answers. A hidden result says so, and why, instead of showing nothing.
 */
import type { ItemResult } from './item-results';

export const DEFAULT_K = 5;

export type Thresholded =
  { shown: true; result: ItemResult } | { shown: false; n: number; k: number };

/**
 * Shows an item's result only when both the filtered group (`groupN` respondents) and the
 * item's own answers reach k.
 */
export function applyThreshold(result: ItemResult, groupN: number, k: number): Thresholded {
  const n = Math.min(groupN, result.n);
  return n >= k ? { shown: true, result } : { shown: false, n, k };
}
