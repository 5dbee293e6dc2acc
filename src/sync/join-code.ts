/**
 * Join codes: what a participant types, or a facilitator reads aloud, to find a session.
 * Eight characters from an alphabet without look-alikes (no 0/O, 1/I/L): 31⁸ ≈ 8.5·10¹¹
 * codes (about 40 bits), shown as `ABCD-EFGH`. Made with crypto.getRandomValues (nanoid),
 * which plain-http tablets have.
 */
import { customAlphabet } from 'nanoid';

export const JOIN_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const JOIN_CODE_LENGTH = 8;

const generate = customAlphabet(JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH);

/** A new random join code, without separator. */
export function newJoinCode(): string {
  return generate();
}

/** `ABCDEFGH` → `ABCD-EFGH`, for the beamer and for reading aloud. */
export function formatJoinCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** What a participant typed → the code, or undefined when it cannot be one (lower case, spaces and dashes are fine). */
export function parseJoinCode(input: string): string | undefined {
  const code = input.toUpperCase().replace(/[\s-]/g, '');
  if (code.length !== JOIN_CODE_LENGTH) return undefined;
  return [...code].every((c) => JOIN_CODE_ALPHABET.includes(c)) ? code : undefined;
}
