/**
 * Debounced saving for typed answers: saves after a pause in typing, on blur, and when the
 * page is hidden (`flushAllPending`), so text is not left unsaved when a tablet is put away.
 */
const pending = new Set<() => void>();

export interface Debounced {
  schedule(): void;
  flush(): void;
  cancel(): void;
}

export function debounced(run: () => void, delayMs = 400): Debounced {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    if (timer === undefined) return;
    clearTimeout(timer);
    timer = undefined;
    pending.delete(flush);
    run();
  };
  return {
    schedule() {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(flush, delayMs);
      pending.add(flush);
    },
    flush,
    cancel() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      pending.delete(flush);
    },
  };
}

export function flushAllPending(): void {
  for (const flush of [...pending]) flush();
}

/**
 * Saves pending typed answers when the page is hidden or left (a tablet put away, a tab closed).
 * Returns the function that stops listening.
 */
export function flushWhenHidden(doc: Document = document, win: Window = window): () => void {
  const flush = () => {
    if (doc.visibilityState === 'hidden') flushAllPending();
  };
  doc.addEventListener('visibilitychange', flush);
  win.addEventListener('pagehide', flushAllPending);
  return () => {
    doc.removeEventListener('visibilitychange', flush);
    win.removeEventListener('pagehide', flushAllPending);
  };
}
