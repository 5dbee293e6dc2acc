/**
 * What the facilitator tells a device through the device's own doc, besides receipts: the survey
 * definition to answer (the tablet needs nothing in advance) and whether the session is closed.
 * The tablet validates the definition like any file: it came over the network.
 */
import * as Y from 'yjs';
import { validateSurvey, type ValidationResult } from '../domain/survey-validate';

export const SESSION = 'session';

/** Facilitator side: sets the definition (as JSON text) the device should show. */
export function publishDefinition(doc: Y.Doc, definitionJson: string, origin?: unknown): void {
  const session = doc.getMap<unknown>(SESSION);
  if (session.get('definition') === definitionJson) return;
  doc.transact(() => session.set('definition', definitionJson), origin);
}

/** Facilitator side: the session no longer takes new responses. */
export function closeSession(doc: Y.Doc, origin?: unknown): void {
  doc.transact(() => doc.getMap<unknown>(SESSION).set('closed', true), origin);
}

export type DefinitionState = { state: 'none' } | ValidationResult;

/** Device side: the definition the facilitator sent, validated; `none` until one arrives. */
export function readDefinition(doc: Y.Doc): DefinitionState {
  const text = doc.getMap<unknown>(SESSION).get('definition');
  if (text === undefined) return { state: 'none' };
  return validateSurvey(typeof text === 'string' ? text : JSON.stringify(text));
}

export function isSessionClosed(doc: Y.Doc): boolean {
  return doc.getMap<unknown>(SESSION).get('closed') === true;
}
