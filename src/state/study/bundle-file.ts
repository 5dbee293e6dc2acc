/**
 * Importing a bundle file read piece by piece, never whole: a study's bundle may be 100 MB, and
 * its text and its parse would both be in memory at once. The file is read as a stream and split
 * (shared/json-parts.ts) into its head, every field but `responses`, and its responses, each
 * parsed on its own:
 * 1. the head is read and checked as a bundle without responses (domain/bundle.ts);
 * 2. the responses are read and each checked as `checkBundle` checks it; on any problem nothing
 *    is stored. Checked responses are kept for step 3 up to `keepBytes` of text;
 * 3. they are stored batch by batch (state/study/bundles.ts), from what step 2 kept or, for a
 *    larger file, read and checked once more.
 */
import { checkBundleHead, type Bundle, type BundleProblem } from '../../domain/bundle';
import type { KringDb } from '../../storage/db';
import { JsonParts, JsonPartsError, type JsonPartsHandlers } from '../../shared/json-parts';
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

type Entry = Bundle['responses'][number];

/** The file could not be read (removed, or its disk gone) meanwhile. */
export class UnreadableFile extends Error {}

/** The JSON of the file is broken: said as the check says it. */
class BrokenJson extends Error {
  constructor(readonly problem: BundleProblem) {
    super('broken JSON');
  }
}

export async function importStreamedBundle(
  db: KringDb,
  file: Blob,
  options: ImportOptions & { keepBytes?: number } = {},
): Promise<ImportResult | { ok: false; unreadable: true }> {
  const timer = phaseTimer(options.onPhase);
  try {
    const head = await readHead(file);
    timer('read');
    const checked = checkBundleHead(head);
    if (!checked.ok) return checked;
    const { check, bundle } = checked;
    const problems: BundleProblem[] = [];
    let kept: Entry[] | undefined = [];
    let keptBytes = 0;
    let total = 0;
    await readResponses(file, (text, index) => {
      total++;
      if (problems.length >= MAX_PROBLEMS) return;
      const result = check(parsed(text), index);
      if (Array.isArray(result)) return void problems.push(...result);
      keptBytes += text.length;
      if (kept && keptBytes <= (options.keepBytes ?? KEEP_BYTES)) kept.push(result);
      else kept = undefined; // read again for the writes
    });
    if (problems.length > 0) return { ok: false, problems: problems.slice(0, MAX_PROBLEMS) };
    const source: ResponseSource = kept
      ? listedResponses(kept)
      : { total, batches: (size) => checkedAgain(file, check, size) };
    return await storeBundle(db, bundle, source, options, timer);
  } catch (error) {
    if (error instanceof UnreadableFile) return { ok: false, unreadable: true };
    if (error instanceof BrokenJson) return { ok: false, problems: [error.problem] };
    throw error;
  }
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new BrokenJson({ code: 'json', detail: (error as Error).message });
  }
}

/** Every field of the file but its responses, parsed; `responses` as an empty list if present. */
async function readHead(file: Blob): Promise<unknown> {
  const head: Record<string, unknown> = {};
  const parts = await readParts(file, {
    field: (key, text) => {
      head[key] = parsed(text);
      // A JSON file of another kind is not read to its end.
      if (key === 'format' && head[key] !== 'kring-bundle')
        throw new BrokenJson({ code: 'notBundle' });
    },
  });
  if (parts.arrayFound) head.responses = [];
  return head;
}

/** Calls `each` with every response's text and index, in order. */
async function readResponses(
  file: Blob,
  each: (text: string, index: number) => void,
): Promise<void> {
  let index = 0;
  await readParts(file, { field: () => {}, element: (text) => each(text, index++) });
}

/** The responses read and checked again, batch by batch (checked once already: all pass). */
async function* checkedAgain(
  file: Blob,
  check: (entry: unknown, index: number) => Entry | BundleProblem[],
  size: number,
): AsyncIterable<Entry[]> {
  const batch: Entry[] = [];
  let index = 0;
  const reader = partsReader(
    file,
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

/** Reads the whole file through a splitter; returns the splitter. */
async function readParts(file: Blob, handlers: JsonPartsHandlers): Promise<JsonParts> {
  const parts = new JsonParts('responses', handlers);
  const chunks = partsReader(file, parts)[Symbol.asyncIterator]();
  while (!(await chunks.next()).done) continue;
  return parts;
}

/**
 * Feeds the file's text to a splitter chunk by chunk, yielding after each chunk (so that a
 * caller can store what the handlers gathered before more is read).
 */
async function* partsReader(file: Blob, parts: JsonParts): AsyncIterable<void> {
  let reader: ReadableStreamDefaultReader<string>;
  try {
    reader = file.stream().pipeThrough(new TextDecoderStream()).getReader();
  } catch (error) {
    throw new UnreadableFile(String(error));
  }
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<string>;
      try {
        chunk = await reader.read();
      } catch (error) {
        throw new UnreadableFile(String(error));
      }
      if (chunk.done) break;
      parts.push(chunk.value);
      yield;
    }
    parts.end();
  } catch (error) {
    if (error instanceof JsonPartsError)
      throw new BrokenJson(
        error.atStart ? { code: 'notBundle' } : { code: 'json', detail: error.message },
      );
    throw error;
  } finally {
    void reader.cancel().catch(() => {});
  }
}
