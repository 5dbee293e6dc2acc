/**
 * A focus-group discussion on a projected result: participants send short anonymous reactions
 * (a text, or agree / disagree with what is projected) and upvote the reactions the facilitator
 * approved. Reactions that differ only in case and spaces merge by themselves; the facilitator
 * can merge others by hand. Everything a tablet sends is checked here as untrusted input.
 */

export const REACTION_MAX_LENGTH = 280;

export type ReactionKind = 'text' | 'agree' | 'disagree';

/** What a tablet writes for one reaction (its own doc, one writer). */
export interface DeviceReaction {
  discussionId: string;
  kind: ReactionKind;
  text?: string;
  at: number;
}

/** What the facilitator's table keeps of one reaction. */
export interface Reaction {
  /** `deviceId/reactionId`. */
  key: string;
  /** The order the facilitator received it in; its public id is `r<seq>` (never the device's). */
  seq: number;
  discussionId: string;
  deviceId: string;
  kind: ReactionKind;
  text: string;
  at: number;
  status: 'pending' | 'approved' | 'hidden';
  /** The reaction this one was merged into (it then counts there). */
  mergedInto?: string;
}

/** The id tablets and the beamer know a reaction by: nothing of the device that sent it. */
export const publicId = (reaction: Pick<Reaction, 'seq'>) => `r${reaction.seq}`;

/** What every tablet and the beamer see of the discussion: approved reactions, never who sent them. */
export interface PublicDiscussion {
  id: string;
  prompt: string;
  reactions: { id: string; text: string; votes: number }[];
  agree: number;
  disagree: number;
}

const ID = /^[A-Za-z0-9_-]{1,32}$/;

/** The reaction, or undefined for anything that is not a well-formed one. */
export function checkReaction(raw: unknown): DeviceReaction | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const r = raw as Record<string, unknown>;
  if (typeof r.discussionId !== 'string' || !ID.test(r.discussionId)) return undefined;
  if (r.kind !== 'text' && r.kind !== 'agree' && r.kind !== 'disagree') return undefined;
  if (typeof r.at !== 'number' || !Number.isFinite(r.at)) return undefined;
  if (r.kind !== 'text') return { discussionId: r.discussionId, kind: r.kind, at: r.at };
  if (typeof r.text !== 'string') return undefined;
  const text = r.text.trim().replace(/\s+/g, ' ');
  if (text === '' || text.length > REACTION_MAX_LENGTH) return undefined;
  return { discussionId: r.discussionId, kind: 'text', text, at: r.at };
}

export const isReactionId = (id: string) => ID.test(id);

/** Reactions that read the same, whatever their case and spaces, are one reaction. */
export function sameReaction(text: string): string {
  return text.toLocaleLowerCase('nl').replace(/\s+/g, ' ').trim();
}

/**
 * The reaction a new one merges into on its own: the earliest reaction of the same discussion
 * that reads the same (case and spaces aside), if there is one.
 */
export function automaticMerge(reaction: Reaction, others: Iterable<Reaction>): string | undefined {
  if (reaction.kind !== 'text') return undefined;
  const same = sameReaction(reaction.text);
  let first: Reaction | undefined;
  for (const other of others) {
    if (other.key === reaction.key || other.kind !== 'text' || other.mergedInto) continue;
    if (other.discussionId !== reaction.discussionId || sameReaction(other.text) !== same) continue;
    if (!first || other.at < first.at || (other.at === first.at && other.key < first.key))
      first = other;
  }
  return first && (first.at < reaction.at || first.key < reaction.key) ? first.key : undefined;
}

/**
 * The public state of a discussion: approved text reactions with their support (their own
 * votes by public id, one per device, plus the reactions merged into them), most supported
 * first; and how many
 * devices agree or disagree with what is projected (each device's latest counts).
 */
export function publicDiscussion(
  id: string,
  prompt: string,
  reactions: Iterable<Reaction>,
  votes: ReadonlyMap<string, ReadonlySet<string>>,
): PublicDiscussion {
  const all = [...reactions].filter((r) => r.discussionId === id);
  const stance = new Map<string, { kind: ReactionKind; at: number }>();
  for (const r of all) {
    if (r.kind === 'text') continue;
    const before = stance.get(r.deviceId);
    if (!before || r.at >= before.at) stance.set(r.deviceId, { kind: r.kind, at: r.at });
  }
  const merged = new Map<string, number>();
  for (const r of all)
    if (r.mergedInto) merged.set(r.mergedInto, (merged.get(r.mergedInto) ?? 0) + 1);
  const shown = all
    .filter((r) => r.kind === 'text' && r.status === 'approved' && !r.mergedInto)
    .map((r) => ({
      id: publicId(r),
      text: r.text,
      votes: (votes.get(publicId(r))?.size ?? 0) + (merged.get(r.key) ?? 0),
      seq: r.seq,
    }))
    .sort((a, b) => b.votes - a.votes || a.seq - b.seq)
    .map(({ id: key, text, votes: count }) => ({ id: key, text, votes: count }));
  const count = (kind: ReactionKind) => [...stance.values()].filter((s) => s.kind === kind).length;
  return { id, prompt, reactions: shown, agree: count('agree'), disagree: count('disagree') };
}
