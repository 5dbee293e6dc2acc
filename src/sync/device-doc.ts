/**
 * The participant device's Y.Doc and its mapping to plain responses.
 *
 * Layout: root map `responses`: responseId → Y.Map with the meta fields of ResponseRecord as
 * plain values and `answers`: Y.Map of answer key → plain JSON value. Only the device writes
 * there (one writer per response); a submitted response is frozen. Root map `receipts`:
 * responseId → Receipt, written by the facilitator (sync/device-mirror.ts). Root map `session`:
 * the definition to answer and the closed flag, also from the facilitator (sync/session-channel.ts).
 */
import * as Y from 'yjs';
import type { AnswerValue } from '../domain/answers';
import type { Cursor, ResponseRecord } from '../domain/response';
import { FrozenResponseError } from '../domain/response';

type ResponseMap = Y.Map<unknown>;

export const RESPONSES = 'responses';
export const RECEIPTS = 'receipts';

/** What the facilitator says about one response it has seen. */
export interface Receipt {
  state: 'received' | 'quarantined';
  at: number;
  /** The response's `updatedAt` the facilitator stored: newer edits are not received yet. */
  seen?: number;
}
/** Any shared type, as Y.Transaction.changed keys them. */
type AnyType = Y.Transaction['changed'] extends Map<infer K, unknown> ? K : never;

export interface NewResponse {
  id: string;
  surveyId: string;
  surveyVersion: number;
  language: string;
  now: number;
}

export class DeviceDoc {
  readonly doc: Y.Doc;
  readonly #responses: Y.Map<ResponseMap>;

  constructor(doc: Y.Doc = new Y.Doc()) {
    this.doc = doc;
    this.#responses = doc.getMap(RESPONSES);
  }

  /** Whether the facilitator has stored this response as it is now (every answer, the submission). */
  isReceived(id: string): boolean {
    const receipt = this.receipt(id);
    const updatedAt = this.#responses.get(id)?.get('updatedAt');
    return (
      receipt?.state === 'received' &&
      typeof receipt.seen === 'number' &&
      typeof updatedAt === 'number' &&
      receipt.seen >= updatedAt
    );
  }

  /** The facilitator's receipt for a response, once one has come back. */
  receipt(id: string): Receipt | undefined {
    const receipt = this.doc.getMap<Receipt>(RECEIPTS).get(id);
    return receipt?.state === 'received' || receipt?.state === 'quarantined' ? receipt : undefined;
  }

  createResponse({ id, surveyId, surveyVersion, language, now }: NewResponse): void {
    if (this.#responses.has(id)) throw new Error(`Response ${id} exists already`);
    this.doc.transact(() => {
      const response: ResponseMap = new Y.Map();
      this.#responses.set(id, response);
      response.set('surveyId', surveyId);
      response.set('surveyVersion', surveyVersion);
      response.set('status', 'in-progress');
      response.set('language', language);
      response.set('startedAt', now);
      response.set('updatedAt', now);
      response.set('answers', new Y.Map());
    });
  }

  /** Sets (or with `undefined`, clears) one answer, and moves the cursor to its item. */
  setAnswer(
    id: string,
    key: string,
    value: AnswerValue | undefined,
    now: number,
    cursor?: Cursor,
  ): void {
    const response = this.#writable(id);
    this.doc.transact(() => {
      const answers = response.get('answers') as Y.Map<AnswerValue>;
      if (value === undefined) answers.delete(key);
      else answers.set(key, Array.isArray(value) ? [...(value as readonly string[])] : value);
      touch(response, now);
      if (cursor) response.set('cursor', cursor);
    });
  }

  setCursor(id: string, cursor: Cursor): void {
    const response = this.#writable(id);
    this.doc.transact(() => response.set('cursor', cursor));
  }

  setLanguage(id: string, language: string): void {
    const response = this.#writable(id);
    this.doc.transact(() => response.set('language', language));
  }

  submit(id: string, now: number): void {
    const response = this.#writable(id);
    this.doc.transact(() => {
      response.set('status', 'submitted');
      response.set('submittedAt', now);
      touch(response, now);
      response.delete('cursor');
    });
  }

  read(id: string): ResponseRecord | undefined {
    const response = this.#responses.get(id);
    return response instanceof Y.Map ? toRecord(id, response) : undefined;
  }

  list(): ResponseRecord[] {
    return [...this.#responses.entries()].flatMap(([id, response]) =>
      response instanceof Y.Map ? [toRecord(id, response)] : [],
    );
  }

  /** The ids of the responses a transaction touched (to materialize just those). */
  changedResponseIds(transaction: Y.Transaction): string[] {
    const ids = new Set<string>();
    for (const [type, keys] of transaction.changed) {
      if (type === (this.#responses as unknown as AnyType)) {
        for (const key of keys) if (key !== null) ids.add(key);
        continue;
      }
      const id = this.#responseIdOf(type);
      if (id !== undefined) ids.add(id);
    }
    return [...ids].filter((id) => this.#responses.get(id) instanceof Y.Map);
  }

  #responseIdOf(type: AnyType): string | undefined {
    let current: AnyType | null = type;
    while (current?._item) {
      const parent = current._item.parent as AnyType;
      if (parent === (this.#responses as unknown as AnyType))
        return current._item.parentSub ?? undefined;
      current = parent;
    }
    return undefined;
  }

  #writable(id: string): ResponseMap {
    const response = this.#responses.get(id);
    if (!response) throw new Error(`No response ${id}`);
    if (response.get('status') === 'submitted') throw new FrozenResponseError(id);
    return response;
  }
}

/**
 * Sets `updatedAt` to now, but always later than before: receipts compare it (`seen`), so two
 * changes within one millisecond must not look like one.
 */
function touch(response: ResponseMap, now: number): void {
  const before = response.get('updatedAt');
  response.set('updatedAt', typeof before === 'number' && before >= now ? before + 1 : now);
}

function toRecord(id: string, response: ResponseMap): ResponseRecord {
  const answers = response.get('answers') as Y.Map<AnswerValue> | undefined;
  const record: ResponseRecord = {
    id,
    surveyId: response.get('surveyId') as string,
    surveyVersion: response.get('surveyVersion') as number,
    status: response.get('status') as ResponseRecord['status'],
    language: response.get('language') as string,
    startedAt: response.get('startedAt') as number,
    updatedAt: response.get('updatedAt') as number,
    answers: answers?.toJSON() ?? {},
  };
  const submittedAt = response.get('submittedAt') as number | undefined;
  const cursor = response.get('cursor') as Cursor | undefined;
  if (submittedAt !== undefined) record.submittedAt = submittedAt;
  if (cursor !== undefined) record.cursor = cursor;
  return record;
}
