/**
 * One-time access codes of an online link (issue 25): made on the laptop, handed out on paper
 * or in an invitation, kept by the hub only as hashes. A code is read without regard to case,
 * spaces and dashes; its alphabet has no 0/O, 1/I/L, so that a code read aloud or off paper is
 * typed right.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { customAlphabet } from 'nanoid';

const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
/** 8 characters of 31: about 40 bits, tried at most 30 a minute from one address. */
const newCode = customAlphabet(ALPHABET, 8);

/** `count` different codes, as printed: `K7PM-Q2XD`. */
export function newAccessCodes(count: number): string[] {
  const codes = new Set<string>();
  while (codes.size < count) {
    const code = newCode();
    codes.add(`${code.slice(0, 4)}-${code.slice(4)}`);
  }
  return [...codes];
}

/** A code as the hub keeps it: hashed with its link, its case, spaces and dashes not counted. */
export function codeHash(linkId: string, code: string): string {
  const plain = code.replace(/[\s-]+/g, '').toUpperCase();
  return bytesToHex(sha256(utf8ToBytes(`kring-code-v1\u0000${linkId}\u0000${plain}`)));
}
