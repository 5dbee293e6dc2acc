/**
 * The tablet's own language choice, kept across sessions and participants: restored when a
 * page opens, saved when someone picks Dutch or English (a survey language Kring's texts do
 * not come in changes the questions only, and is not kept).
 */
import type { PageServices } from '../../state/page-services';
import { isUiLanguage, type I18n } from '../i18n/i18n.svelte';

/** Shows the page in the saved language; one that cannot be read leaves the browser's. */
export async function restoreLanguage(services: PageServices, i18n: I18n): Promise<void> {
  let saved: string | undefined;
  try {
    saved = await services.savedLanguage();
  } catch {
    return; // the storage's own failure is shown where it stops something (opening, joining)
  }
  if (saved && isUiLanguage(saved)) i18n.language = saved;
}

/** Keeps a language the page's own texts come in, for the next page opened on this device. */
export function rememberLanguage(services: PageServices, language: string): void {
  // Only a preference for the next page: the response keeps its own language with the answers,
  // and a storage that fails says so where answers are saved.
  if (isUiLanguage(language)) void services.saveLanguage(language).catch(() => {});
}
