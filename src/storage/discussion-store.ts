/**
 * A session's discussion record on the facilitator's laptop: the discussions started, the
 * tablets' reactions, the notes typed, and the moderation of open answers.
 */
import { rowsOfSessions, type SessionIds as Sessions } from './by-session';
import type { DiscussionRow, KringDb, ModerationRow, NoteRow, ReactionRow } from './db';

export const discussionsIn = (db: KringDb, s: Sessions): Promise<DiscussionRow[]> =>
  rowsOfSessions(db, db.discussions, s);
export const reactionsIn = (db: KringDb, s: Sessions): Promise<ReactionRow[]> =>
  rowsOfSessions(db, db.reactions, s);
export const notesIn = (db: KringDb, s: Sessions): Promise<NoteRow[]> =>
  rowsOfSessions(db, db.notes, s);
export const moderationIn = (db: KringDb, s: Sessions): Promise<ModerationRow[]> =>
  rowsOfSessions(db, db.moderation, s);

export async function putDiscussion(db: KringDb, row: DiscussionRow): Promise<void> {
  await db.discussions.put(row);
}

export async function putReactions(db: KringDb, rows: readonly ReactionRow[]): Promise<void> {
  if (rows.length > 0) await db.reactions.bulkPut([...rows]);
}

export async function putNote(db: KringDb, row: NoteRow): Promise<void> {
  await db.notes.put(row);
}

export async function deleteNote(db: KringDb, sessionId: string, id: string): Promise<void> {
  await db.notes.delete([sessionId, id]);
}

export async function putModeration(db: KringDb, rows: readonly ModerationRow[]): Promise<void> {
  if (rows.length > 0) await db.moderation.bulkPut([...rows]);
}
