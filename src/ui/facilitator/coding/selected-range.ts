/**
 * The passage a coder selected, as a range of a source's text: the source is shown as elements
 * with `data-start` (where their text begins in the source's text), each holding its text as
 * one text node, so a selection within one or across several (a transcript's turns, whatever
 * lies between them: a speaker's name, a time) maps back to the text.
 */
export function selectedRange(
  root: HTMLElement,
  selection: Selection | null = window.getSelection(),
): [number, number] | undefined {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return undefined;
  const range = selection.getRangeAt(0);
  let start: number | undefined;
  let end: number | undefined;
  for (const part of root.querySelectorAll<HTMLElement>('[data-start]')) {
    const node = part.firstChild;
    if (!node || node.nodeType !== Node.TEXT_NODE || !range.intersectsNode(node)) continue;
    const base = Number(part.dataset.start);
    const from = range.startContainer === node ? range.startOffset : 0;
    const to = range.endContainer === node ? range.endOffset : (node.textContent ?? '').length;
    if (to <= from) continue; // the selection only touches its edge
    start ??= base + from;
    end = base + to;
  }
  return start !== undefined && end !== undefined && end > start ? [start, end] : undefined;
}
