/**
 * The discussion through each device's own doc: the tablet writes its reactions and votes
 * (root maps `reactions` and `votes`, one writer); the facilitator writes the public state of
 * the discussion (approved reactions, anonymous) into the `session` map. No tablet ever sees
 * which device sent a reaction.
 */
import * as Y from 'yjs';
import {
  checkReaction,
  isReactionId,
  type DeviceReaction,
  type PublicDiscussion,
} from '../domain/discussion';
import { SESSION } from './session-channel';

export const REACTIONS = 'reactions';
export const VOTES = 'votes';
/** At most this many reactions and votes are read from one device (a flood is cut off). */
const MAX_PER_DEVICE = 500;
const PUBLIC_ID = /^r\d{1,7}$/;

/** Device side: sends a reaction. */
export function addReaction(doc: Y.Doc, id: string, reaction: DeviceReaction): void {
  doc.getMap<DeviceReaction>(REACTIONS).set(id, reaction);
}

/** Device side: supports (or no longer supports) an approved reaction. */
export function setVote(doc: Y.Doc, publicId: string, on: boolean): void {
  const votes = doc.getMap<boolean>(VOTES);
  if (on) votes.set(publicId, true);
  else votes.delete(publicId);
}

export function ownVotes(doc: Y.Doc): Set<string> {
  return new Set(doc.getMap<boolean>(VOTES).keys());
}

/** Device side: the discussion the facilitator opened, if one is open. */
export function readPublicDiscussion(doc: Y.Doc): PublicDiscussion | undefined {
  const value = doc.getMap<unknown>(SESSION).get('discussion') as PublicDiscussion | null;
  if (!value || typeof value.id !== 'string' || !Array.isArray(value.reactions)) return undefined;
  return value;
}

/** Facilitator side: opens, updates or (with null) ends the discussion on this device. */
export function publishDiscussion(
  doc: Y.Doc,
  discussion: PublicDiscussion | null,
  origin?: unknown,
): void {
  const session = doc.getMap<unknown>(SESSION);
  if (JSON.stringify(session.get('discussion') ?? null) === JSON.stringify(discussion)) return;
  doc.transact(() => session.set('discussion', discussion), origin);
}

/** Facilitator side: the device's reactions and votes, checked; malformed entries are left out. */
export function readDiscussionInput(doc: Y.Doc): {
  reactions: Map<string, DeviceReaction>;
  votes: Set<string>;
} {
  const reactions = new Map<string, DeviceReaction>();
  for (const [id, raw] of doc.getMap<unknown>(REACTIONS)) {
    if (reactions.size >= MAX_PER_DEVICE) break;
    const reaction = isReactionId(id) ? checkReaction(raw) : undefined;
    if (reaction) reactions.set(id, reaction);
  }
  const votes = new Set<string>();
  for (const [id, value] of doc.getMap<unknown>(VOTES)) {
    if (votes.size >= MAX_PER_DEVICE) break;
    if (value === true && PUBLIC_ID.test(id)) votes.add(id);
  }
  return { reactions, votes };
}

/** Facilitator side: calls `onInput` whenever the device's reactions or votes change. */
export function watchDiscussionInput(doc: Y.Doc, onInput: () => void): () => void {
  const reactions = doc.getMap(REACTIONS);
  const votes = doc.getMap(VOTES);
  reactions.observe(onInput);
  votes.observe(onInput);
  return () => {
    reactions.unobserve(onInput);
    votes.unobserve(onInput);
  };
}
