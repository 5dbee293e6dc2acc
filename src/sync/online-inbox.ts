/**
 * Responses of online links, as a respondent's page seals them and a facilitator's laptop
 * opens them (issue 25). Inside an envelope: the response id, its version and the response;
 * the id and version must be the envelope's own (online-envelope.ts binds them outside too).
 * An opened response goes through the same check as a tablet's (`checkDeviceResponse`): one
 * that fails is set aside with its reasons, never counted; one that does not open is listed
 * with why, never lost.
 */
import {
  checkDeviceResponse,
  type ResponseCheck,
  type SurveyLookup,
} from '../domain/response-check';
import type { ResponseRecord } from '../domain/response';
import { fromBase64Url } from './admission';
import {
  openEnvelopeWith,
  sealEnvelope,
  studyAgreement,
  type Agreement,
  type EnvelopeAddress,
} from './online-envelope';

/** An envelope as the hub lists it to a facilitator. */
export interface PulledEnvelope {
  seq: number;
  linkId: string;
  responseId: string;
  version: number;
  receivedAt: number;
  /** base64url */
  envelope: string;
}

export type InboxEntry =
  | {
      kind: 'opened';
      seq: number;
      linkId: string;
      version: number;
      receivedAt: number;
      /** The shared check's verdict: valid, or set aside with its problems. */
      check: ResponseCheck;
    }
  | {
      kind: 'unopened';
      seq: number;
      linkId: string;
      responseId: string;
      version: number;
      receivedAt: number;
      reason: 'malformed' | 'forged' | 'notAResponse';
    };

/** What a respondent's page sends: the envelope and where it belongs. */
export function sealResponse(
  studyPublicKey: Uint8Array,
  linkId: string,
  version: number,
  response: ResponseRecord,
): { address: EnvelopeAddress; envelope: Uint8Array } {
  const address = { linkId, responseId: response.id, version };
  const plaintext = new TextEncoder().encode(
    JSON.stringify({ responseId: response.id, version, response }),
  );
  return { address, envelope: sealEnvelope(studyPublicKey, address, plaintext) };
}

/** Opens and checks what was pulled from the hub; nothing is dropped, whatever it holds. */
export async function openPulled(
  study: { publicKey: Uint8Array; privateKey: Uint8Array },
  pulled: readonly PulledEnvelope[],
  lookup: SurveyLookup,
): Promise<InboxEntry[]> {
  const agree = await studyAgreement(study);
  const entries: InboxEntry[] = [];
  for (const item of pulled) entries.push(await openOne(agree, study.publicKey, item, lookup));
  return entries;
}

async function openOne(
  agree: Agreement,
  studyPublicKey: Uint8Array,
  item: PulledEnvelope,
  lookup: SurveyLookup,
): Promise<InboxEntry> {
  const { seq, linkId, responseId, version, receivedAt } = item;
  const unopened = (reason: Extract<InboxEntry, { kind: 'unopened' }>['reason']): InboxEntry => ({
    kind: 'unopened',
    seq,
    linkId,
    responseId,
    version,
    receivedAt,
    reason,
  });
  const bytes = fromBase64Url(item.envelope);
  if (!bytes) return unopened('malformed');
  const opened = await openEnvelopeWith(
    agree,
    studyPublicKey,
    { linkId, responseId, version },
    bytes,
  );
  if (!opened.ok) return unopened(opened.reason);
  let inside: unknown;
  try {
    inside = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(opened.plaintext));
  } catch {
    return unopened('notAResponse');
  }
  const i = inside as { responseId?: unknown; version?: unknown; response?: unknown } | null;
  if (typeof i !== 'object' || i === null) return unopened('notAResponse');
  // Sealed by someone with the public key for another response: not this one.
  if (i.responseId !== responseId || i.version !== version) return unopened('forged');
  const response = i.response as { id?: unknown } | null;
  if (typeof response !== 'object' || response === null || response.id !== responseId)
    return unopened('forged');
  return {
    kind: 'opened',
    seq,
    linkId,
    version,
    receivedAt,
    check: checkDeviceResponse(responseId, response, lookup),
  };
}

/** Whether an opened version replaces the one held: only a later one does (a resend never doubles). */
export function replacesHeld(held: { version: number } | undefined, incoming: number): boolean {
  return held === undefined || incoming > held.version;
}
