/**
 * The device's identity in session lobbies: an X25519 key pair made once and kept. In its own
 * module so that the standalone participant page does not load the curve code.
 */
import type { KringDb } from '../../storage/db';
import { getSetting, putSetting } from '../../storage/settings';
import { newKeyPair, type KeyPair } from '../../sync/admission';

declare module '../../storage/settings' {
  interface Settings {
    deviceKeys: KeyPair;
  }
}

/** This device's X25519 key pair for joining sessions, made once and kept (its identity in a lobby). */
export async function deviceKeys(db: KringDb): Promise<KeyPair> {
  const stored = await getSetting(db, 'deviceKeys');
  if (stored?.secretKey instanceof Uint8Array && stored.publicKey instanceof Uint8Array)
    return stored;
  const keys = newKeyPair();
  await putSetting(db, 'deviceKeys', keys);
  return keys;
}
