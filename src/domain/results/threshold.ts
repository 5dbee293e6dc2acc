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

/**
 * The role a projected quote may carry: its own only when at least k respondents of the shown
 * group have that role, so that "(Ouder)" never points at the one parent in the room. Otherwise
 * undefined: the quote is shown without a role.
 */
export function projectableRole(
  role: string | undefined,
  groups: readonly { role: string | undefined; school: string | undefined; n: number }[],
  school: string | undefined,
  k: number,
): string | undefined {
  if (role === undefined) return undefined;
  const n = groups
    .filter((g) => g.role === role && (school === undefined || g.school === school))
    .reduce((sum, g) => sum + g.n, 0);
  return n >= k ? role : undefined;
}
