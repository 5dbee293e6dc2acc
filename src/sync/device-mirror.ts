/**
 * The facilitator's side of one device's room: it watches the device's responses in the shared
 * doc, checks each changed one as untrusted input (domain/response-check.ts), hands the result
 * to the facilitator's store, and writes a receipt back into the doc so the tablet can show
 * "received by the facilitator" or that something is wrong.
 */
import * as Y from 'yjs';
import {
  checkDeviceResponse,
  type ResponseCheck,
  type SurveyLookup,
} from '../domain/response-check';
import { RECEIPTS, RESPONSES, type Receipt } from './device-doc';

/** Where checked responses go (the facilitator's own tables). */
export interface MirrorSink {
  accepted(check: Extract<ResponseCheck, { status: 'valid' }>): void;
  quarantined(check: Extract<ResponseCheck, { status: 'quarantined' }>, key: string): void;
}

/** The origin of the facilitator's own writes into a device doc. */
export const MIRROR_ORIGIN = Symbol('kring-facilitator');

export class DeviceMirror {
  readonly #doc: Y.Doc;
  readonly #responses: Y.Map<unknown>;
  readonly #receipts: Y.Map<Receipt>;
  readonly #lookup: SurveyLookup;
  readonly #sink: MirrorSink;
  readonly #now: () => number;

  readonly #stored: (() => Promise<void>) | undefined;

  /**
   * `stored`, when given, resolves once the facilitator has committed what it checked: receipts
   * are written only then, so a tablet never reads "received" for an answer the laptop could lose.
   */
  constructor(
    doc: Y.Doc,
    lookup: SurveyLookup,
    sink: MirrorSink,
    now: () => number = Date.now,
    stored?: () => Promise<void>,
  ) {
    this.#doc = doc;
    this.#stored = stored;
    this.#responses = doc.getMap(RESPONSES);
    this.#receipts = doc.getMap(RECEIPTS);
    this.#lookup = lookup;
    this.#sink = sink;
    this.#now = now;
    this.#responses.observeDeep(this.#onChange);
    this.#checkAll([...this.#responses.keys()]);
  }

  #destroyed = false;
  /** Responses checked while the facilitator could not store them: no receipt went out. */
  readonly #unconfirmed = new Set<string>();

  /** Checks again, and confirms, what could not be stored before (call once storing works again). */
  retryReceipts(): void {
    const ids = [...this.#unconfirmed];
    this.#unconfirmed.clear();
    this.#checkAll(ids);
  }

  destroy(): void {
    this.#destroyed = true;
    this.#responses.unobserveDeep(this.#onChange);
  }

  readonly #onChange = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    const ids = new Set<string>();
    for (const event of events) {
      if (event.target === this.#responses) {
        for (const key of event.changes.keys.keys()) ids.add(key);
      } else if (typeof event.path[0] === 'string') {
        ids.add(event.path[0]);
      }
    }
    this.#checkAll([...ids]);
  };

  #checkAll(ids: string[]): void {
    const receipts: [string, Receipt][] = [];
    for (const key of ids) {
      if (!this.#responses.has(key)) continue;
      const value = this.#responses.get(key);
      const raw: unknown = value instanceof Y.AbstractType ? (value.toJSON() as unknown) : value;
      const check = checkDeviceResponse(key, raw, this.#lookup);
      if (check.status === 'valid') this.#sink.accepted(check);
      else this.#sink.quarantined(check, key);
      const state = check.status === 'valid' ? 'received' : 'quarantined';
      const receipt: Receipt = { state, at: this.#now() };
      if (check.status === 'valid') receipt.seen = check.response.updatedAt;
      receipts.push([key, receipt]);
    }
    if (receipts.length === 0) return;
    const stored = this.#stored;
    if (!stored) return this.#writeReceipts(receipts);
    // Observers run before the doc's update handlers, so the write that carries this change is
    // scheduled only after this returns: ask for "saved" once it is.
    queueMicrotask(() => {
      stored().then(
        () => this.#writeReceipts(receipts),
        () => receipts.forEach(([key]) => this.#unconfirmed.add(key)),
      );
    });
  }

  #writeReceipts(receipts: [string, Receipt][]): void {
    if (this.#destroyed) return;
    this.#doc.transact(() => {
      for (const [key, receipt] of receipts) {
        const old = this.#receipts.get(key);
        if (old?.state !== receipt.state || old.seen !== receipt.seen)
          this.#receipts.set(key, receipt);
      }
    }, MIRROR_ORIGIN);
  }
}
