/**
 * The study hub's document names, shared by the hub (onAuthenticate) and the laptops:
 * `kring/<study>/session/<session id>` (one session's data), `kring/<study>/coding/<id>` (the
 * study's coding doc) and `kring/<study>/index/sessions` (which sessions the hub holds).
 */

/** A study's or document's id in the hub: letters, digits, `_` and `-`, at most 64. */
export const ID = '[A-Za-z0-9_-]{1,64}';
export const STUDY_ID = new RegExp(`^${ID}$`);

export type HubDocumentKind = 'session' | 'coding' | 'index';

export const DOCUMENT_NAME = new RegExp(`^kring/(${ID})/(session|coding|index)/(${ID})$`);

/** The hub's name for a study's document; throws for ids outside the scheme. */
export function hubDocumentName(study: string, kind: HubDocumentKind, id: string): string {
  const name = `kring/${study}/${kind}/${id}`;
  if (!DOCUMENT_NAME.test(name)) throw new Error(`not a hub document name: ${name}`);
  return name;
}

/** The study a document name belongs to, if it fits the scheme. */
export function studyOfDocument(name: string): string | undefined {
  return DOCUMENT_NAME.exec(name)?.[1];
}

/**
 * A hub key, what `npm run hub -- token STUDY` prints for a facilitator: `<study>.<token>` (a
 * token is base64url, a study id has no dot). Undefined when the text is not one.
 */
export function parseHubKey(text: string): { study: string; token: string } | undefined {
  const match = /^([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{20,200})$/.exec(text.trim());
  return match ? { study: match[1]!, token: match[2]! } : undefined;
}

export function hubKey(study: string, token: string): string {
  return `${study}.${token}`;
}
