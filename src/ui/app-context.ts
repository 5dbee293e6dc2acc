/**
 * The page's context, made once by the page's root component (SessionApp, ParticipantApp,
 * FacilitatorApp) and read by every component below it, as svelte.dev's REPL passes its
 * `ReplContext`: the page's services (one database connection, the kit's info, the network)
 * and its i18n.
 */
import { createContext } from 'svelte';
import { PageServices } from '../state/page-services';
import { setI18n, type I18n } from './i18n/i18n.svelte';

export interface AppContext {
  readonly services: PageServices;
  readonly i18n: I18n;
}

const [getAppContext, setAppContext] = createContext<AppContext>();

export const getApp = getAppContext;

/** Sets the page's context (and its i18n, for components that only read text). */
export function setApp(i18n: I18n, services: PageServices = new PageServices()): AppContext {
  setI18n(i18n);
  return setAppContext({ services, i18n });
}
