/**
 * A transcript's text as people and tools write it, read into speaker turns (issue 24): a
 * focus group typed in Word, an interview pasted from noScribe or Whisper, Teams' export. Lines
 * such as `Naam: …`, `[00:12:03] Naam: …`, `00:12:03 Naam: …` or a speaker's line of its own
 * (`Jan Peeters   0:03`, as Teams writes it) start a turn; the lines after it, up to the next
 * speaker, are that turn's text.
 *
 * A label counts as a speaker when it starts two turns or more, comes with a time, or stands
 * right next to a line of such a speaker: a line of prose such as "Opmerking: de opname viel
 * even weg", between empty lines, then stays text. What is read is shown to
 * the facilitator, who corrects it before anything is stored.
 */

/** One speaker's turn as read, before speakers are mapped to roles. */
export interface ReadTurn {
  /** The label as written ("Jan", "Interviewer", "SPEAKER_01"); none for text before any. */
  speaker?: string;
  /** Seconds from the start of the recording, where the file gives it. */
  at?: number;
  text: string;
}

export interface ReadTranscript {
  turns: ReadTurn[];
  /** The speakers' labels, in the order they first speak. */
  speakers: string[];
}

/** Why a transcript cannot be read; nothing is stored. */
export type TranscriptProblem =
  | { code: 'empty' }
  | { code: 'tooLarge'; limitMb: number }
  | { code: 'timestamp'; line: number; text: string }
  | { code: 'notSubtitles' }
  | { code: 'notDocx' };

/**
 * The largest transcript file read: a 2-hour focus group is 150 KB of text, its subtitles
 * two or three times that; a transcript keeps at most a million characters (transcript.ts).
 */
export const MAX_TRANSCRIPT_BYTES = 4 * 1024 * 1024;

/** A time as transcripts write it: `1:02:03`, `00:12:03`, `12:03`, `0:03`, with `.5` or `,500`. */
const TIME = String.raw`(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?`;
/** A speaker's label: a name of up to five words, or a tool's `SPEAKER_01` / `S01`. */
const NAME = String.raw`\p{L}[\p{L}\p{M}\p{N}'’._-]*(?: [\p{L}\p{M}\p{N}'’._-]+){0,4}`;

/** `[00:12:03] Naam: …`, `00:12:03 - Naam: …`, `(12:03) [Naam]: …` */
const TIME_NAME = new RegExp(
  String.raw`^[\[(]?(${TIME})[\])]?\s*[-–]?\s*\[?(${NAME})\]?\s*:\s*(.*)$`,
  'u',
);
/** `Naam: …`, `[SPEAKER_00]: …`, `Naam (00:12:03): …`, `Naam [12:03]: …` */
const NAME_COLON = new RegExp(
  String.raw`^\[?(${NAME})\]?(?:\s*[\[(](${TIME})[\])])?\s*:\s*(.*)$`,
  'u',
);
/** A speaker's line of its own, with its time: `Jan Peeters   0:03` (Teams), `Jan 00:01:02`. */
const NAME_TIME = new RegExp(String.raw`^(${NAME})\s+[\[(]?(${TIME})[\])]?\s*$`, 'u');

/** Seconds of a time as written (`1:02:03.5` → 3723.5); undefined when it is none. */
export function secondsOf(time: string): number | undefined {
  const match = /^(?:(\d{1,2}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?$/.exec(time.trim());
  if (!match) return undefined;
  const [, h = '0', m = '0', s = '0', fraction = ''] = match;
  if (Number(s) > 59 || (match[1] !== undefined && Number(m) > 59)) return undefined;
  return Number(h) * 3600 + Number(m) * 60 + Number(s) + Number(`0.${fraction || '0'}`);
}

interface Labelled {
  speaker: string;
  at?: number;
  /** The text on the label's own line (perhaps none). */
  text: string;
}

/** The speaker a line starts with, if it looks like one. */
export function labelOf(line: string): Labelled | undefined {
  const timed = TIME_NAME.exec(line);
  if (timed) return labelled(timed[2]!, timed[1], timed[3]!);
  const own = NAME_TIME.exec(line);
  if (own) return labelled(own[1]!, own[2], '');
  const named = NAME_COLON.exec(line);
  if (named) return labelled(named[1]!, named[2], named[3]!);
  return undefined;
}

function labelled(speaker: string, time: string | undefined, text: string): Labelled | undefined {
  // "http://…" and "Let op: 12:30" are not speakers.
  if (/^(https?|mailto|www)$/i.test(speaker) || text.startsWith('//')) return undefined;
  const at = time === undefined ? undefined : secondsOf(time);
  return { speaker: speaker.trim(), ...(at === undefined ? {} : { at }), text: text.trim() };
}

/** Reads plain text (a `.txt` file, pasted text, a `.docx` file's text) into turns. */
export function readTranscriptText(text: string): ReadTranscript | TranscriptProblem {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const labels = lines.map(labelOf);
  const starts = new Map<string, number>();
  for (const label of labels)
    if (label) starts.set(label.speaker, (starts.get(label.speaker) ?? 0) + 1);
  const sure = (label: Labelled | undefined) =>
    label !== undefined && (label.at !== undefined || (starts.get(label.speaker) ?? 0) >= 2);
  // A label written once starts a turn too when a sure one is on the line right before or after
  // it (a quick exchange: "A: … / B: … / A: …"); alone between empty lines, it is prose.
  const turnAt = labels.map(
    (label, i) =>
      sure(label) || (label !== undefined && (sure(labels[i - 1]) || sure(labels[i + 1]))),
  );

  const turns: ReadTurn[] = [];
  let current: ReadTurn | undefined;
  let body: string[] = [];
  const close = () => {
    const joined = tidy(body.join('\n'));
    if (current && (joined || current.speaker)) turns.push({ ...current, text: joined });
    body = [];
  };
  lines.forEach((line, i) => {
    const label = labels[i];
    if (label && turnAt[i]) {
      close();
      current = {
        speaker: label.speaker,
        ...(label.at === undefined ? {} : { at: label.at }),
        text: '',
      };
      if (label.text) body.push(label.text);
      return;
    }
    current ??= { text: '' }; // text before the first speaker: a turn of no one
    body.push(line);
  });
  close();
  const kept = turns.filter((t) => t.text.length > 0);
  if (kept.length === 0) return { code: 'empty' };
  return { turns: kept, speakers: speakersOf(kept) };
}

/** A turn's text: trimmed, lines trimmed at their end, at most one empty line in a row. */
export function tidy(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function speakersOf(turns: readonly ReadTurn[]): string[] {
  return [...new Set(turns.flatMap((t) => (t.speaker ? [t.speaker] : [])))];
}
