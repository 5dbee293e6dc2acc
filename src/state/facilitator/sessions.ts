/**
 * The facilitator's sessions: created with a survey, a title and a school; each gets a join code
 * and its own X25519 key pair, kept on the laptop. The definition is stored as the exact JSON
 * text the tablets receive, so what was asked can always be shown next to the answers.
 */
import { nanoid } from 'nanoid';
import { validateSurvey } from '../../domain/survey-validate';
import type { KringDb, SessionRow, StoredSession } from '../../storage/db';

/** A session as a list shows it: everything but its questionnaire. */
export type SessionSummary = Omit<StoredSession, 'definitionKey'>;
import { countsPerSession } from '../../storage/collected-store';
import { addSession, sessionListOldestFirst } from '../../storage/session-store';
import { fingerprint, newKeyPair } from '../../sync/admission';
import { newJoinCode } from '../../sync/join-code';

export interface NewSession {
  definition: string;
  title: string;
  school: string;
  admitByHand?: boolean;
}

/** Creates and stores a session; throws if the definition is not a valid survey (a bug: the UI checks first). */
export async function createSession(
  db: KringDb,
  input: NewSession,
  now: () => number = Date.now,
): Promise<SessionRow> {
  const checked = validateSurvey(input.definition);
  if (!checked.ok) throw new Error('createSession needs a valid survey definition');
  const keys = newKeyPair();
  const session: SessionRow = {
    id: nanoid(),
    joinCode: newJoinCode(),
    title: input.title.trim(),
    school: input.school.trim(),
    definition: input.definition,
    createdAt: now(),
    closed: false,
    admitByHand: input.admitByHand ?? false,
    secretKey: keys.secretKey,
    publicKey: keys.publicKey,
  };
  await addSession(db, session);
  return session;
}

/** Per session, its counted responses: submitted, and still being answered. */
export function responseCounts(
  db: KringDb,
): Promise<Map<string, { submitted: number; inProgress: number }>> {
  return countsPerSession(db);
}

/** Newest first, without their questionnaires (a list of hundreds reads no questionnaire). */
export async function listSessions(db: KringDb): Promise<SessionSummary[]> {
  return (await sessionListOldestFirst(db)).reverse();
}

/** The address a participant types, then the code: "http://10.0.0.5:8080/j". */
export function shortJoinUrl(baseUrl: string): string {
  return new URL('/j', baseUrl).toString();
}

/** What a tablet opens to join: the participant page with the code and the key's fingerprint. */
export function joinUrl(
  baseUrl: string,
  session: Pick<SessionRow, 'joinCode' | 'publicKey'>,
): string {
  const url = new URL('/join', baseUrl);
  url.searchParams.set('code', session.joinCode);
  url.searchParams.set('fp', fingerprint(session.publicKey));
  return url.toString();
}
