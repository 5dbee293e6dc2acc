/**
 * The facilitator's UI language, kept across the laptop's pages (home, session, editor, study):
 * without it every page would start again from the browser's language. Tablets keep theirs in
 * IndexedDB with the rest of their state (ParticipantApp, SessionApp).
 */
import { isUiLanguage, type UiLanguage } from './i18n.svelte';

const KEY = 'kring.facilitator.uiLanguage';

export function savedUiLanguage(): UiLanguage | undefined {
  try {
    const saved = globalThis.localStorage?.getItem(KEY);
    return saved && isUiLanguage(saved) ? saved : undefined;
  } catch {
    return undefined; // storage refused (private mode): the browser's language will do
  }
}

export function saveUiLanguage(language: UiLanguage): void {
  try {
    globalThis.localStorage?.setItem(KEY, language);
  } catch {
    // as above: nothing to keep it in
  }
}
