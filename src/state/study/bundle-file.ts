/**
 * Importing a bundle file read piece by piece, never whole: a study's bundle may be 100 MB, and
 * its text and its parse would both be in memory at once. The file is read as a stream and split
 * (shared/json-parts.ts) into its head, every field but `responses`, and its responses, each
 * parsed on its own:
 * 1. the head is read and checked as a bundle without responses (domain/bundle.ts), and each
 *    response as `checkBundle` checks it: in the same pass when the sessions come first (as
 *    Kring writes them), else in a second. On any problem nothing is stored. Checked responses
 *    are kept for step 2 up to `keepBytes` of text;
 * 2. they are stored batch by batch (state/study/bundles.ts), from what step 1 kept or, for a
 *    larger file, read and checked once more.
 */
import { checkBundleHead, type BundleProblem, type BundleResponse } from '../../domain/bundle';
import type { KringDb } from '../../storage/db';
import { JsonParts, JsonPartsError } from '../../shared/json-parts';
import {
  listedResponses,
  phaseTimer,
  storeBundle,
  type ImportOptions,
  type ImportResult,
  type ResponseSource,
} from './bundles';

/** Responses (as text) kept from the check for the writes: above this, the file is read again. */
export const KEEP_BYTES = 32 * 1024 * 1024;

const MAX_PROBLEMS = 50;

/** How much of the file is read at a time. */
const SLICE_BYTES = 4 * 1024 * 1024;

/** The file, and how much of it is read at a time. */
interface Input {
  file: Blob;
  sliceBytes: number;
}

/** The file could not be read (removed, or its disk gone) meanwhile. */
class UnreadableFile extends Error {}

/** The JSON of the file is broken: said as the check says it. */
class BrokenJson extends Error {
  constructor(readonly problem: BundleProblem) {
    super('broken JSON');
  }
}

export async function importStreamedBundle(
  db: KringDb,
  file: Blob,
  options: ImportOptions & {
    /** Responses' text kept from the check for the writes, at most (default KEEP_BYTES). */
    keepBytes?: number;
    /** Bytes read at a time (default SLICE_BYTES). */
    sliceBytes?: number;
  } = {},
): Promise<ImportResult | { ok: false; unreadable: true }> {
  const timer = phaseTimer(options.onPhase);
  const input: Input = { file, sliceBytes: options.sliceBytes ?? SLICE_BYTES };
  const responses = new CheckedResponses(options.keepBytes ?? KEEP_BYTES);
  try {
    const { head, checkedResponses } = await readHead(input, responses);
    timer('read');
    const checked = checkBundleHead(head);
    if (!checked.ok) return checked;
    const { check, bundle } = checked;
    // Responses before the sessions (not Kring's order): checked in a pass of their own.
    if (!checkedResponses) await readResponses(input, (text) => responses.add(check, text));
    if (responses.problems.length > 0)
      return { ok: false, problems: responses.problems.slice(0, MAX_PROBLEMS) };
    const { kept, total } = responses;
    const source: ResponseSource = kept
      ? listedResponses(kept)
      : { total, batches: (size) => checkedAgain(input, check, size) };
    return await storeBundle(db, bundle, source, options, timer);
  } catch (error) {
    if (error instanceof UnreadableFile) return { ok: false, unreadable: true };
    if (error instanceof BrokenJson) return { ok: false, problems: [error.problem] };
    throw error;
  }
}

type ResponseCheck = (entry: unknown, index: number) => BundleResponse | BundleProblem[];

/** The responses as checked: how many, the problems, and those kept for the writes. */
class CheckedResponses {
  total = 0;
  problems: BundleProblem[] = [];
  /** Kept while their text stays under the limit; past it, none (the file is read again). */
  kept: BundleResponse[] | undefined = [];
  #bytes = 0;

  constructor(readonly keepBytes: number) {}

  add(check: ResponseCheck, text: string): void {
    const index = this.total++;
    if (this.problems.length >= MAX_PROBLEMS) return;
    const result = check(parsed(text), index);
    if (Array.isArray(result)) return void this.problems.push(...result);
    this.#bytes += text.length;
    if (this.kept && this.#bytes <= this.keepBytes) this.kept.push(result);
    else this.kept = undefined;
  }
}

/**
 * The record lists, empty: a head whose sessions have just been read may not have reached its
 * lists yet, and its sessions are checked at once.
 */
const NO_RECORDS = { discussions: [], reactions: [], notes: [], moderation: [] };

function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new BrokenJson({ code: 'json', detail: (error as Error).message });
  }
}

/**
 * Every field of the file but its responses, parsed (`responses` as an empty list if present).
 * When the sessions come before the responses, as Kring writes them, the responses are checked
 * in the same pass, against the sessions as the head's check checks them.
 */
async function readHead(
  input: Input,
  responses: CheckedResponses,
): Promise<{ head: unknown; checkedResponses: boolean }> {
  const head: Record<string, unknown> = {};
  const parts = new JsonParts('responses', {
    field: (key, text) => {
      head[key] = parsed(text);
      // A JSON file of another kind is not read to its end.
      if (key === 'format' && head[key] !== 'kring-bundle')
        throw new BrokenJson({ code: 'notBundle' });
      if (key !== 'sessions' || parts.arrayFound) return;
      const sessions = checkBundleHead({ ...NO_RECORDS, ...head, responses: [] });
      if (sessions.ok)
        parts.handlers.element = (response) => responses.add(sessions.check, response);
    },
  });
  await readParts(input, parts);
  if (parts.arrayFound) head.responses = [];
  return { head, checkedResponses: parts.handlers.element !== undefined };
}

/** Calls `each` with every response's text, in order. */
async function readResponses(input: Input, each: (text: string) => void): Promise<void> {
  await readParts(input, new JsonParts('responses', { field: () => {}, element: each }));
}

/** The responses read and checked again, batch by batch (checked once already: all pass). */
async function* checkedAgain(
  input: Input,
  check: ResponseCheck,
  size: number,
): AsyncIterable<BundleResponse[]> {
  const batch: BundleResponse[] = [];
  let index = 0;
  const reader = partsReader(
    input,
    new JsonParts('responses', {
      field: () => {},
      element: (text) => {
        const result = check(parsed(text), index++);
        // The file changed between the two reads.
        if (Array.isArray(result)) throw new UnreadableFile('the file changed while it was read');
        batch.push(result);
      },
    }),
  );
  const chunks = reader[Symbol.asyncIterator]();
  while (!(await chunks.next()).done) while (batch.length >= size) yield batch.splice(0, size);
  if (batch.length > 0) yield batch;
}

/** Reads the whole file through a splitter. */
async function readParts(input: Input, parts: JsonParts): Promise<void> {
  const chunks = partsReader(input, parts)[Symbol.asyncIterator]();
  while (!(await chunks.next()).done) continue;
}

/**
 * Feeds the file's bytes to a splitter a slice (a few megabytes) at a time, yielding after each
 * slice so that a caller can store what the handlers gathered before more is read.
 */
async function* partsReader({ file, sliceBytes }: Input, parts: JsonParts): AsyncIterable<void> {
  try {
    for (let at = 0; at < file.size; at += sliceBytes) {
      let bytes: ArrayBuffer;
      try {
        bytes = await file.slice(at, at + sliceBytes).arrayBuffer();
      } catch (error) {
        throw new UnreadableFile(String(error));
      }
      parts.push(new Uint8Array(bytes));
      yield;
    }
    parts.end();
  } catch (error) {
    if (error instanceof JsonPartsError)
      throw new BrokenJson(
        error.atStart ? { code: 'notBundle' } : { code: 'json', detail: error.message },
      );
    throw error;
  }
}
