/** Log lines that hold text a client chose. */

/**
 * Text from a client, for a log line: control and direction-changing characters escaped (so it
 * cannot start a line of its own or reorder one), at most `max` characters.
 */
export function logSafe(text: string, max = 200): string {
  const cut = text.length > max ? text.slice(0, max) : text;
  const escaped = JSON.stringify(cut)
    .slice(1, -1)
    .replace(
      /[\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
  return text.length > max ? `${escaped}… (${text.length} characters)` : escaped;
}
