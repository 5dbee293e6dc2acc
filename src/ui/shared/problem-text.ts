/** A failure as the page's language words it (never an exception's English message). */
import { problemOf } from '../../state/problems';
import type { I18n } from '../i18n/i18n.svelte';

/** What went wrong, to go inside a sentence of the page ("…: {reason}"). */
export function problemReason(i18n: I18n, error: unknown): string {
  return i18n.t(`problem.${problemOf(error)}`);
}

/** What went wrong, as a sentence of its own. */
export function problemText(i18n: I18n, error: unknown): string {
  return i18n.t('problem.sentence', { reason: problemReason(i18n, error) });
}
