/**
 * What went wrong, as a kind a page can word in the user's language: never an exception's
 * English message inside Dutch text. Storage failures are told apart (a full disk, a closed
 * database, a browser that refuses storage); anything else is `unknown`, and the page says so
 * in its own words.
 */
import { classifyStorageError, type StorageErrorKind } from '../storage/storage-errors';

export type ProblemKind = StorageErrorKind;

export function problemOf(error: unknown): ProblemKind {
  const kind = classifyStorageError(error);
  // The detail stays available to whoever helps, in the browser's console.
  if (kind === 'unknown') console.error(error);
  return kind;
}
