/**
 * What the hub's online routes (src/server/hub/online-routes.ts) send and take, one shape each
 * for the hub and the pages that call it (issue 25).
 */

/** A link as its respondent's page reads it (`GET /online/<link>`). */
export interface LinkView {
  id: string;
  label: string;
  studyId: string;
  /** The study's public key (base64url), to seal to. */
  publicKey: string;
  /** The questionnaire as JSON text. */
  definition: string;
  opensAt: number | null;
  closesAt: number | null;
  /** False once revoked. */
  open: boolean;
  /** Whether it takes one-time access codes. */
  codes: boolean;
}

/** A link as the hub sent it, checked field by field (undefined: not one, or another link). */
export function linkViewOf(raw: unknown, id: string): LinkView | undefined {
  const l = raw as Partial<Record<keyof LinkView, unknown>> | null;
  if (typeof l !== 'object' || l === null || l.id !== id) return undefined;
  const time = (v: unknown) => (typeof v === 'number' ? v : null);
  if (
    typeof l.label !== 'string' ||
    typeof l.studyId !== 'string' ||
    typeof l.publicKey !== 'string' ||
    typeof l.definition !== 'string'
  )
    return undefined;
  return {
    id,
    label: l.label,
    studyId: l.studyId,
    publicKey: l.publicKey,
    definition: l.definition,
    opensAt: time(l.opensAt),
    closesAt: time(l.closesAt),
    open: l.open === true,
    codes: l.codes === true,
  };
}

/** A link as its study's facilitators see it listed: no questionnaire, no code. */
export interface LinkListing {
  id: string;
  label: string;
  /** The study key the link seals to (a laptop without it learns it must import it). */
  publicKey: string;
  opensAt?: number;
  closesAt?: number;
  revoked: boolean;
  /** How many access codes it has (none: one response per browser). */
  codes?: number;
  codesUsed: number;
  envelopes: number;
}

/** What a facilitator's laptop may change of a link (`PUT /online/<link>` of a link made). */
export interface LinkChange {
  label: string;
  opensAt?: number | null;
  closesAt?: number | null;
  revoked?: boolean;
}

/** A link as a facilitator's laptop creates it (`PUT /online/<link>`). */
export interface LinkPut extends LinkChange {
  publicKey: string;
  definition: string;
  /** Hashes of the access codes (`codeHash`). */
  codes?: string[] | null;
}
