/**
 * Splits a JSON document whose top level is an object, as its UTF-8 bytes arrive chunk by chunk,
 * into its top-level fields and, for one array field, that array's elements, each handed over as
 * its own text. The caller parses each piece with `JSON.parse`: native parsing, far quicker than
 * a tokenizer written in JavaScript (the streaming JSON libraries), and never the whole document
 * in memory at once (a study's 100 MB bundle, state/study/bundle-file.ts).
 *
 * Each chunk is decoded whole (one native call; decoding each piece on its own cost more than
 * the rest of the split, as each call has its price) and its characters followed; a piece is a
 * slice of the chunk's text, or joined from several chunks' when it runs over them.
 *
 * Only the structure is followed here (nesting, strings and their escapes); what is inside a
 * piece is for `JSON.parse` to judge.
 */

export interface JsonPartsHandlers {
  /** A top-level field other than the array field: its key and its value's text. */
  field(key: string, text: string): void;
  /**
   * One element of the array field, as text, in order. Without it, elements are skipped and
   * their text is never made (a pass that reads only the other fields).
   */
  element?(text: string): void;
}

/** The document's structure is broken at `offset` (characters from its start, BOM excluded). */
export class JsonPartsError extends Error {
  constructor(
    message: string,
    readonly offset: number,
    /** Nothing but white space came before: the document is not an object. */
    readonly atStart = false,
  ) {
    super(`${message} at character ${offset}`);
    this.name = 'JsonPartsError';
  }
}

type Mode =
  | 'start'
  | 'firstKey'
  | 'key'
  | 'colon'
  | 'value'
  | 'afterValue'
  | 'firstElement'
  | 'element'
  | 'afterElement'
  | 'done';

/** What is being captured: a key, a field's value or an element. */
type Capture = 'key' | 'value' | 'element';

const QUOTE = 0x22;
const QUOTE_CHAR = '"';
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** How many backslashes come right before `at`, looking back no further than `from`. */
function backslashesBefore(text: string, at: number, from: number): number {
  let b = at;
  while (b > from && text.charCodeAt(b - 1) === BACKSLASH) b--;
  return at - b;
}

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

export class JsonParts {
  #mode: Mode = 'start';
  #key = '';
  /** Characters of the document before the current chunk (for error offsets). */
  #before = 0;
  // The capture in progress, which may run over several chunks.
  #capture: Capture | undefined;
  #pieces: string[] = [];
  /** UTF-8 (a byte-order mark dropped), a character cut between two chunks joined. */
  readonly #decoder = new TextDecoder();
  #from = 0;
  #kind: 'string' | 'nested' | 'literal' = 'literal';
  #depth = 0;
  #inString = false;
  #escaped = false;

  constructor(
    /** The top-level field whose array is handed over element by element. */
    readonly arrayField: string,
    /** May change while reading (an element handler set once the caller can use elements). */
    readonly handlers: JsonPartsHandlers,
  ) {}

  /** Whether the array field was found as an array (perhaps an empty one). */
  arrayFound = false;

  /** Reads the next chunk of the document's bytes. */
  push(bytes: Uint8Array): void {
    this.#read(this.#decoder.decode(bytes, { stream: true }));
  }

  /** Says the document has ended; throws if it ended before its last `}`. */
  end(): void {
    this.#read(this.#decoder.decode());
    if (this.#mode !== 'done')
      throw new JsonPartsError('The document ends too early', this.#before, this.#mode === 'start');
  }

  #read(chunk: string): void {
    let i = 0;
    const n = chunk.length;
    while (i < n) {
      if (this.#capture) {
        const end = this.#scan(chunk, i);
        if (end < 0) break;
        const capture = this.#capture;
        const text = this.#keeps(capture) ? this.#text(chunk.slice(this.#from, end)) : '';
        this.#pieces = [];
        this.#capture = undefined;
        this.#captured(capture, text);
        i = end;
        continue;
      }
      const c = chunk.charCodeAt(i);
      i = isSpace(c) ? i + 1 : this.#step(c, i);
    }
    if (this.#capture) {
      if (this.#keeps(this.#capture)) this.#pieces.push(chunk.slice(this.#from));
      this.#from = 0;
    }
    this.#before += n;
  }

  /** Reads the structural character `c` at `i`; returns where reading goes on. */
  #step(c: number, i: number): number {
    switch (this.#mode) {
      case 'start':
        if (c !== OPEN_BRACE) this.#fail('Expected an object', i, true);
        this.#mode = 'firstKey';
        return i + 1;
      case 'firstKey':
      case 'key':
        if (c === CLOSE_BRACE && this.#mode === 'firstKey') return this.#to('done', i);
        if (c !== QUOTE) this.#fail('Expected a key', i);
        return this.#begin('key', c, i);
      case 'colon':
        if (c !== COLON) this.#fail('Expected ":"', i);
        return this.#to('value', i);
      case 'value':
        if (this.#key === this.arrayField && c === OPEN_BRACKET) {
          this.arrayFound = true;
          return this.#to('firstElement', i);
        }
        return this.#begin('value', c, i);
      case 'afterValue':
        if (c === COMMA) return this.#to('key', i);
        if (c === CLOSE_BRACE) return this.#to('done', i);
        return this.#fail('Expected "," or "}"', i);
      case 'firstElement':
        if (c === CLOSE_BRACKET) return this.#to('afterValue', i);
        return this.#begin('element', c, i);
      case 'element':
        return this.#begin('element', c, i);
      case 'afterElement':
        if (c === COMMA) return this.#to('element', i);
        if (c === CLOSE_BRACKET) return this.#to('afterValue', i);
        return this.#fail('Expected "," or "]"', i);
      case 'done':
        return this.#fail('Unexpected text after the document', i);
    }
  }

  #to(mode: Mode, i: number): number {
    this.#mode = mode;
    return i + 1;
  }

  /**
   * Starts capturing a key, value or element whose first character `c` is at `i`; returns where
   * its scan goes on (a string's or a nested value's opening character is read here).
   */
  #begin(capture: Capture, c: number, i: number): number {
    if (c === CLOSE_BRACE || c === CLOSE_BRACKET || c === COMMA || c === COLON)
      this.#fail('Expected a value', i);
    this.#capture = capture;
    this.#from = i;
    this.#escaped = false;
    this.#inString = false;
    this.#depth = 1;
    this.#kind =
      c === QUOTE ? 'string' : c === OPEN_BRACE || c === OPEN_BRACKET ? 'nested' : 'literal';
    return this.#kind === 'literal' ? i : i + 1;
  }

  /** The end (exclusive) of the capture in `chunk` from `i`, or -1 if it runs on. */
  #scan(chunk: string, i: number): number {
    const n = chunk.length;
    if (this.#kind === 'literal') {
      for (; i < n; i++) {
        const c = chunk.charCodeAt(i);
        if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || c === COLON || isSpace(c))
          return i;
      }
      return -1;
    }
    while (i < n) {
      if (this.#kind === 'string' || this.#inString) {
        const end = this.#stringEnd(chunk, i);
        if (end < 0) return -1;
        if (this.#kind === 'string') return end;
        this.#inString = false;
        i = end;
        continue;
      }
      const c = chunk.charCodeAt(i++);
      if (c === QUOTE) this.#inString = true;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.#depth++;
      else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && --this.#depth === 0) return i;
    }
    return -1;
  }

  /**
   * Inside a string from `i`: the index after its closing quote, or -1 if it runs past the
   * chunk. Jumps from quote to quote (`indexOf`, native) and counts the backslashes before each:
   * most of a bundle's text is inside strings.
   */
  #stringEnd(chunk: string, i: number): number {
    const n = chunk.length;
    if (this.#escaped) {
      // The previous chunk ended on a backslash: this chunk's first character is escaped.
      this.#escaped = false;
      i++;
    }
    for (;;) {
      const quote = chunk.indexOf(QUOTE_CHAR, i);
      if (quote < 0) {
        this.#escaped = backslashesBefore(chunk, n, i) % 2 === 1;
        return -1;
      }
      if (backslashesBefore(chunk, quote, i) % 2 === 0) return quote + 1;
      i = quote + 1;
    }
  }

  #captured(capture: Capture, text: string): void {
    if (capture === 'key') {
      this.#key = JSON.parse(text) as string;
      this.#mode = 'colon';
    } else if (capture === 'value') {
      this.#mode = 'afterValue';
      this.handlers.field(this.#key, text);
    } else {
      this.#mode = 'afterElement';
      this.handlers.element?.(text);
    }
  }

  /** A capture's text: its pieces from earlier chunks and its `last` part. */
  #text(last: string): string {
    return this.#pieces.length === 0 ? last : this.#pieces.join('') + last;
  }

  /** Whether a capture's text is wanted (an element's only with a handler for it). */
  #keeps(capture: Capture): boolean {
    return capture !== 'element' || this.handlers.element !== undefined;
  }

  #fail(message: string, i: number, atStart = false): never {
    throw new JsonPartsError(message, this.#before + i, atStart);
  }
}
