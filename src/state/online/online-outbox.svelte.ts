/**
 * A respondent's submitted response on its way to the hub (issue 25). It is sealed to the study
 * and stored on the device before anything is sent; then sent, and sent again after every
 * failure (offline, hub down, too busy) until the hub confirms. "Sent" is shown only then. A
 * refusal the respondent can mend (a wrong or used access code) waits for them; one they cannot
 * (the link closed) is said plainly, and the response stays on the device.
 */
import { nanoid } from 'nanoid';
import type { ResponseRecord } from '../../domain/response';
import type { KringDb } from '../../storage/db';
import { getSetting, putSetting } from '../../storage/settings';
import { fromBase64Url, toBase64Url } from '../../sync/admission';
import { sealResponse } from '../../sync/online-inbox';
import type { RespondentLink } from './online-link';

/** Why the hub refused, as its routes answer (online-routes.ts). */
export type SendRefusal =
  | 'unknownLink'
  | 'notOpenYet'
  | 'closed'
  | 'linkFull'
  | 'notYours'
  | 'codeNeeded'
  | 'codeUnknown'
  | 'codeUsed'
  | 'tooLarge'
  | 'malformed';

/** What this browser keeps per link: its write token, its access code, its sealed response. */
interface OutboxRow {
  /** Random; the hub keeps its hash, and only this browser can replace its response. */
  token: string;
  code?: string;
  sealed?: {
    responseId: string;
    version: number;
    /** base64url */
    envelope: string;
    state: 'waiting' | 'sent' | 'refused';
    refused?: SendRefusal;
  };
}

declare module '../../storage/settings' {
  interface Settings {
    [outbox: `onlineOutbox:${string}`]: OutboxRow;
  }
}

export type SendState =
  | { kind: 'none' }
  /** Sealing or storing it failed (a full disk): it is not on its way; the page says so. */
  | { kind: 'notStored' }
  | { kind: 'waiting'; attempts: number; offline: boolean }
  | { kind: 'sending' }
  | { kind: 'sent' }
  | { kind: 'refused'; refused: SendRefusal };

/** Refusals a new access code mends. */
export const CODE_REFUSALS: readonly SendRefusal[] = ['codeNeeded', 'codeUnknown', 'codeUsed'];

/** The wait before the next try: 2 s, doubling, at most a minute. */
export const retryDelay = (attempts: number) => Math.min(60_000, 2_000 * 2 ** (attempts - 1));

export interface OutboxOptions {
  fetcher?: typeof fetch;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export class OnlineOutbox {
  state = $state.raw<SendState>({ kind: 'none' });
  code = $state<string | undefined>();

  readonly #db: KringDb;
  readonly #link: RespondentLink;
  readonly #key: `onlineOutbox:${string}`;
  readonly #fetch: typeof fetch;
  readonly #setTimer: NonNullable<OutboxOptions['setTimer']>;
  readonly #clearTimer: NonNullable<OutboxOptions['clearTimer']>;
  #row: OutboxRow = { token: '' };
  #timer: unknown;
  #attempts = 0;
  #sending: Promise<void> | undefined;
  #unstored: ResponseRecord | undefined;
  readonly #online = () => void this.send();

  constructor(db: KringDb, link: RespondentLink, options: OutboxOptions = {}) {
    this.#db = db;
    this.#link = link;
    this.#key = `onlineOutbox:${link.id}`;
    this.#fetch = options.fetcher ?? ((...args) => fetch(...args));
    this.#setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
    this.#clearTimer = options.clearTimer ?? ((t) => clearTimeout(t as number));
  }

  /** Reads what this browser holds for the link, and sends what still waits. */
  async open(): Promise<void> {
    const held = await getSetting(this.#db, this.#key);
    this.#row = held ?? { token: nanoid() };
    // A storage that fails now fails again when the response is stored: said then.
    if (!held) await this.#store(this.#row).catch(() => {});
    this.code = this.#row.code;
    this.#showStored();
    if (typeof window !== 'undefined') window.addEventListener('online', this.#online);
    if (this.#row.sealed?.state === 'waiting') void this.send();
  }

  close(): void {
    if (typeof window !== 'undefined') window.removeEventListener('online', this.#online);
    this.#clearTimer(this.#timer);
  }

  /** The response this browser sent or is sending (one per browser), if any. */
  get responseId(): string | undefined {
    return this.#row.sealed?.responseId;
  }

  /** Keeps the access code the respondent typed (sent with the response, never inside it). */
  async setCode(code: string): Promise<void> {
    await this.#store({ ...this.#row, code: code.trim() });
    this.code = this.#row.code;
  }

  /**
   * Seals a submitted response and stores it before the first try: from here it is sent until
   * the hub confirms, across reloads. Resolves once it is stored (not sent).
   */
  async queue(response: ResponseRecord): Promise<void> {
    try {
      await this.#queue(response);
    } catch {
      this.#unstored = response;
      this.state = { kind: 'notStored' };
    }
  }

  /** Tries again to store what could not be stored. */
  async retryStore(): Promise<void> {
    const response = this.#unstored;
    this.#unstored = undefined;
    if (response) await this.queue(response);
  }

  async #queue(response: ResponseRecord): Promise<void> {
    const held = this.#row.sealed;
    const version = response.submittedAt ?? response.updatedAt;
    if (held?.responseId === response.id && held.version >= version) return;
    const publicKey = fromBase64Url(this.#link.publicKey);
    if (!publicKey) throw new Error('the link has no valid study key');
    const { envelope } = sealResponse(publicKey, this.#link.id, version, response);
    await this.#store({
      ...this.#row,
      sealed: {
        responseId: response.id,
        version,
        envelope: toBase64Url(envelope),
        state: 'waiting',
      },
    });
    this.#attempts = 0;
    void this.send();
  }

  /** Sends the stored response now (one try at a time); schedules the next try on failure. */
  send(): Promise<void> {
    this.#sending ??= this.#sendOnce().finally(() => (this.#sending = undefined));
    return this.#sending;
  }

  /** A new access code after a refusal for the code: stored, then sent again. */
  async retryWithCode(code: string): Promise<void> {
    await this.setCode(code);
    const sealed = this.#row.sealed;
    if (!sealed) return;
    await this.#store({
      ...this.#row,
      sealed: {
        responseId: sealed.responseId,
        version: sealed.version,
        envelope: sealed.envelope,
        state: 'waiting',
      },
    });
    this.#attempts = 0;
    await this.send();
  }

  async #sendOnce(): Promise<void> {
    const sealed = this.#row.sealed;
    if (!sealed || sealed.state !== 'waiting') return;
    this.#clearTimer(this.#timer);
    this.state = { kind: 'sending' };
    let answer: { status: number; refused?: SendRefusal } | undefined;
    try {
      const headers: Record<string, string> = {
        'Content-Type': 'application/octet-stream',
        'X-Kring-Token': this.#row.token,
      };
      if (this.#row.code) headers['X-Kring-Code'] = this.#row.code;
      const response = await this.#fetch(
        `/online/${this.#link.id}/${sealed.responseId}?v=${sealed.version}`,
        {
          method: 'POST',
          headers,
          body: fromBase64Url(sealed.envelope)! as Uint8Array<ArrayBuffer>,
          cache: 'no-store',
        },
      );
      const body = (await response.json().catch(() => ({}))) as { refused?: SendRefusal };
      answer = { status: response.status, ...(body.refused ? { refused: body.refused } : {}) };
    } catch {
      answer = undefined; // no answer at all: offline, or the hub is down
    }
    if (answer?.status === 200) {
      await this.#settle({ ...sealed, state: 'sent' });
      return;
    }
    // Refusals that another try would not change; everything else is tried again.
    const final = answer && answer.status < 500 && answer.status !== 429 && answer.refused;
    if (final) {
      await this.#settle({ ...sealed, state: 'refused', refused: final });
      return;
    }
    this.#attempts++;
    this.state = {
      kind: 'waiting',
      attempts: this.#attempts,
      offline: typeof navigator !== 'undefined' && navigator.onLine === false,
    };
    this.#timer = this.#setTimer(() => void this.send(), retryDelay(this.#attempts));
  }

  async #settle(sealed: NonNullable<OutboxRow['sealed']>): Promise<void> {
    const row = { ...this.#row, sealed };
    // What the hub answered is true whether or not this device can note it: a later visit
    // that finds it still waiting sends it again, which the hub takes as the replay it is.
    await this.#store(row).catch(() => (this.#row = row));
    this.#showStored();
  }

  #showStored(): void {
    const sealed = this.#row.sealed;
    this.state = !sealed
      ? { kind: 'none' }
      : sealed.state === 'sent'
        ? { kind: 'sent' }
        : sealed.state === 'refused'
          ? { kind: 'refused', refused: sealed.refused ?? 'malformed' }
          : { kind: 'waiting', attempts: this.#attempts, offline: false };
  }

  /** Stores the row, and holds it as this page's only once it is stored. */
  async #store(row: OutboxRow): Promise<void> {
    await putSetting(this.#db, this.#key, row);
    this.#row = row;
  }
}
