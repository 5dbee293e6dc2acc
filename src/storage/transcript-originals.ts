/**
 * Transcripts' original texts (with the real names), kept on this laptop only when the
 * facilitator asks (db.ts, `TranscriptOriginalRow`). Nothing here leaves the laptop.
 */
import type { KringDb, TranscriptOriginalRow } from './db';

export async function putOriginal(db: KringDb, row: TranscriptOriginalRow): Promise<void> {
  await db.transcriptOriginals.put(row);
}

export async function originalOf(
  db: KringDb,
  transcriptId: string,
): Promise<TranscriptOriginalRow | undefined> {
  return db.transcriptOriginals.get(transcriptId);
}

/** The transcripts whose original this laptop keeps. */
export async function originalsKept(db: KringDb): Promise<Set<string>> {
  return new Set(await db.transcriptOriginals.toCollection().primaryKeys());
}

export async function removeOriginal(db: KringDb, transcriptId: string): Promise<void> {
  await db.transcriptOriginals.delete(transcriptId);
}
