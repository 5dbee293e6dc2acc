/** What went wrong with IndexedDB, in the terms a participant's message needs. */
export type StorageErrorKind = 'quota' | 'closed' | 'unavailable' | 'unknown';

const KINDS: [StorageErrorKind, Set<string>][] = [
  ['quota', new Set(['QuotaExceededError'])],
  ['closed', new Set(['DatabaseClosedError', 'InvalidStateError', 'TransactionInactiveError'])],
  ['unavailable', new Set(['MissingAPIError', 'OpenFailedError', 'UnknownError', 'SecurityError'])],
];

/** Classifies a Dexie or DOM error; a cause wrapped by Dexie (`inner`) decides over its wrapper. */
export function classifyStorageError(error: unknown): StorageErrorKind {
  const names = new Set<string>();
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const name = (current as { name?: unknown }).name;
    if (typeof name === 'string') names.add(name);
    current = (current as { inner?: unknown }).inner;
  }
  for (const [kind, set] of KINDS) if ([...names].some((n) => set.has(n))) return kind;
  return 'unknown';
}
