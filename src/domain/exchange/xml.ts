/**
 * Writing XML for the exchange formats (REFI-QDA): escaped text and attributes, and stable
 * GUIDs made from Kring's own keys, so that exporting the same study twice gives the same ids
 * (a researcher's tool then recognises what it imported before).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** Text as XML 1.0 allows it: markup characters escaped, control characters it forbids left out. */
export function xmlText(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- exactly the characters XML 1.0 forbids
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
  );
}

/** An attribute's value (double-quoted), line breaks kept as references. */
export function xmlAttribute(value: string): string {
  return xmlText(value)
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

/** ` name="value"` for each defined value, in order. */
export function attributes(values: Record<string, string | number | boolean | undefined>): string {
  return Object.entries(values)
    .filter(([, v]) => v !== undefined)
    .map(([name, v]) => ` ${name}="${xmlAttribute(String(v))}"`)
    .join('');
}

/** A GUID (as REFI-QDA writes them: 8-4-4-4-12 hex digits) made from a key, always the same. */
export function guidOf(key: string): string {
  const hex = bytesToHex(sha256(utf8ToBytes(`kring:${key}`)))
    .slice(0, 32)
    .split('');
  hex[12] = '5'; // a name-based GUID (RFC 4122 version 5 form)
  hex[16] = '89ab'[parseInt(hex[16]!, 16) & 3]!;
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** A JavaScript string offset (UTF-16 units) as a count of Unicode code points, as REFI-QDA counts. */
export function codePointOffset(text: string, offset: number): number {
  let points = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // The second half of a surrogate pair is no code point of its own.
    if (unit >= 0xdc00 && unit <= 0xdfff && i > 0) {
      const before = text.charCodeAt(i - 1);
      if (before >= 0xd800 && before <= 0xdbff) continue;
    }
    points++;
  }
  return points;
}

/** A moment as xsd:dateTime in UTC. */
export function dateTime(at: number): string {
  return new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
