/**
 * A transcript as Kring keeps it (issue 24): the text of a focus group (a session's) or an
 * interview (the study's), its speakers called by pseudonyms and mapped to roles, names in the
 * text replaced. The text is the turns' texts one after another, separated by an empty line;
 * each turn is a range of it with its speaker, so that a coding is a range of the text like any
 * source's, within one turn or across several.
 *
 * A transcript reaches other laptops in the study's coding doc (the hub, bundles): read from
 * there it is untrusted, and `checkTranscript` copies it field by field or leaves it out.
 */
import { applyReplacements, INTERVIEWER, type Replacement } from './pseudonyms';
import { labelOf, type ReadTurn } from './read-text';

export type TranscriptKind = 'focusGroup' | 'interview';

export interface TranscriptTurn {
  /** The turn's text is `text.slice(start, end)`. */
  start: number;
  end: number;
  /** The speaker's pseudonym ("Leerkracht 2"); none for text no one was named for. */
  speaker?: string;
  /** A role id of the survey, or `interviewer`. */
  role?: string;
  /** Seconds from the start of the recording. */
  at?: number;
}

export interface Transcript {
  id: string;
  title: string;
  kind: TranscriptKind;
  /** The session (a school's focus group) it belongs to; none: the study's (an interview). */
  sessionId?: string;
  school: string;
  text: string;
  turns: TranscriptTurn[];
  createdAt: number;
}

/** Between two turns in a transcript's text. */
export const TURN_BREAK = '\n\n';

/** The longest transcript kept: about 150,000 words, six times a 2-hour focus group. */
export const MAX_TRANSCRIPT_CHARS = 1_000_000;
const MAX_TURNS = 20_000;

export interface TranscriptDraft {
  id: string;
  title: string;
  kind: TranscriptKind;
  sessionId?: string;
  school: string;
  createdAt: number;
  turns: readonly ReadTurn[];
  /** Each speaker's label → its role and pseudonym. */
  speakers: ReadonlyMap<string, { role: string; pseudonym: string }>;
  replacements: readonly Replacement[];
}

/** The transcript of turns as read and corrected, names replaced. */
export function buildTranscript(draft: TranscriptDraft): Transcript {
  let text = '';
  const turns: TranscriptTurn[] = [];
  for (const turn of draft.turns) {
    const said = applyReplacements(turn.text, draft.replacements).trim();
    if (!said) continue;
    if (text) text += TURN_BREAK;
    const start = text.length;
    text += said;
    const speaker = turn.speaker === undefined ? undefined : draft.speakers.get(turn.speaker);
    turns.push({
      start,
      end: text.length,
      ...(speaker ? { speaker: speaker.pseudonym, role: speaker.role } : {}),
      ...(turn.at === undefined ? {} : { at: turn.at }),
    });
  }
  return {
    id: draft.id,
    title: draft.title.trim(),
    kind: draft.kind,
    ...(draft.sessionId ? { sessionId: draft.sessionId } : {}),
    school: draft.school,
    text,
    turns,
    createdAt: draft.createdAt,
  };
}

/** The turns a range of the text touches, in order. */
export function turnsIn(
  transcript: Pick<Transcript, 'turns'>,
  start: number,
  end: number,
): TranscriptTurn[] {
  return [...turnsTouched(transcript.turns, start, end)].map((i) => transcript.turns[i]!);
}

/** The indexes of the turns (in order, apart) that the range [start, end) touches. */
export function* turnsTouched(turns: readonly TranscriptTurn[], start: number, end: number) {
  // The first turn that ends after `start`, found by halving.
  let low = 0;
  let high = turns.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (turns[mid]!.end <= start) low = mid + 1;
    else high = mid;
  }
  for (let i = low; i < turns.length && turns[i]!.start < end; i++) yield i;
}

/** The turn a place of the text belongs to (none in the break between two turns). */
export function turnAt(turns: readonly TranscriptTurn[], at: number): TranscriptTurn | undefined {
  for (const i of turnsTouched(turns, at, at + 1)) return turns[i];
  return undefined;
}

/** The distinct roles of the speakers of a range (the interviewer left out), in order. */
export function rolesIn(
  transcript: Pick<Transcript, 'turns'>,
  start: number,
  end: number,
): string[] {
  // Counted for every coding at each change of the coding: no more than the roles are made.
  const roles: string[] = [];
  for (const i of turnsTouched(transcript.turns, start, end)) {
    const role = transcript.turns[i]!.role;
    if (role && role !== INTERVIEWER && !roles.includes(role)) roles.push(role);
  }
  return roles;
}

/**
 * How many different speakers of each role a range holds (the interviewer left out), the roles
 * in the order they first speak: "leerkrachten en directie" names two teachers and a principal.
 */
export function speakersByRole(
  transcript: Pick<Transcript, 'turns'>,
  start: number,
  end: number,
): Map<string, number> {
  const speakers = new Map<string, Set<string | number>>();
  for (const [i, turn] of turnsIn(transcript, start, end).entries()) {
    if (!turn.role || turn.role === INTERVIEWER) continue;
    const set = speakers.get(turn.role) ?? new Set();
    set.add(turn.speaker ?? i); // a turn without a speaker's name is someone of its own
    speakers.set(turn.role, set);
  }
  return new Map([...speakers].map(([role, set]) => [role, set.size]));
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A transcript as another laptop's doc gives it, copied field by field; undefined if malformed. */
export function checkTranscript(raw: unknown): Transcript | undefined {
  const t = raw as Partial<Record<keyof Transcript, unknown>> | null;
  if (typeof t !== 'object' || t === null) return undefined;
  const { id, title, kind, sessionId, school, text, turns, createdAt } = t;
  if (typeof id !== 'string' || !ID.test(id)) return undefined;
  if (typeof title !== 'string' || title.length > 200) return undefined;
  if (kind !== 'focusGroup' && kind !== 'interview') return undefined;
  if (sessionId !== undefined && (typeof sessionId !== 'string' || sessionId.length > 100))
    return undefined;
  if (typeof school !== 'string' || school.length > 200) return undefined;
  if (typeof text !== 'string' || text.length === 0 || text.length > MAX_TRANSCRIPT_CHARS)
    return undefined;
  if (!Array.isArray(turns) || turns.length === 0 || turns.length > MAX_TURNS) return undefined;
  if (typeof createdAt !== 'number' || !Number.isFinite(createdAt)) return undefined;
  const checked: TranscriptTurn[] = [];
  let after = 0;
  for (const raw of turns as unknown[]) {
    const turn = checkTurn(raw, after, text.length);
    if (!turn) return undefined;
    checked.push(turn);
    after = turn.end;
  }
  return {
    id,
    title,
    kind,
    ...(sessionId === undefined ? {} : { sessionId }),
    school,
    text,
    turns: checked,
    createdAt,
  };
}

/** A turn within the text, after the one before it. */
function checkTurn(raw: unknown, after: number, length: number): TranscriptTurn | undefined {
  const t = raw as Partial<Record<keyof TranscriptTurn, unknown>> | null;
  if (typeof t !== 'object' || t === null) return undefined;
  const { start, end, speaker, role, at } = t;
  if (!Number.isInteger(start) || !Number.isInteger(end)) return undefined;
  if ((start as number) < after || (end as number) <= (start as number) || (end as number) > length)
    return undefined;
  const name = (v: unknown) => typeof v === 'string' && v.length > 0 && v.length <= 80;
  if (speaker !== undefined && !name(speaker)) return undefined;
  if (role !== undefined && !name(role)) return undefined;
  if (at !== undefined && (typeof at !== 'number' || !Number.isFinite(at) || at < 0))
    return undefined;
  return {
    start: start as number,
    end: end as number,
    ...(speaker === undefined ? {} : { speaker: speaker as string }),
    ...(role === undefined ? {} : { role: role as string }),
    ...(at === undefined ? {} : { at }),
  };
}

/** A time in a recording as transcripts show it: `12:03`, `1:02:03`. */
export function clockOf(seconds: number): string {
  const whole = Math.floor(seconds);
  const [h, m, s] = [Math.floor(whole / 3600), Math.floor(whole / 60) % 60, whole % 60];
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}

/**
 * A text from another tool (a REFI-QDA source) as a transcript: each paragraph that starts with
 * a speaker (`Leerkracht 1 [1:05]: …`, as Kring exports turns) begins a turn, the others go on
 * the turn before them. Returns it with `place`, which takes an offset in the text as given to
 * the same place in the transcript's text (a speaker's label is not part of a turn's text).
 */
export function transcriptOfText(
  given: { id: string; title: string; school: string; text: string; createdAt: number },
  roleOf: (speaker: string) => string | undefined,
): { transcript: Transcript; place: (offset: number) => number } {
  const found: { from: number; to: number; line: string }[] = [];
  const pattern = /\n\n/g;
  for (let from = 0; ;) {
    const next = pattern.exec(given.text);
    const to = next ? next.index : given.text.length;
    found.push({ from, to, line: given.text.slice(from, to).split('\n')[0]! });
    if (!next) break;
    from = next.index + 2;
  }
  // A speaker is a label with a time, one that starts two paragraphs or more, or a role's name
  // ("Leerkracht 2"); "Opmerking: …" once, inside a turn, stays text.
  const labels = found.map((p) => labelOf(p.line));
  const count = new Map<string, number>();
  for (const label of labels)
    if (label) count.set(label.speaker, (count.get(label.speaker) ?? 0) + 1);
  type Paragraph = { from: number; to: number; skip: number; speaker?: string; at?: number };
  const paragraphs = found.map(({ from, to, line }, i): Paragraph => {
    const label = labels[i];
    const sure =
      label !== undefined &&
      (label.at !== undefined ||
        (count.get(label.speaker) ?? 0) >= 2 ||
        roleOf(label.speaker) !== undefined);
    if (!sure) return { from, to, skip: 0 };
    const skip = label.text ? line.indexOf(label.text) : line.length;
    return {
      from,
      to,
      skip,
      speaker: label.speaker,
      ...(label.at === undefined ? {} : { at: label.at }),
    };
  });
  let text = '';
  const turns: TranscriptTurn[] = [];
  const places: { from: number; to: number; at: number }[] = []; // given → transcript
  for (const p of paragraphs) {
    const content = given.text.slice(p.from + p.skip, p.to);
    const opens = p.speaker !== undefined || turns.length === 0;
    if (text) text += TURN_BREAK;
    places.push({ from: p.from + p.skip, to: p.to, at: text.length });
    text += content;
    if (opens) {
      const role = p.speaker === undefined ? undefined : roleOf(p.speaker);
      turns.push({
        start: text.length - content.length,
        end: text.length,
        ...(p.speaker === undefined ? {} : { speaker: p.speaker.slice(0, 80) }),
        ...(role ? { role } : {}),
        ...(p.at === undefined ? {} : { at: p.at }),
      });
    } else turns.at(-1)!.end = text.length;
  }
  const kept = turns.filter((t) => t.end > t.start);
  const place = (offset: number) => {
    const part = places.find((s) => offset <= s.to) ?? places.at(-1)!;
    return part.at + Math.min(Math.max(0, offset - part.from), part.to - part.from);
  };
  return {
    transcript: {
      id: given.id,
      title: given.title.slice(0, 200),
      kind: 'interview',
      school: given.school.slice(0, 200),
      text,
      turns: kept.length > 0 ? kept : [{ start: 0, end: Math.max(1, text.length) }],
      createdAt: given.createdAt,
    },
    place,
  };
}
