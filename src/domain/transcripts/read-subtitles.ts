/**
 * Transcripts as subtitle files: WebVTT (`.vtt`, as Teams, Zoom, Whisper and noScribe write it)
 * and SubRip (`.srt`). Each cue's start time is kept; a voice tag `<v Name>` names its speaker,
 * else a label at the start of its text (`Name: …`, WhisperX's `[SPEAKER_00]: …`). A speaker's
 * cues in a row are one turn. Other tags and character references are read as text.
 */
import {
  labelOf,
  secondsOf,
  speakersOf,
  tidy,
  type ReadTranscript,
  type ReadTurn,
  type TranscriptProblem,
} from './read-text';

const TIMING = /^\s*(\S+)\s+-->\s+(\S+)(?:\s.*)?$/;

interface Cue {
  at: number;
  lines: string[];
}

/** Reads a `.vtt` or `.srt` file's text (`srt`: SubRip's comma before the milliseconds). */
export function readSubtitles(
  text: string,
  kind: 'vtt' | 'srt',
): ReadTranscript | TranscriptProblem {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  if (kind === 'vtt' && !/^WEBVTT(\s|$)/.test(lines[0] ?? '')) return { code: 'notSubtitles' };
  const cues: Cue[] = [];
  let i = 0;
  // WebVTT's header runs to the first empty line (`Kind: captions`, `Language: nl`).
  if (kind === 'vtt') while (i < lines.length && lines[i]!.trim() !== '') i++;
  while (i < lines.length) {
    // A block: lines up to the next empty one.
    while (i < lines.length && lines[i]!.trim() === '') i++;
    const from = i;
    while (i < lines.length && lines[i]!.trim() !== '') i++;
    const block = lines.slice(from, i);
    if (block.length === 0) break;
    if (kind === 'vtt' && /^(NOTE|STYLE|REGION)(\s|$)/.test(block[0]!)) continue;
    // The timing line: the first, or the second after a cue's id (SRT's number).
    const at = block[0]!.includes('-->') ? 0 : 1;
    const timing = block[at];
    const match = timing === undefined ? null : TIMING.exec(timing);
    const start = match && timeOf(match[1]!, kind);
    const end = match && timeOf(match[2]!, kind);
    if (start === undefined || start === null || end === undefined || end === null || end < start)
      return { code: 'timestamp', line: from + at + 1, text: (timing ?? block[0]!).slice(0, 80) };
    cues.push({ at: start, lines: block.slice(at + 1) });
  }
  const turns: ReadTurn[] = [];
  for (const cue of cues) {
    const { speaker, text } = spokenBy(cue.lines);
    if (!text) continue;
    const last = turns.at(-1);
    if (last && last.speaker === speaker) last.text = `${last.text} ${text}`;
    else turns.push({ ...(speaker ? { speaker } : {}), at: cue.at, text });
  }
  for (const turn of turns) turn.text = tidy(turn.text);
  if (turns.length === 0) return { code: 'empty' };
  return { turns, speakers: speakersOf(turns) };
}

/** A cue time in seconds; undefined when it is written wrong. */
function timeOf(time: string, kind: 'vtt' | 'srt'): number | undefined {
  // WebVTT writes `00:01:02.500` (hours optional), SubRip `00:01:02,500`.
  const shape =
    kind === 'vtt' ? /^(\d{2}:)?\d{2}:\d{2}\.\d{3}$/ : /^\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}$/;
  return shape.test(time) ? secondsOf(time) : undefined;
}

/** A cue's speaker (voice tag, else a label) and its text without tags. */
function spokenBy(lines: readonly string[]): { speaker?: string; text: string } {
  const joined = lines.join('\n');
  const voice = /<v(?:\.[\w.-]+)?\s+([^>]+)>/u.exec(joined);
  const text = decodeReferences(joined.replace(/<[^>]*>/g, '')).trim();
  if (voice) return { speaker: voice[1]!.trim(), text };
  const label = labelOf(text.split('\n')[0]!);
  if (label)
    return {
      speaker: label.speaker,
      text: [label.text, ...text.split('\n').slice(1)].join('\n').trim(),
    };
  return { text };
}

const REFERENCES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  nbsp: '\u00a0',
  quot: '"',
  apos: "'",
  lrm: '\u200e',
  rlm: '\u200f',
};

function decodeReferences(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isInteger(code) && code > 0 && code <= 0x10ffff
        ? String.fromCodePoint(code)
        : whole;
    }
    return REFERENCES[name.toLowerCase()] ?? whole;
  });
}
