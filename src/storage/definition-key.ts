/** The key a questionnaire's text is stored under in `definitions` (storage/db.ts). */

/**
 * A short key from a text (cyrb53, a fast 53-bit hash, and the length). Not a proof of
 * identity: whoever stores a text under it compares the text, and takes `key~2`, `key~3`…
 * for another text with the same key (`freeDefinitionKey`). Small enough for every page (a
 * cryptographic hash would weigh on the tablet's download for no gain here).
 */
export function definitionKey(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const hash = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return `${hash.toString(36)}-${text.length.toString(36)}`;
}

/** The key `text` is (or would be) stored under, given what `held` says is under a key. */
export function freeDefinitionKey(text: string, held: (key: string) => string | undefined) {
  const base = definitionKey(text);
  for (let n = 1; ; n++) {
    const key = n === 1 ? base : `${base}~${n}`;
    const there = held(key);
    if (there === undefined || there === text) return key;
  }
}
