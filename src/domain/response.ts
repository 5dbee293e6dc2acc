import type { Answers } from './answers';

export type ResponseStatus = 'in-progress' | 'submitted';

/** Where a respondent is in the survey, so a reload resumes at the same place. */
export type Cursor = { at: 'section'; index: number; item?: string } | { at: 'review' };

/** One respondent's response as plain data (what the device doc holds and storage materializes). */
export interface ResponseRecord {
  id: string;
  surveyId: string;
  surveyVersion: number;
  status: ResponseStatus;
  language: string;
  startedAt: number;
  updatedAt: number;
  submittedAt?: number;
  cursor?: Cursor;
  answers: Answers;
}

/**
 * A response as the facilitator keeps it: the device that sent it and its id. Two devices may
 * send the same id (a hostile one, a copied tablet); each keeps its own row.
 */
export function deviceResponseKey(deviceId: string, responseId: string): string {
  return `${deviceId}/${responseId}`;
}

/** Thrown when code tries to change a submitted response: the UI must never offer that. */
export class FrozenResponseError extends Error {
  constructor(readonly responseId: string) {
    super(`Response ${responseId} is submitted and can no longer change`);
    this.name = 'FrozenResponseError';
  }
}
