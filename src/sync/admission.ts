/**
 * Admission cryptography (docs/security.md). Each device syncs in a private room shared only
 * with the facilitator; its name comes from an X25519 key agreement between the two, so
 * another device that knows the join code and sees every lobby message still cannot compute
 * it. Pure JS (noble), because plain-http tablets have no crypto.subtle.
 */
import { x25519 } from './x25519';
import { hkdf } from '@noble/hashes/hkdf.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';

export interface KeyPair {
  secretKey: Uint8Array;
  publicKey: Uint8Array;
}

/** A fresh X25519 key pair (random from crypto.getRandomValues). */
export function newKeyPair(): KeyPair {
  const { secretKey, publicKey } = x25519.keygen();
  return { secretKey, publicKey };
}

/**
 * The fingerprint of a facilitator's public key, carried in the QR code: the first 80 bits of
 * its SHA-256, so a device can refuse a fake facilitator in the same lobby.
 */
export function fingerprint(publicKey: Uint8Array): string {
  return toBase64Url(sha256(publicKey).subarray(0, 10));
}

/**
 * A code people compare by eye when a tablet joined by a typed join code (it has no QR
 * fingerprint to check): six characters of the key's hash (about 30 bits), as `K7M 2QX`,
 * shown on the facilitator's screen, the beamer and the tablet. Someone posing as the
 * facilitator would need about 10⁹ key pairs to match it by chance.
 */
export function checkCode(publicKey: Uint8Array): string {
  return formatCheckCode(sha256(utf8ToBytes(`kring-check-v1:${toBase64Url(publicKey)}`)));
}

/** A check code of no key: one of the made-up choices a typed join shows beside the real ones. */
export function randomCheckCode(): string {
  return formatCheckCode(crypto.getRandomValues(new Uint8Array(5)));
}

function formatCheckCode(hash: Uint8Array): string {
  let bits = 0n;
  for (const byte of hash.subarray(0, 5)) bits = (bits << 8n) | BigInt(byte);
  let code = '';
  for (let i = 0; i < 6; i++) {
    code += CHECK_ALPHABET[Number(bits % 31n)];
    bits /= 31n;
  }
  return `${code.slice(0, 3)} ${code.slice(3)}`;
}

const CHECK_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/**
 * The id a device has in one session's lobby: a hash of its public key and the join code, so
 * that it cannot be claimed with another key (issue 19: ids used to be permanent and sent in
 * clear, and the first key to claim one won, so a stranger who replayed a tablet's id in the next
 * session locked it out) and says nothing about the device's ids in other sessions. 21
 * base64url characters, 126 bits, the shape of the random ids before.
 */
export function lobbyDeviceId(publicKey: Uint8Array, joinCode: string): string {
  const label = utf8ToBytes(`kring-device-v1:${joinCode}:`);
  const input = new Uint8Array(label.length + publicKey.length);
  input.set(label);
  input.set(publicKey, label.length);
  return toBase64Url(sha256(input)).slice(0, 21);
}

/** The lobby topic of a session on the signaling server (its name reveals nothing of the code). */
export function lobbyTopic(joinCode: string): string {
  return `kring-lobby-${toBase64Url(sha256(utf8ToBytes(`kring-lobby-v1:${joinCode}`)).subarray(0, 16))}`;
}

export interface RoomInput {
  /** This side's secret key (the device's or the facilitator's). */
  secretKey: Uint8Array;
  /** The other side's public key. */
  peerPublicKey: Uint8Array;
  joinCode: string;
  deviceId: string;
}

/**
 * The secret a device and the facilitator share: X25519 of one's secret key and the other's
 * public key. Undefined for a public key that cannot be one (a hostile low-order point).
 */
export function pairSecret(
  secretKey: Uint8Array,
  peerPublicKey: Uint8Array,
): Uint8Array | undefined {
  try {
    return x25519.getSharedSecret(secretKey, peerPublicKey);
  } catch {
    return undefined;
  }
}

/**
 * The private room of one device with the facilitator: both sides compute the same name from
 * their own secret and the other's public key. Undefined for an unusable public key.
 */
export function deriveRoom({
  secretKey,
  peerPublicKey,
  joinCode,
  deviceId,
}: RoomInput): string | undefined {
  const shared = pairSecret(secretKey, peerPublicKey);
  return shared && roomFromSecret(shared, joinCode, deviceId);
}

export function roomFromSecret(shared: Uint8Array, joinCode: string, deviceId: string): string {
  const key = hkdf(
    sha256,
    shared,
    utf8ToBytes(joinCode),
    utf8ToBytes(`kring-room-v1:${deviceId}`),
    32,
  );
  return `kring-room-${toBase64Url(key)}`;
}

/**
 * The key that seals the room's relay frames (relay-seal.ts): from the same agreement as the
 * room name, under another label, so that the room name (which the signaling server sees) says
 * nothing of it.
 */
export function relayKeyFromSecret(
  shared: Uint8Array,
  joinCode: string,
  deviceId: string,
): Uint8Array {
  return hkdf(sha256, shared, utf8ToBytes(joinCode), utf8ToBytes(`kring-relay-v1:${deviceId}`), 32);
}

/** The room's topic on the relay: a hash of its key, from which the kit server learns nothing. */
export function relayTopic(relayKey: Uint8Array): string {
  const label = utf8ToBytes('kring-relay-topic-v1:');
  const input = new Uint8Array(label.length + relayKey.length);
  input.set(label);
  input.set(relayKey, label.length);
  return `kring-relay-${toBase64Url(sha256(input).subarray(0, 16))}`;
}

/**
 * Authenticates the facilitator's answer to one device (128-bit HMAC with their shared secret),
 * so another device in the lobby cannot tell a tablet it was removed or that the session closed.
 */
export function admissionMac(shared: Uint8Array, fields: readonly string[]): string {
  const mac = hmac(sha256, shared, utf8ToBytes(`kring-admission-v1:${fields.join('\u0000')}`));
  return toBase64Url(mac.subarray(0, 16));
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Undefined when the text is not base64url. */
export function fromBase64Url(text: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return undefined;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}
