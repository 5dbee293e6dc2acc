/**
 * What the facilitator tells a device through the device's own doc, besides receipts: the survey
 * definition to answer (the tablet needs nothing in advance), whether the session is closed, and
 * the device's number in the facilitator's list ("Tablet 4"), so the two can be matched, and the
 * session's school, so that participants need not type it.
 * The tablet validates the definition like any file: it came over the network.
 */
import * as Y from 'yjs';
import { SHORT_TEXT_MAX } from '../domain/answers';
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

/** Facilitator side: the device's number in the list of devices. */
export function publishDeviceNumber(doc: Y.Doc, number: number, origin?: unknown): void {
  const session = doc.getMap<unknown>(SESSION);
  if (session.get('number') === number) return;
  doc.transact(() => session.set('number', number), origin);
}

/** Device side: its number, if the facilitator sent a sensible one. */
export function readDeviceNumber(doc: Y.Doc): number | undefined {
  const number = doc.getMap<unknown>(SESSION).get('number');
  return Number.isInteger(number) && (number as number) > 0 && (number as number) < 10_000
    ? (number as number)
    : undefined;
}

/** Facilitator side: the school the session is held at (none: participants give theirs). */
export function publishSchool(doc: Y.Doc, school: string, origin?: unknown): void {
  const session = doc.getMap<unknown>(SESSION);
  const value = school.trim();
  if (!value || session.get('school') === value) return;
  doc.transact(() => session.set('school', value), origin);
}

/** Device side: the session's school, if the facilitator sent a sensible one. */
export function readSchool(doc: Y.Doc): string | undefined {
  const school = doc.getMap<unknown>(SESSION).get('school');
  return typeof school === 'string' && school.trim() && school.length <= SHORT_TEXT_MAX
    ? school.trim()
    : undefined;
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
