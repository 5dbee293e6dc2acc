/**
 * A response to an online link, sealed to the study's researchers (issue 25): only a laptop
 * with the study's private key opens it; the hub that stores it, and anyone on the way, sees its
 * size and its header, never an answer.
 *
 * Sealing: an ephemeral X25519 key pair per envelope, its agreement with the study's public key,
 * HKDF-SHA256 to a key, XChaCha20-Poly1305 (pure JS, `@noble/ciphers`; the relay's primitives).
 *
 *   version (1) | ephemeral public key (32) | nonce (24) | ciphertext and tag
 *
 * The link, the response id and its version are bound to the envelope as the AEAD's associated
 * data, and the response id and version are inside it too: an envelope moved to another link or
 * response, or given as another version, does not open (`forged`), and an older version
 * replayed is known for one.
 */
import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { newKeyPair, toBase64Url } from './admission';
import { x25519 } from './x25519';

const VERSION = 1;
const KEY_BYTES = 32;
const NONCE_BYTES = 24;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + KEY_BYTES + NONCE_BYTES;
/** The bytes an envelope adds to what it seals. */
export const ENVELOPE_OVERHEAD = HEADER_BYTES + TAG_BYTES;

/** Where an envelope belongs: what it is bound to. */
export interface EnvelopeAddress {
  linkId: string;
  responseId: string;
  /** The response's version: a later version replaces an earlier one, never the other way. */
  version: number;
}

export type OpenedEnvelope =
  { ok: true; plaintext: Uint8Array } | { ok: false; reason: 'malformed' | 'forged' };

const random = (bytes: number) => crypto.getRandomValues(new Uint8Array(bytes));

function associated(address: EnvelopeAddress): Uint8Array {
  return utf8ToBytes(
    `kring-envelope-v${VERSION}\u0000${address.linkId}\u0000${address.responseId}\u0000${address.version}`,
  );
}

function keyOf(shared: Uint8Array, ephemeral: Uint8Array, study: Uint8Array): Uint8Array {
  const salt = new Uint8Array(2 * KEY_BYTES);
  salt.set(ephemeral);
  salt.set(study, KEY_BYTES);
  return hkdf(sha256, shared, salt, utf8ToBytes('kring-online-envelope-v1'), KEY_BYTES);
}

/** Seals `plaintext` to the study's public key, bound to its address. */
export function sealEnvelope(
  studyPublicKey: Uint8Array,
  address: EnvelopeAddress,
  plaintext: Uint8Array,
  randomBytes: (bytes: number) => Uint8Array = random,
): Uint8Array {
  if (studyPublicKey.length !== KEY_BYTES) throw new RangeError('a study key has 32 bytes');
  const secret = randomBytes(KEY_BYTES);
  const ephemeral = x25519.getPublicKey(secret);
  const key = keyOf(x25519.getSharedSecret(secret, studyPublicKey), ephemeral, studyPublicKey);
  const nonce = randomBytes(NONCE_BYTES);
  const sealed = xchacha20poly1305(key, nonce, associated(address)).encrypt(plaintext);
  const envelope = new Uint8Array(HEADER_BYTES + sealed.length);
  envelope[0] = VERSION;
  envelope.set(ephemeral, 1);
  envelope.set(nonce, 1 + KEY_BYTES);
  envelope.set(sealed, HEADER_BYTES);
  return envelope;
}

/** Opens an envelope with the study's key pair; `forged` for one changed, moved or for another study. */
export function openEnvelope(
  study: { publicKey: Uint8Array; privateKey: Uint8Array },
  address: EnvelopeAddress,
  envelope: Uint8Array,
): OpenedEnvelope {
  if (envelope.length < ENVELOPE_OVERHEAD || envelope[0] !== VERSION)
    return { ok: false, reason: 'malformed' };
  const ephemeral = envelope.subarray(1, 1 + KEY_BYTES);
  let shared: Uint8Array;
  try {
    shared = x25519.getSharedSecret(study.privateKey, ephemeral);
  } catch {
    return { ok: false, reason: 'forged' }; // a point of low order: made up
  }
  return openWithShared(shared, study.publicKey, address, envelope);
}

/** The study's side of X25519 with an envelope's ephemeral key: the shared secret. */
export type Agreement = (ephemeral: Uint8Array) => Promise<Uint8Array>;

/**
 * The study's agreement: the browser's own X25519 (WebCrypto) where the page has it (a
 * laptop's page on localhost or https; a tenth of the time), noble's everywhere else.
 */
export async function studyAgreement(study: {
  publicKey: Uint8Array;
  privateKey: Uint8Array;
}): Promise<Agreement> {
  const subtle = globalThis.crypto?.subtle;
  try {
    if (!subtle) throw new Error('no WebCrypto');
    const secret = await subtle.importKey(
      'jwk',
      {
        kty: 'OKP',
        crv: 'X25519',
        d: toBase64Url(study.privateKey),
        x: toBase64Url(study.publicKey),
      },
      { name: 'X25519' },
      false,
      ['deriveBits'],
    );
    const agree: Agreement = async (ephemeral) => {
      const peer = await subtle.importKey(
        'raw',
        ephemeral as Uint8Array<ArrayBuffer>,
        { name: 'X25519' },
        false,
        [],
      );
      return new Uint8Array(await subtle.deriveBits({ name: 'X25519', public: peer }, secret, 256));
    };
    // Tried once against noble's before it is trusted: a browser whose X25519 answered otherwise
    // would leave every envelope unopened.
    const probe = x25519.getPublicKey(crypto.getRandomValues(new Uint8Array(KEY_BYTES)));
    const expected = x25519.getSharedSecret(study.privateKey, probe);
    if (toBase64Url(await agree(probe)) !== toBase64Url(expected)) throw new Error('differs');
    return agree;
  } catch {
    return (ephemeral) => Promise.resolve(x25519.getSharedSecret(study.privateKey, ephemeral));
  }
}

/** Opens an envelope with an agreement (`studyAgreement`); as `openEnvelope` does. */
export async function openEnvelopeWith(
  agree: Agreement,
  studyPublicKey: Uint8Array,
  address: EnvelopeAddress,
  envelope: Uint8Array,
): Promise<OpenedEnvelope> {
  if (envelope.length < ENVELOPE_OVERHEAD || envelope[0] !== VERSION)
    return { ok: false, reason: 'malformed' };
  let shared: Uint8Array;
  try {
    shared = await agree(envelope.slice(1, 1 + KEY_BYTES));
  } catch {
    return { ok: false, reason: 'forged' }; // a point of low order: made up
  }
  return openWithShared(shared, studyPublicKey, address, envelope);
}

function openWithShared(
  shared: Uint8Array,
  studyPublicKey: Uint8Array,
  address: EnvelopeAddress,
  envelope: Uint8Array,
): OpenedEnvelope {
  const ephemeral = envelope.subarray(1, 1 + KEY_BYTES);
  const nonce = envelope.subarray(1 + KEY_BYTES, HEADER_BYTES);
  const key = keyOf(shared, ephemeral, studyPublicKey);
  try {
    const plaintext = xchacha20poly1305(key, nonce, associated(address)).decrypt(
      envelope.subarray(HEADER_BYTES),
    );
    return { ok: true, plaintext };
  } catch {
    return { ok: false, reason: 'forged' };
  }
}

/** A new key pair for a study (made on the laptop that creates its first link). */
export function studyKeyPair(): { publicKey: Uint8Array; privateKey: Uint8Array } {
  const { secretKey, publicKey } = newKeyPair();
  return { publicKey, privateKey: secretKey };
}
