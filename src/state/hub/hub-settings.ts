/**
 * The laptop's hub settings (address, hub key, on or off), kept in its database, and the
 * address as typed turned into a WebSocket URL. Apart from the sync so that a page reads them
 * without loading the hub's client.
 */
import type { KringDb } from '../../storage/db';
import { getSetting, putSetting } from '../../storage/settings';

export interface HubSettings {
  url: string;
  key: string;
  /** Off: the settings are kept, nothing is sent. */
  on: boolean;
}

declare module '../../storage/settings' {
  interface Settings {
    hub: HubSettings;
  }
}

export async function loadHubSettings(db: KringDb): Promise<HubSettings | undefined> {
  return getSetting(db, 'hub');
}

export async function saveHubSettings(db: KringDb, settings: HubSettings): Promise<void> {
  await putSetting(db, 'hub', settings);
}

/** A hub address as typed (`host:port`, `http://…`) as a WebSocket URL; undefined if it is none. */
export function hubUrl(typed: string): string | undefined {
  let text = typed.trim();
  if (!/^[a-z]+:\/\//i.test(text)) text = `ws://${text}`;
  try {
    const url = new URL(text.replace(/^http(s?):/i, 'ws$1:'));
    if (url.protocol !== 'ws:' && url.protocol !== 'wss:') return undefined;
    return url.href.replace(/\/$/, '');
  } catch {
    return undefined;
  }
}
