/**
 * The study's private key as it passes between its facilitators (issue 25): a small JSON file
 * whose key is sealed with a passphrase. scrypt (memory-hard, pure JS from `@noble/hashes`)
 * makes the passphrase's key; XChaCha20-Poly1305 seals the private key, bound to the study and
 * its public key. The key never reaches the hub; the file is only as strong as its passphrase.
 */
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { fromBase64Url, toBase64Url } from './admission';
import { x25519 } from './x25519';

export const KEY_FILE_FORMAT = 'kring-study-key';

/** scrypt's cost as written: 2^17 × 8 × 128 bytes = 128 MiB, a second or two on a laptop. */
export const KEY_FILE_COST = { N: 2 ** 17, r: 8, p: 1 } as const;
/** The costs a file may name: never so low it protects nothing, never so high it stalls the page. */
const MIN_N = 2 ** 10;
const MAX_N = 2 ** 20;

export interface StudyKey {
  studyId: string;
  publicKey: Uint8Array;
  privateKey: Uint8Array;
}

interface KeyFile {
  format: typeof KEY_FILE_FORMAT;
  version: 1;
  studyId: string;
  publicKey: string;
  kdf: { name: 'scrypt'; N: number; r: number; p: number; salt: string };
  nonce: string;
  sealed: string;
}

export type KeyFileReading =
  | { ok: true; key: StudyKey }
  | { ok: false; problem: 'notKeyFile' | 'otherStudy' | 'wrongPassphrase' };

const associated = (studyId: string, publicKey: string) =>
  utf8ToBytes(`${KEY_FILE_FORMAT}-v1\u0000${studyId}\u0000${publicKey}`);

const passphraseKey = (
  passphrase: string,
  salt: Uint8Array,
  cost: { N: number; r: number; p: number },
) => scryptAsync(utf8ToBytes(passphrase.normalize('NFC')), salt, { ...cost, dkLen: 32 });

/** The key file's text, its private key sealed with `passphrase`. */
export async function writeKeyFile(
  key: StudyKey,
  passphrase: string,
  cost: { N: number; r: number; p: number } = KEY_FILE_COST,
): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const nonce = crypto.getRandomValues(new Uint8Array(24));
  const publicKey = toBase64Url(key.publicKey);
  const sealed = xchacha20poly1305(
    await passphraseKey(passphrase, salt, cost),
    nonce,
    associated(key.studyId, publicKey),
  ).encrypt(key.privateKey);
  const file: KeyFile = {
    format: KEY_FILE_FORMAT,
    version: 1,
    studyId: key.studyId,
    publicKey,
    kdf: { name: 'scrypt', ...cost, salt: toBase64Url(salt) },
    nonce: toBase64Url(nonce),
    sealed: toBase64Url(sealed),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** A key file read for `studyId`: its key, or why not (each with its own message). */
export async function readKeyFile(
  text: string,
  passphrase: string,
  studyId: string,
): Promise<KeyFileReading> {
  const file = parseKeyFile(text);
  if (!file) return { ok: false, problem: 'notKeyFile' };
  if (file.studyId !== studyId) return { ok: false, problem: 'otherStudy' };
  const { N, r, p } = file.kdf;
  let privateKey: Uint8Array;
  try {
    privateKey = xchacha20poly1305(
      await passphraseKey(passphrase, file.salt, { N, r, p }),
      file.nonce,
      associated(file.studyId, file.publicKeyText),
    ).decrypt(file.sealed);
  } catch {
    return { ok: false, problem: 'wrongPassphrase' };
  }
  // The private key must be the public key's: a file pieced together from two is refused.
  const derived = x25519.getPublicKey(privateKey);
  if (toBase64Url(derived) !== file.publicKeyText) return { ok: false, problem: 'notKeyFile' };
  return { ok: true, key: { studyId, publicKey: file.publicKey, privateKey } };
}

/** The study a key file is for, without its passphrase (to say so before asking for it). */
export function keyFileStudy(text: string): string | undefined {
  return parseKeyFile(text)?.studyId;
}

function parseKeyFile(text: string) {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return undefined;
  }
  const f = raw as Partial<KeyFile> | null;
  if (typeof f !== 'object' || f === null || f.format !== KEY_FILE_FORMAT || f.version !== 1)
    return undefined;
  if (typeof f.studyId !== 'string' || typeof f.publicKey !== 'string') return undefined;
  const kdf = f.kdf;
  if (
    typeof kdf !== 'object' ||
    kdf === null ||
    kdf.name !== 'scrypt' ||
    !Number.isInteger(kdf.N) ||
    kdf.N < MIN_N ||
    kdf.N > MAX_N ||
    (kdf.N & (kdf.N - 1)) !== 0 ||
    kdf.r !== 8 ||
    kdf.p !== 1 ||
    typeof kdf.salt !== 'string'
  )
    return undefined;
  const publicKey = fromBase64Url(f.publicKey);
  const salt = fromBase64Url(kdf.salt);
  const nonce = typeof f.nonce === 'string' ? fromBase64Url(f.nonce) : undefined;
  const sealed = typeof f.sealed === 'string' ? fromBase64Url(f.sealed) : undefined;
  if (publicKey?.length !== 32 || !salt || salt.length < 16 || nonce?.length !== 24)
    return undefined;
  if (sealed?.length !== 32 + 16) return undefined;
  return { studyId: f.studyId, publicKey, publicKeyText: f.publicKey, kdf, salt, nonce, sealed };
}
