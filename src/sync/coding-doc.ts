/**
 * The coding of a study as a Y.Doc, so that several coders on different laptops code offline
 * and merge without losing work: every coding is its own entry (random id, one writer), and
 * the codebook is a map of codes. Merging two coders' docs (a bundle carries the doc's state)
 * gives the union of their codings; an edited code keeps the latest edit.
 *
 * Another coder's entries (from a bundle or the hub) are untrusted: reading copies each code and
 * coding field by field and leaves out what is malformed, so one bad entry breaks no view.
 */
import * as Y from 'yjs';
import { parseCode, checkCoding, type Code, type Coding } from '../domain/coding';
import { checkTranscript, type Transcript } from '../domain/transcripts/transcript';

export const CODEBOOK = 'codebook';
export const CODINGS = 'codings';
/** The study's transcripts (issue 24), each whole under its id: they travel with the coding. */
export const TRANSCRIPTS = 'transcripts';

export class CodingDoc {
  readonly doc: Y.Doc;
  /** Each stored transcript as checked: a transcript is large and changes rarely, codings often. */
  /**
   * Each value from the doc is checked once: an unchanged transcript or coding is the same
   * object at every read, so the views that show it are not redrawn.
   */
  readonly #checked = new WeakMap<object, unknown>();

  #once<T>(raw: unknown, check: (raw: unknown) => T | undefined): T | undefined {
    if (typeof raw !== 'object' || raw === null) return undefined;
    if (!this.#checked.has(raw)) this.#checked.set(raw, check(raw));
    return this.#checked.get(raw) as T | undefined;
  }

  constructor(doc: Y.Doc = new Y.Doc()) {
    this.doc = doc;
  }

  get #codes(): Y.Map<Code> {
    return this.doc.getMap<Code>(CODEBOOK);
  }

  get #codings(): Y.Map<Coding> {
    return this.doc.getMap<Coding>(CODINGS);
  }

  get #transcripts(): Y.Map<Transcript> {
    return this.doc.getMap<Transcript>(TRANSCRIPTS);
  }

  /** The transcripts, oldest first; a malformed one (another laptop's) is left out. */
  transcripts(): Transcript[] {
    return [...this.#transcripts.values()]
      .flatMap((raw) => this.#once(raw, checkTranscript) ?? [])
      .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  }

  putTranscript(transcript: Transcript): void {
    this.#transcripts.set(transcript.id, transcript);
  }

  removeTranscript(id: string): void {
    this.#transcripts.delete(id);
  }

  codebook(): Code[] {
    return [...this.#codes.values()].flatMap((raw) => this.#once(raw, parseCode) ?? []);
  }

  /** Fills an empty codebook (a study's first coder starts from the framework). */
  seedCodebook(codes: Code[]): void {
    if (this.#codes.size > 0) return;
    this.doc.transact(() => codes.forEach((code) => this.#codes.set(code.id, code)));
  }

  putCode(code: Code): void {
    this.#codes.set(code.id, code);
  }

  removeCode(id: string): void {
    this.#codes.delete(id);
  }

  codings(): Coding[] {
    return [...this.#codings.values()]
      .flatMap((raw) => this.#once(raw, checkCoding) ?? [])
      .sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
  }

  addCoding(coding: Coding): void {
    this.#codings.set(coding.id, coding);
  }

  removeCoding(id: string): void {
    this.#codings.delete(id);
  }

  /** The whole state, to carry in a bundle. */
  encode(): Uint8Array {
    return Y.encodeStateAsUpdate(this.doc);
  }

  /** Merges another coder's state in (idempotent: merging twice changes nothing). */
  merge(update: Uint8Array, origin?: unknown): void {
    Y.applyUpdate(this.doc, update, origin);
  }

  /** Makes several changes one update (an import's hundreds of codings: one save, one redraw). */
  batch(change: () => void): void {
    this.doc.transact(change);
  }

  onChange(listener: () => void): () => void {
    this.doc.on('update', listener);
    return () => this.doc.off('update', listener);
  }
}
