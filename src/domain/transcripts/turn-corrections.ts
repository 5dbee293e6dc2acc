/**
 * Corrections of the turns a transcript was read into, made by the facilitator before it is
 * stored (issue 24): a label that is no speaker ("Opmerking: …"), a speaker the reading missed,
 * two turns that are one, one turn that is two. Each gives a new reading; the one before stays
 * as it was (the import's undo keeps it).
 */
import { labelOf, speakersOf, type ReadTranscript, type ReadTurn } from './read-text';

const reading = (turns: ReadTurn[]): ReadTranscript => ({ turns, speakers: speakersOf(turns) });

/** A turn's text with what follows it on a new line. */
const joined = (a: string, b: string) => (a && b ? `${a}\n${b}` : a || b);

/**
 * `label` is no speaker: each of its turns becomes text of the turn before it, its label
 * written back in front ("Opmerking: de opname viel weg"). A first turn stays a turn of no one.
 */
export function notASpeaker(read: ReadTranscript, label: string): ReadTranscript {
  const turns: ReadTurn[] = [];
  for (const turn of read.turns) {
    if (turn.speaker !== label) {
      turns.push({ ...turn });
      continue;
    }
    const text = `${label}: ${turn.text}`;
    const last = turns.at(-1);
    if (last) last.text = joined(last.text, text);
    else turns.push({ text });
  }
  return reading(turns);
}

/**
 * `label` is a speaker the reading missed (it spoke once, between empty lines): every line of
 * a turn that starts with it ("Label: …") starts a turn of its own, up to the next such line.
 */
export function asSpeaker(read: ReadTranscript, label: string): ReadTranscript {
  const wanted = label.trim();
  const turns: ReadTurn[] = [];
  for (const turn of read.turns) {
    let current: ReadTurn = { ...turn, text: '' };
    const lines: string[] = [];
    const close = () => {
      const text = lines.splice(0).join('\n').trim();
      if (text || current.speaker) turns.push({ ...current, text });
    };
    for (const line of turn.text.split('\n')) {
      const found = labelOf(line);
      if (found?.speaker === wanted) {
        close();
        current = {
          speaker: wanted,
          ...(found.at === undefined ? {} : { at: found.at }),
          text: '',
        };
        if (found.text) lines.push(found.text);
      } else lines.push(line);
    }
    close();
  }
  return reading(turns.filter((t) => t.text.length > 0));
}

/** Turn `index` joins the turn before it (its speaker's words become the earlier turn's). */
export function mergeWithPrevious(read: ReadTranscript, index: number): ReadTranscript {
  if (index <= 0 || index >= read.turns.length) return read;
  const turns = read.turns.map((t) => ({ ...t }));
  const [merged] = turns.splice(index, 1);
  turns[index - 1]!.text = joined(turns[index - 1]!.text, merged!.text);
  return reading(turns);
}

/**
 * Turn `index` cut in two at character `at` of its text: what follows is a turn of `speaker`
 * (a speaker of the transcript, or a new one). Nothing changes for a cut at either end.
 */
export function splitTurn(
  read: ReadTranscript,
  index: number,
  at: number,
  speaker: string,
): ReadTranscript {
  const turn = read.turns[index];
  const name = speaker.trim();
  if (!turn || !name) return read;
  const before = turn.text.slice(0, at).trim();
  const after = turn.text.slice(at).trim();
  if (!before || !after) return read;
  const turns = read.turns.map((t) => ({ ...t }));
  turns.splice(index, 1, { ...turn, text: before }, { speaker: name, text: after });
  return reading(turns);
}

const sentences =
  typeof Intl.Segmenter === 'function'
    ? new Intl.Segmenter(undefined, { granularity: 'sentence' })
    : undefined;

/**
 * The places a turn can be cut: the start of each of its lines and sentences after the first,
 * each with the words that would open the new turn.
 */
export function cutsOf(text: string): { at: number; opening: string }[] {
  const starts = new Set<number>();
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.add(i + 1);
  if (sentences) for (const part of sentences.segment(text)) starts.add(part.index);
  return [...starts]
    .filter((at) => at > 0 && at < text.length && text.slice(at).trim())
    .sort((a, b) => a - b)
    .map((at) => {
      const rest = text.slice(at).trimStart();
      return { at, opening: rest.length > 60 ? `${rest.slice(0, 60)}…` : rest };
    })
    .filter((cut, i, all) => i === 0 || cut.opening !== all[i - 1]!.opening);
}
