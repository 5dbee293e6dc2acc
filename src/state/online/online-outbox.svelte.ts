/**
 * Submitted responses on their way to the hub (issue 25). Each is sealed to the study and
 * stored on the device before anything is sent; then sent, and sent again after every failure
 * (offline, hub down, too busy) until the hub confirms. "Sent" is shown only then. A refusal the
 * respondent can mend (a wrong or used access code) waits for them; one they cannot (the link
 * closed) is said plainly, and the response stays on the device.
 *
 * A link without codes takes one response per browser; a link with codes, one per code, so a
 * shared computer (a class in the computer room) takes one response after another, each sent
 * with its own code.
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

/** One sealed response, as stored until (and after) the hub confirmed it. */
interface Sealed {
  responseId: string;
  version: number;
  /** base64url */
  envelope: string;
  /** The access code it is sent with (never inside the envelope). */
  code?: string;
  state: 'waiting' | 'sent' | 'refused';
  refused?: SendRefusal;
}

/** What this browser keeps per link: its write token, the next code, its sealed responses. */
interface OutboxRow {
  /** Random; the hub keeps its hash, and only this browser can replace its responses. */
  token: string;
  /** The access code typed for the response being answered now. */
  code?: string;
  sends: Sealed[];
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
  /** Where the latest response is (the one the page speaks of). */
  state = $state.raw<SendState>({ kind: 'none' });
  /** Earlier responses on this device the hub has not confirmed yet. */
  earlierWaiting = $state(0);
  /** Responses on this device the hub has not confirmed, the latest one too. */
  unsent = $state(0);
  code = $state<string | undefined>();

  readonly #db: KringDb;
  readonly #link: RespondentLink;
  readonly #key: `onlineOutbox:${string}`;
  readonly #fetch: typeof fetch;
  readonly #setTimer: NonNullable<OutboxOptions['setTimer']>;
  readonly #clearTimer: NonNullable<OutboxOptions['clearTimer']>;
  #row: OutboxRow = { token: '', sends: [] };
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
    this.#row = held ?? { token: nanoid(), sends: [] };
    // A storage that fails now fails again when a response is stored: said then.
    if (!held) await this.#store(this.#row).catch(() => {});
    this.code = this.#row.code;
    this.#show();
    if (typeof window !== 'undefined') window.addEventListener('online', this.#online);
    if (this.#row.sends.some((s) => s.state === 'waiting')) void this.send();
  }

  close(): void {
    if (typeof window !== 'undefined') window.removeEventListener('online', this.#online);
    this.#clearTimer(this.#timer);
  }

  /** Whether this browser has a response for the link already (sent or on its way). */
  get answered(): boolean {
    return this.state.kind !== 'none';
  }

  /** Whether this response is sealed and stored here (sent or not). */
  holds(responseId: string): boolean {
    return this.#row.sends.some((s) => s.responseId === responseId);
  }

  /** Keeps the access code the respondent typed (sent with the response, never inside it). */
  async setCode(code: string): Promise<void> {
    await this.#store({ ...this.#row, code: code.trim() });
    this.code = this.#row.code;
  }

  /**
   * Seals a submitted response and stores it before the first try: from here it is sent until
   * the hub confirms, across reloads. The code typed for it goes with it; the next respondent
   * types their own. Resolves once it is stored (not sent).
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
    const version = response.submittedAt ?? response.updatedAt;
    const held = this.#row.sends.find((s) => s.responseId === response.id);
    if (held && held.version >= version) return;
    const publicKey = fromBase64Url(this.#link.publicKey);
    if (!publicKey) throw new Error('the link has no valid study key');
    const { envelope } = sealResponse(publicKey, this.#link.id, version, response);
    const sealed: Sealed = {
      responseId: response.id,
      version,
      envelope: toBase64Url(envelope),
      ...(this.#row.code ? { code: this.#row.code } : {}),
      state: 'waiting',
    };
    // The code goes with its response; the next respondent types their own.
    await this.#store({
      token: this.#row.token,
      sends: [...this.#row.sends.filter((s) => s.responseId !== response.id), sealed],
    });
    this.code = undefined;
    this.#attempts = 0;
    this.#show();
    void this.send();
  }

  /** Sends what waits now (one try at a time); schedules the next try on a failure. */
  send(): Promise<void> {
    this.#sending ??= this.#sendAll().finally(() => (this.#sending = undefined));
    return this.#sending;
  }

  /** A new access code after the hub refused the latest response's: stored, then sent again. */
  async retryWithCode(code: string): Promise<void> {
    const latest = this.#row.sends.at(-1);
    if (!latest) return;
    const mended: Sealed = {
      responseId: latest.responseId,
      version: latest.version,
      envelope: latest.envelope,
      code: code.trim(),
      state: 'waiting',
    };
    await this.#store({ ...this.#row, sends: [...this.#row.sends.slice(0, -1), mended] });
    this.#attempts = 0;
    this.#show();
    await this.send();
  }

  async #sendAll(): Promise<void> {
    this.#clearTimer(this.#timer);
    for (const sealed of this.#row.sends) {
      if (sealed.state !== 'waiting') continue;
      if (sealed === this.#row.sends.at(-1)) this.state = { kind: 'sending' };
      const answer = await this.#post(sealed);
      if (answer?.status === 200) {
        await this.#settle(sealed, { state: 'sent' });
        continue;
      }
      // Refusals that another try would not change; everything else is tried again.
      const final = answer && answer.status < 500 && answer.status !== 429 && answer.refused;
      if (final) {
        await this.#settle(sealed, { state: 'refused', refused: final });
        continue;
      }
      this.#attempts++;
      this.#show();
      this.#timer = this.#setTimer(() => void this.send(), retryDelay(this.#attempts));
      return;
    }
    this.#show();
  }

  /** The hub's answer, or undefined when there was none (offline, or the hub is down). */
  async #post(sealed: Sealed): Promise<{ status: number; refused?: SendRefusal } | undefined> {
    try {
      const headers: Record<string, string> = {
        'Content-Type': 'application/octet-stream',
        'X-Kring-Token': this.#row.token,
      };
      if (sealed.code) headers['X-Kring-Code'] = sealed.code;
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
      return { status: response.status, ...(body.refused ? { refused: body.refused } : {}) };
    } catch {
      return undefined;
    }
  }

  async #settle(sealed: Sealed, outcome: Pick<Sealed, 'state' | 'refused'>): Promise<void> {
    const settled: Sealed = {
      responseId: sealed.responseId,
      version: sealed.version,
      envelope: sealed.envelope,
      ...(sealed.code ? { code: sealed.code } : {}),
      ...outcome,
    };
    const row = { ...this.#row, sends: this.#row.sends.map((s) => (s === sealed ? settled : s)) };
    // What the hub answered is true whether or not this device can note it: a later visit
    // that finds it still waiting sends it again, which the hub takes as the replay it is.
    await this.#store(row).catch(() => (this.#row = row));
  }

  /** The page's state from what is stored: the latest response's, and how many earlier wait. */
  #show(): void {
    const sends = this.#row.sends;
    const latest = sends.at(-1);
    this.earlierWaiting = sends.slice(0, -1).filter((s) => s.state !== 'sent').length;
    this.unsent = sends.filter((s) => s.state !== 'sent').length;
    this.state = !latest
      ? { kind: 'none' }
      : latest.state === 'sent'
        ? { kind: 'sent' }
        : latest.state === 'refused'
          ? { kind: 'refused', refused: latest.refused ?? 'malformed' }
          : {
              kind: 'waiting',
              attempts: this.#attempts,
              offline: typeof navigator !== 'undefined' && navigator.onLine === false,
            };
  }

  /** Stores the row, and holds it as this page's only once it is stored. */
  async #store(row: OutboxRow): Promise<void> {
    await putSetting(this.#db, this.#key, row);
    this.#row = row;
  }
}
