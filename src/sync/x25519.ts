/**
 * X25519 (RFC 7748) from noble's Montgomery ladder alone, as noble documents it. Importing
 * `x25519` from `@noble/curves/ed25519.js` would also bundle the Edwards curve (used there only
 * to speed up key generation), which tablets would download for nothing.
 */
import { montgomery } from '@noble/curves/abstract/montgomery.js';
import { mod } from '@noble/curves/abstract/modular.js';

const P = 2n ** 255n - 19n;

function pow(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  for (let b = base, e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = mod(result * b, P);
    b = mod(b * b, P);
  }
  return result;
}

export const x25519 = montgomery({
  P,
  type: 'x25519',
  adjustScalarBytes(bytes: Uint8Array) {
    bytes[0]! &= 248;
    bytes[31]! &= 127;
    bytes[31]! |= 64;
    return bytes;
  },
  powPminus2: (x: bigint) => pow(x, P - 2n),
});
