/**
 * The tablet's own language choice, kept across sessions and participants: restored when a
 * page opens, saved when someone picks Dutch or English (a survey language Kring's texts do
 * not come in changes the questions only, and is not kept).
 */
import type { ParticipantFlow } from '../../state/participant/participant-flow.svelte';
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

/** The participant picks a language: the response is asked in it, and the next page opens in it. */
export function chooseLanguage(
  services: PageServices,
  flow: ParticipantFlow | undefined,
  language: string,
): void {
  flow?.setLanguage(language);
  rememberLanguage(services, language);
}

/** Consent given: the browser is asked to keep this site's storage, and the response starts. */
export function startAfterConsent(
  services: PageServices,
  i18n: I18n,
  flow: ParticipantFlow,
): Promise<void> {
  void services.keepStorage();
  return flow.acceptConsent(i18n.reading);
}
