/**
 * Names never reach a report (issue 24): each speaker of a transcript is mapped to a role of the
 * survey (or to the interviewer) and called by a pseudonym, "Leerkracht 2"; a replacement list
 * swaps the names of people and of the school inside the text. The speakers' own names are on
 * the list from the start, each with its pseudonym; the facilitator adds the rest.
 */

/** The role of whoever asks the questions: not a role of the survey. */
export const INTERVIEWER = 'interviewer';

export interface Replacement {
  /** A name as it may be written in the text (matched as a whole word, any case). */
  find: string;
  replace: string;
}

/**
 * Each speaker's pseudonym: the role's name and a number per role, in the order they first
 * speak ("Leerkracht 1", "Leerkracht 2", "Directie 1"); the interviewer is just "Interviewer"
 * (numbered only when there are several).
 */
export function pseudonymsOf(
  speakers: readonly string[],
  roleOf: ReadonlyMap<string, string>,
  roleLabel: (role: string) => string,
): Map<string, string> {
  const perRole = new Map<string, string[]>();
  for (const speaker of speakers) {
    const role = roleOf.get(speaker) ?? INTERVIEWER;
    perRole.set(role, [...(perRole.get(role) ?? []), speaker]);
  }
  const names = new Map<string, string>();
  for (const [role, list] of perRole)
    list.forEach((speaker, i) =>
      names.set(
        speaker,
        list.length === 1 && role === INTERVIEWER ? roleLabel(role) : `${roleLabel(role)} ${i + 1}`,
      ),
    );
  return names;
}

/**
 * The replacements that keep speakers' names out of the text: a speaker's whole name, and each
 * of its words of three letters or more ("Jan Peeters" → "Jan", "Peeters"), by its pseudonym.
 * A tool's label (`SPEAKER_01`, `S2`) or a role's name ("Interviewer") is no name and is left.
 */
export function speakerReplacements(pseudonyms: ReadonlyMap<string, string>): Replacement[] {
  const found = new Map<string, Replacement>();
  for (const [speaker, pseudonym] of pseudonyms) {
    if (!looksLikeName(speaker)) continue;
    const words = speaker.split(/\s+/).filter((w) => w.length >= 3);
    for (const find of new Set([speaker, ...(words.length > 1 ? words : [])])) {
      const key = find.toLocaleLowerCase();
      if (!found.has(key)) found.set(key, { find, replace: pseudonym });
    }
  }
  return [...found.values()];
}

function looksLikeName(label: string): boolean {
  return !/^(speaker|spreker|s)[ _-]?\d+$/i.test(label) && !isInterviewerLabel(label);
}

/** A label that names whoever asks the questions ("Interviewer", "Gespreksleider 2"). */
export function isInterviewerLabel(label: string): boolean {
  return /^(interviewer|moderator|facilitator|gespreksleider|onderzoeker)\b/i.test(label);
}

/** The text with every replacement's name swapped, as whole words, whatever their case. */
export function applyReplacements(text: string, replacements: readonly Replacement[]): string {
  const pattern = replacementPattern(replacements);
  if (!pattern) return text;
  const by = new Map(replacements.map((r) => [keyOf(r.find), r.replace]));
  return text.replace(pattern, (name) => by.get(keyOf(name)) ?? name);
}

/** The replaced names still in a text (none, once replaced): a check before anything is stored. */
export function namesLeft(text: string, replacements: readonly Replacement[]): string[] {
  const pattern = replacementPattern(replacements);
  return pattern ? [...new Set(text.match(pattern) ?? [])] : [];
}

const keyOf = (name: string) => name.trim().replace(/\s+/g, ' ').toLocaleLowerCase();

function replacementPattern(replacements: readonly Replacement[]): RegExp | undefined {
  const finds = [...new Set(replacements.map((r) => r.find.trim()).filter((f) => f.length > 0))]
    // The longest first: "Jan Peeters" before "Jan".
    .sort((a, b) => b.length - a.length)
    .map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'));
  if (finds.length === 0) return undefined;
  return new RegExp(
    `(?<![\\p{L}\\p{M}\\p{N}])(?:${finds.join('|')})(?![\\p{L}\\p{M}\\p{N}])`,
    'giu',
  );
}
