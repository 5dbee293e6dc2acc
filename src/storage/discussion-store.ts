/**
 * A session's discussion record on the facilitator's laptop: the discussions started, the
 * tablets' reactions, the notes typed, and the moderation of open answers.
 */
import type { Table } from 'dexie';
import type { DiscussionRow, KringDb, ModerationRow, NoteRow, ReactionRow } from './db';

/** One session's id, or several. */
type Sessions = string | readonly string[];

function inSessions<T>(table: Table<T, [string, string]>, sessionIds: Sessions): Promise<T[]> {
  const where = table.where('sessionId');
  return (
    typeof sessionIds === 'string' ? where.equals(sessionIds) : where.anyOf([...sessionIds])
  ).toArray();
}

export const discussionsIn = (db: KringDb, s: Sessions): Promise<DiscussionRow[]> =>
  inSessions(db.discussions, s);
export const reactionsIn = (db: KringDb, s: Sessions): Promise<ReactionRow[]> =>
  inSessions(db.reactions, s);
export const notesIn = (db: KringDb, s: Sessions): Promise<NoteRow[]> => inSessions(db.notes, s);
export const moderationIn = (db: KringDb, s: Sessions): Promise<ModerationRow[]> =>
  inSessions(db.moderation, s);

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
