/**
 * The study's key pair on this laptop (issue 25): made here with the study's first online link,
 * or read from the key file another facilitator exported. The private key is kept in this
 * laptop's database only; it leaves it only sealed in a key file (study-key-file.ts).
 */
import type { KringDb } from '../../storage/db';
import { getSetting, putSetting } from '../../storage/settings';
import { fromBase64Url, toBase64Url } from '../../sync/admission';
import { studyKeyPair } from '../../sync/online-envelope';
import {
  readKeyFile,
  writeKeyFile,
  type KeyFileReading,
  type StudyKey,
} from '../../sync/study-key-file';

interface StoredKey {
  publicKey: string;
  privateKey: string;
}

declare module '../../storage/settings' {
  interface Settings {
    [key: `studyKey:${string}`]: StoredKey;
  }
}

export async function loadStudyKey(db: KringDb, studyId: string): Promise<StudyKey | undefined> {
  const stored = await getSetting(db, `studyKey:${studyId}`);
  const publicKey = stored && fromBase64Url(stored.publicKey);
  const privateKey = stored && fromBase64Url(stored.privateKey);
  return publicKey && privateKey ? { studyId, publicKey, privateKey } : undefined;
}

async function saveStudyKey(db: KringDb, key: StudyKey): Promise<void> {
  await putSetting(db, `studyKey:${key.studyId}`, {
    publicKey: toBase64Url(key.publicKey),
    privateKey: toBase64Url(key.privateKey),
  });
}

/** The study's key on this laptop, made now if it has none. */
export async function studyKeyFor(db: KringDb, studyId: string): Promise<StudyKey> {
  const held = await loadStudyKey(db, studyId);
  if (held) return held;
  const key = { studyId, ...studyKeyPair() };
  await saveStudyKey(db, key);
  return key;
}

export type KeyImport = KeyFileReading | { ok: false; problem: 'otherKey' };

/**
 * Reads a key file into this laptop. A laptop that holds another key for the study keeps it
 * (its links' responses open only with it): the file is refused, said why.
 */
export async function importStudyKey(
  db: KringDb,
  studyId: string,
  text: string,
  passphrase: string,
): Promise<KeyImport> {
  const read = await readKeyFile(text, passphrase, studyId);
  if (!read.ok) return read;
  const held = await loadStudyKey(db, studyId);
  if (held && toBase64Url(held.publicKey) !== toBase64Url(read.key.publicKey))
    return { ok: false, problem: 'otherKey' };
  await saveStudyKey(db, read.key);
  return read;
}

/** The key file's text for this laptop's study key. */
export async function exportStudyKey(
  db: KringDb,
  studyId: string,
  passphrase: string,
): Promise<string | undefined> {
  const key = await loadStudyKey(db, studyId);
  return key && writeKeyFile(key, passphrase);
}
