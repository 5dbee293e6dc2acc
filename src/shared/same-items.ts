/** The same objects in the same order: an unchanged list, to keep (and not redraw) as it was. */
export function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
