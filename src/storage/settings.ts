/**
 * The device's settings as one typed key → value map. A key and its value's type are written
 * once: here for plain values, and by the state module that owns a richer value through
 * declaration merging (`declare module '…/storage/settings' { interface Settings { … } }`).
 * Every read and write is then checked against that map.
 */
import type { KringDb } from './db';

export interface Settings {
  /** The page language a tablet's user picked (`nl`, `en`); checked again when read. */
  uiLanguage: string;
  /** This device's id in every response it sends (open-device). */
  deviceId: string;
  /** The coder's name on this laptop (the coding view). */
  coderName: string;
  /** The bundled questionnaire as last read, for an offline start. */
  'survey:bundled': string;
  /** A questionnaire opened for a try-out on the laptop's own page. */
  'survey:preview': string;
  /** The response a participant is in the middle of, per questionnaire (null: none). */
  [active: `activeResponse:${string}`]: string | null;
}

export type SettingKey = Extract<keyof Settings, string>;

export async function getSetting<K extends SettingKey>(
  db: KringDb,
  key: K,
): Promise<Settings[K] | undefined> {
  return (await db.settings.get(key))?.value as Settings[K] | undefined;
}

export async function putSetting<K extends SettingKey>(
  db: KringDb,
  key: K,
  value: Settings[K],
): Promise<void> {
  await db.settings.put({ key, value });
}
