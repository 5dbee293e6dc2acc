/**
 * The hub's write-only drop for an online link's responses (issue 25). A respondent's browser
 * adds its sealed envelope (online-envelope.ts) and may replace it with a later version; it
 * cannot read or list anyone's, and holds no hub key: its own random write token, of which the
 * hub keeps a hash, is what makes an envelope its own. Only the study's facilitators pull
 * envelopes (with the hub key, server side), and only they can open them.
 *
 * Rules, each with its refusal: a closed, revoked or not yet open link refuses; an envelope too
 * large, a link full, an address or link sending too fast are capped; another browser's response
 * is not replaced; with access codes, a code is one response's. A replayed envelope (the same or
 * an earlier version) changes nothing and is answered as if stored, which tells a replayer
 * nothing.
 */
import { TokenBucket } from '../../shared/token-bucket';
import { codeHash } from '../../sync/online-codes.ts';
import type { LinkListing } from '../../sync/online-wire.ts';

export { codeHash, type LinkListing };
import { hashToken } from './hub-store.ts';

export interface OnlineLink {
  id: string;
  studyId: string;
  label: string;
  /** The study's public key (base64url): what respondents seal to. */
  publicKey: string;
  /** The questionnaire version the link asks (its definition as JSON). */
  definition: string;
  opensAt?: number;
  closesAt?: number;
  revoked: boolean;
  /** Hashes of the link's one-time access codes (`codeHash`); none: one response per browser. */
  codes?: ReadonlySet<string>;
}

export interface StoredEnvelope {
  linkId: string;
  responseId: string;
  version: number;
  /** The hash of the respondent's write token. */
  tokenHash: string;
  envelope: Uint8Array;
  receivedAt: number;
  /** The order envelopes were stored in, study-wide: what a laptop pulls after. */
  seq: number;
}

/** Where the drop keeps links and envelopes: the hub's database (SQLite or Postgres). */
export interface DropStore {
  link(id: string): Promise<OnlineLink | undefined>;
  envelope(linkId: string, responseId: string): Promise<StoredEnvelope | undefined>;
  count(linkId: string): Promise<number>;
  /** The response a code was used for, if it was. */
  codeOwner(linkId: string, codeHash: string): Promise<string | undefined>;
  put(envelope: Omit<StoredEnvelope, 'seq'>, codeHash?: string): Promise<void>;
  /** A study's envelopes stored after `seq`, oldest first. */
  since(studyId: string, seq: number, limit: number): Promise<StoredEnvelope[]>;
}

/** The drop's store as the hub keeps it: the rules' reads and writes, and links set by facilitators. */
export interface OnlineStore extends DropStore {
  /** Creates or changes a link (closing and revoking take effect at the next envelope). */
  putLink(link: OnlineLink): Promise<void>;
  /** A study's links, oldest first, with how many envelopes each holds and codes it used. */
  links(studyId: string): Promise<LinkListing[]>;
  /** How many of a study's envelopes were stored after `seq` (what a laptop has yet to pull). */
  waiting(studyId: string, seq: number): Promise<number>;
}

/** A link's listing from its stored form and counts. */
export function summaryOf(link: OnlineLink, envelopes: number, codesUsed: number): LinkListing {
  return {
    id: link.id,
    label: link.label,
    publicKey: link.publicKey,
    revoked: link.revoked,
    ...(link.opensAt === undefined ? {} : { opensAt: link.opensAt }),
    ...(link.closesAt === undefined ? {} : { closesAt: link.closesAt }),
    ...(link.codes ? { codes: link.codes.size } : {}),
    codesUsed,
    envelopes,
  };
}

export interface DropLimits {
  maxEnvelopeBytes: number;
  maxPerLink: number;
  /** Envelopes per minute from one address, and to one link. */
  perAddressPerMinute: number;
  perLinkPerMinute: number;
}

export const DROP_LIMITS: DropLimits = {
  // A long questionnaire's answers are a few KB; its open answers at most tens.
  maxEnvelopeBytes: 256 * 1024,
  maxPerLink: 20_000,
  perAddressPerMinute: 30,
  perLinkPerMinute: 1_200,
};

export interface DropPut {
  linkId: string;
  responseId: string;
  version: number;
  /** The respondent's write token (random, kept in its browser). */
  token: string;
  envelope: Uint8Array;
  /** The access code, for a link that has them. */
  code?: string;
  address: string;
}

export type DropOutcome =
  | { ok: true }
  | {
      ok: false;
      refused:
        | 'unknownLink'
        | 'notOpenYet'
        | 'closed'
        | 'malformed'
        | 'tooLarge'
        | 'tooFast'
        | 'linkFull'
        | 'notYours'
        | 'codeNeeded'
        | 'codeUnknown'
        | 'codeUsed';
    };

const ID = /^[A-Za-z0-9_-]{8,64}$/;

const tokenHash = (token: string) => hashToken(`kring-token-v1\u0000${token}`);

export class OnlineDrop {
  readonly #addresses = new Map<string, TokenBucket>();
  readonly #links = new Map<string, TokenBucket>();

  constructor(
    private readonly store: DropStore,
    private readonly limits: DropLimits = DROP_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Adds or replaces a respondent's envelope, by the rules above. */
  async put(put: DropPut): Promise<DropOutcome> {
    const link = await this.store.link(put.linkId);
    if (!link) return { ok: false, refused: 'unknownLink' };
    const now = this.now();
    if (link.revoked || (link.closesAt !== undefined && now >= link.closesAt))
      return { ok: false, refused: 'closed' };
    if (link.opensAt !== undefined && now < link.opensAt)
      return { ok: false, refused: 'notOpenYet' };
    if (
      !ID.test(put.responseId) ||
      !ID.test(put.token) ||
      !Number.isSafeInteger(put.version) ||
      put.version < 1
    )
      return { ok: false, refused: 'malformed' };
    if (put.envelope.length > this.limits.maxEnvelopeBytes)
      return { ok: false, refused: 'tooLarge' };
    if (!this.#bucket(this.#addresses, put.address, this.limits.perAddressPerMinute).take())
      return { ok: false, refused: 'tooFast' };
    if (!this.#bucket(this.#links, put.linkId, this.limits.perLinkPerMinute).take())
      return { ok: false, refused: 'tooFast' };

    const held = await this.store.envelope(put.linkId, put.responseId);
    const token = tokenHash(put.token);
    if (held && held.tokenHash !== token) return { ok: false, refused: 'notYours' };
    let code: string | undefined;
    if (link.codes) {
      if (!put.code) return { ok: false, refused: 'codeNeeded' };
      code = codeHash(link.id, put.code);
      if (!link.codes.has(code)) return { ok: false, refused: 'codeUnknown' };
      const owner = await this.store.codeOwner(link.id, code);
      // A new response needs an unused code; an update, the code it came with (so that one
      // respondent cannot use up a second code).
      if (held ? owner !== put.responseId : owner !== undefined)
        return { ok: false, refused: 'codeUsed' };
    }
    // A replay, or an earlier version arriving late: nothing changes.
    if (held && put.version <= held.version) return { ok: true };
    if (!held && (await this.store.count(put.linkId)) >= this.limits.maxPerLink)
      return { ok: false, refused: 'linkFull' };
    await this.store.put(
      {
        linkId: put.linkId,
        responseId: put.responseId,
        version: put.version,
        tokenHash: token,
        envelope: put.envelope,
        receivedAt: now,
      },
      code,
    );
    return { ok: true };
  }

  #bucket(buckets: Map<string, TokenBucket>, key: string, perMinute: number): TokenBucket {
    let bucket = buckets.get(key);
    if (!bucket) {
      // Forget the quiet ones now and then: an address is kept only while it sends.
      if (buckets.size > 10_000) buckets.clear();
      buckets.set(key, (bucket = new TokenBucket(perMinute / 60, perMinute, this.now)));
    }
    return bucket;
  }
}
