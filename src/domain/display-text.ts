/**
 * Text that participants typed, as the facilitator's screens and the beamer show it. Bidi
 * control characters (embeddings, overrides, isolates, marks) are taken out: they reorder what
 * follows them, so an answer could show `gnp.exe` as `exe.png` on the beamer (issue 19). The
 * text's own direction still comes from its letters (shown with `dir="auto"`). Exports keep the
 * text as it was typed.
 */
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function displayText(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}
