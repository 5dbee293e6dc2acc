/**
 * The facilitator's questionnaire library (`surveys`, checked definitions) and the drafts being
 * written in the editor (`drafts`).
 */
import type { DraftRow, KringDb, SurveyRow } from './db';

/** Every questionnaire in the library, newest first. */
export async function surveysNewestFirst(db: KringDb): Promise<SurveyRow[]> {
  return (await db.surveys.orderBy('addedAt').toArray()).reverse();
}

export function getSurvey(db: KringDb, id: string): Promise<SurveyRow | undefined> {
  return db.surveys.get(id);
}

/** The library's versions of one questionnaire (by the survey's own id). */
export function surveyVersions(db: KringDb, surveyId: string): Promise<SurveyRow[]> {
  return db.surveys.where('surveyId').equals(surveyId).toArray();
}

export async function addSurvey(db: KringDb, row: SurveyRow): Promise<void> {
  await db.surveys.add(row);
}

/** Takes a questionnaire out; returns the row as it was, to put back on undo. */
export async function takeSurvey(db: KringDb, id: string): Promise<SurveyRow | undefined> {
  const row = await db.surveys.get(id);
  await db.surveys.delete(id);
  return row;
}

export async function putSurvey(db: KringDb, row: SurveyRow): Promise<void> {
  await db.surveys.put(row);
}

/** Every draft, the one written last first. */
export function draftsNewestFirst(db: KringDb): Promise<DraftRow[]> {
  return db.drafts.orderBy('updatedAt').reverse().toArray();
}

export function getDraft(db: KringDb, id: string): Promise<DraftRow | undefined> {
  return db.drafts.get(id);
}

export async function putDraft(db: KringDb, row: DraftRow): Promise<void> {
  await db.drafts.put(row);
}

/** Takes a draft out; returns the row as it was, to put back on undo. */
export async function takeDraft(db: KringDb, id: string): Promise<DraftRow | undefined> {
  const row = await db.drafts.get(id);
  await db.drafts.delete(id);
  return row;
}
