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

/** A link as a facilitator's laptop creates or changes it (`PUT /online/<link>`). */
export interface LinkPut {
  label: string;
  publicKey: string;
  definition: string;
  opensAt?: number | null;
  closesAt?: number | null;
  revoked?: boolean;
  /** Hashes of the access codes (`codeHash`), at creation only. */
  codes?: string[] | null;
}
