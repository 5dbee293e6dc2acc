/**
 * The coding of this laptop's study: the coding doc (persisted like every doc, so a crash loses
 * no coding), the coder's name, the sources to code with filters, and what follows from the
 * codings: counts per code and role, quotes, and agreement between coders.
 */
/* eslint-disable svelte/prefer-svelte-reactivity -- the maps and sets here are derived values,
   rebuilt whole when the codings change, never mutated. */
import { nanoid } from 'nanoid';
import {
  checkCodebook,
  codeId,
  codingsOn,
  countsByCodeAndRole,
  quotesFor,
  type Code,
  type Coding,
  type CodingBasis,
  type Quote,
  type RoleName,
  type Source,
  type SourceKind,
} from '../../domain/coding';
import { agreementIndex, kappaIn, overlapIn } from '../../domain/coding-agreement';
import type { ProjectReading } from '../../domain/exchange/refi-qda-project';
import { transcriptOfText, type Transcript } from '../../domain/transcripts/transcript';
import type { KringDb } from '../../storage/db';
import { sameItems } from '../../shared/same-items';
import { getSetting, putSetting } from '../../storage/settings';
import {
  originalOf,
  originalsKept,
  putOriginal,
  removeOriginal,
} from '../../storage/transcript-originals';
import type { CodingDoc } from '../../sync/coding-doc';
import { loadCodingSources, transcriptSource, type CodingContext } from './coding-sources';
import { openStudyCoding, type StudyCoding } from './study-coding';

export interface SourceFilter {
  code?: string | undefined;
  role?: string | undefined;
  school?: string | undefined;
  itemId?: string | undefined;
  kind?: SourceKind | undefined;
}

const NONE: readonly Coding[] = Object.freeze([]);

export class CodingWorkspace {
  coder = $state('');
  filter = $state.raw<SourceFilter>({});
  codebook = $state.raw<Code[]>([]);
  codings = $state.raw<Coding[]>([]);
  /** Whose codings the counts and quotes follow when several coders coded the same texts. */
  basis = $state.raw<CodingBasis>({ kind: 'agreed' });
  /** The study's transcripts (in the coding doc: they reach the other coders with it). */
  transcripts = $state.raw<Transcript[]>([]);
  /** The transcripts whose original text (with names) this laptop keeps, as asked. */
  originals = $state.raw<Set<string>>(new Set());

  /** The sources to code; `reloadSources()` after answers arrived (from the hub, a bundle). */
  context = $state.raw<CodingContext>({ sources: [], surveys: new Map() });
  readonly #db: KringDb;
  readonly #doc: CodingDoc;
  readonly #shared: StudyCoding;
  readonly #stop: () => void;

  readonly sourcesByKey = $derived(new Map(this.#sources().map((s) => [s.key, s])));
  readonly visible: Source[] = $derived.by(() => this.#filtered());
  readonly coders = $derived([...new Set(this.codings.map((c) => c.coder))].sort());
  /** The codings that count on the chosen basis. */
  readonly counted = $derived(codingsOn(this.codings, this.basis));
  /** Coded texts per code and role. */
  readonly counts = $derived(countsByCodeAndRole(this.counted, this.sourcesByKey));
  /** Every coder's codings indexed once for the agreement table. */
  readonly #agreement = $derived(agreementIndex(this.codings, this.sourcesByKey));
  /**
   * The codings of each source. A source whose codings did not change keeps its list (the same
   * array), so a new coding redraws only the source it codes.
   */
  readonly #bySource = $derived.by(() => this.#groupBySource());
  #lastBySource = new Map<string, Coding[]>();

  private constructor(db: KringDb, shared: StudyCoding, context: CodingContext) {
    this.#db = db;
    this.#shared = shared;
    this.#doc = shared.coding;
    this.context = context;
    this.#stop = this.#doc.onChange(() => this.#read());
    this.#read();
  }

  static async open(db: KringDb): Promise<CodingWorkspace> {
    // The coding doc and the sources are read side by side; the doc is given back on a failure.
    const opening = openStudyCoding(db);
    const context = await loadCodingSources(db).catch((error: unknown) => {
      void opening.then(
        (shared) => shared.release(),
        () => {},
      );
      throw error;
    });
    const workspace = new CodingWorkspace(db, await opening, context);
    workspace.coder = (await getSetting(db, 'coderName')) ?? '';
    workspace.originals = await originalsKept(db);
    return workspace;
  }

  async reloadSources(): Promise<void> {
    this.context = await loadCodingSources(this.#db);
  }

  get #persistence() {
    return this.#shared.persistence;
  }

  async setCoder(name: string): Promise<void> {
    this.coder = name.trim();
    await putSetting(this.#db, 'coderName', this.coder);
  }

  /** Codes a passage of a source; resolves once it is stored. */
  async code(
    source: Source,
    start: number,
    end: number,
    codes: string[],
    memo = '',
  ): Promise<void> {
    if (codes.length === 0 || !this.coder) return;
    this.#doc.addCoding({
      id: nanoid(),
      sourceKey: source.key,
      start,
      end,
      codes,
      memo: memo.trim(),
      coder: this.coder,
      at: Date.now(),
    });
    await this.#persistence.whenSaved();
  }

  /**
   * Adds a transcript as read, mapped and pseudonymised; resolves once it is stored. With
   * `original` (only when the facilitator asks), the text as it came in is kept too, on this
   * laptop alone.
   */
  async addTranscript(
    transcript: Transcript,
    original?: { text: string; fileName: string },
  ): Promise<void> {
    this.#doc.putTranscript(transcript);
    await this.#persistence.whenSaved();
    if (!original) return;
    await putOriginal(this.#db, {
      transcriptId: transcript.id,
      ...original,
      storedAt: Date.now(),
    });
    this.originals = new Set([...this.originals, transcript.id]);
  }

  /** Removes a transcript, and its original where this laptop kept it. */
  async removeTranscript(id: string): Promise<void> {
    this.#doc.removeTranscript(id);
    await this.#persistence.whenSaved();
    await this.removeOriginal(id);
  }

  /** The original text of a transcript, where this laptop keeps it. */
  async original(id: string): Promise<{ text: string; fileName: string } | undefined> {
    return originalOf(this.#db, id);
  }

  async removeOriginal(id: string): Promise<void> {
    if (!this.originals.has(id)) return;
    await removeOriginal(this.#db, id);
    this.originals = new Set([...this.originals].filter((kept) => kept !== id));
  }

  async uncode(id: string): Promise<void> {
    this.#doc.removeCoding(id);
    await this.#persistence.whenSaved();
  }

  async putCode(code: Code): Promise<void> {
    this.#doc.putCode(code);
    await this.#persistence.whenSaved();
  }

  /** Adds a code (a category, or a sub-code of one) named by its label. */
  async addCode(label: string, parent?: string, color = '#555555'): Promise<void> {
    const taken = new Set(this.codebook.map((c) => c.id));
    const code: Code = {
      id: codeId(label, parent, taken),
      label: label.trim(),
      description: '',
      color,
    };
    if (parent) code.parent = parent;
    await this.putCode(code);
  }

  async removeCode(id: string): Promise<void> {
    this.#doc.removeCode(id);
    await this.#persistence.whenSaved();
  }

  /** Adds or updates the codes of a codebook file; false when the file is not a codebook. */
  async importCodebook(text: string): Promise<boolean> {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return false;
    }
    const codes = checkCodebook(raw);
    if (!codes) return false;
    for (const code of codes) this.#doc.putCode(code);
    await this.#persistence.whenSaved();
    return true;
  }

  /**
   * Adds or updates the codes of a REFI-QDA codebook (`.qdc`, or a project's): a code whose
   * name (under the same category) is in the book already updates it; the others are added.
   * Nothing changes when the file is no codebook.
   */
  async importQdaCodebook(
    xml: string,
  ): Promise<{ ok: true; added: number; updated: number; flattened: number } | { ok: false }> {
    const { readQdaCodebook } = await import('../../domain/exchange/refi-qda-codebook');
    const reading = readQdaCodebook(xml, new Set(this.codebook.map((c) => c.id)));
    if (!reading.ok) return { ok: false };
    let merged = { added: 0, updated: 0 };
    this.#doc.batch(() => (merged = this.#mergeCodes(reading.codes)));
    const { added, updated } = merged;
    await this.#persistence.whenSaved();
    return { ok: true, added, updated, flattened: reading.flattened };
  }

  /**
   * Adds a REFI-QDA project's texts as transcripts (speakers read from their lines) with their
   * codings, its codes merged into the book by name. A text this laptop exported itself (the
   * same GUID) is here already and is left as it is. Importing twice doubles nothing.
   */
  async importQdaProject(
    reading: Extract<ProjectReading, { ok: true }>,
    roleOf: (speaker: string) => string | undefined,
  ): Promise<{ texts: number; codings: number; here: number }> {
    const { guidOf } = await import('../../domain/exchange/xml');
    const ours = new Set([...this.sourcesByKey.keys()].map((key) => guidOf(`source:${key}`)));
    let texts = 0;
    let codings = 0;
    let here = 0;
    // One update for the whole project: one save, one redraw.
    this.#doc.batch(() => {
      const { bookId } = this.#mergeCodes(reading.codes);
      for (const given of reading.texts) {
        if (ours.has(given.guid)) {
          here++;
          continue;
        }
        if (!given.text.trim()) continue;
        const { transcript, place } = transcriptOfText(
          {
            id: `qda-${given.guid}`,
            title: given.name || given.guid,
            school: given.variables.get('School') ?? given.variables.get('school') ?? '',
            text: given.text,
            createdAt: Date.now(),
          },
          roleOf,
        );
        this.#doc.putTranscript(transcript);
        texts++;
        for (const selection of given.selections) {
          this.#doc.addCoding({
            id: `qda-${selection.id}`,
            sourceKey: `transcript/${transcript.id}`,
            start: place(selection.start),
            end: place(selection.end),
            codes: selection.codes.map((id) => bookId.get(id) ?? id),
            memo: selection.memo.slice(0, 5000),
            coder: selection.coder.slice(0, 100),
            at: selection.at,
          });
          codings++;
        }
      }
    });
    await this.#persistence.whenSaved();
    return { texts, codings, here };
  }

  /** Codes from a file merged into the book by name (under the same category); the file's ids → the book's. */
  #mergeCodes(codes: readonly Code[]): {
    added: number;
    updated: number;
    bookId: Map<string, string>;
  } {
    const key = (label: string, parentLabel = '') =>
      `${parentLabel.toLocaleLowerCase()}\u0000${label.toLocaleLowerCase()}`;
    const labelOf = (codes: readonly Code[], id?: string) => codes.find((c) => c.id === id)?.label;
    const held = new Map(
      this.codebook.map((c) => [key(c.label, labelOf(this.codebook, c.parent)), c]),
    );
    const idOf = new Map<string, string>(); // the file's id → the book's
    let added = 0;
    let updated = 0;
    for (const code of codes) {
      const parent = code.parent ? idOf.get(code.parent) : undefined;
      const same = held.get(key(code.label, labelOf(codes, code.parent)));
      const id = same?.id ?? code.id;
      idOf.set(code.id, id);
      if (same) updated++;
      else added++;
      this.#doc.putCode({ ...code, id, ...(parent ? { parent } : {}) });
    }
    return { added, updated, bookId: idOf };
  }

  codingsOf(source: Source): readonly Coding[] {
    return this.#bySource.get(source.key) ?? NONE;
  }

  #groupBySource(): Map<string, Coding[]> {
    const next = new Map<string, Coding[]>();
    for (const coding of this.codings) {
      const list = next.get(coding.sourceKey);
      if (list) list.push(coding);
      else next.set(coding.sourceKey, [coding]);
    }
    for (const [key, list] of next) {
      const last = this.#lastBySource.get(key);
      if (last && sameItems(last, list)) next.set(key, last);
    }
    this.#lastBySource = next;
    return next;
  }

  /** The quotes of a code on the chosen basis, as the study prints them. */
  quotes(
    code: string,
    roleName: RoleName,
    anonymous: string,
    join?: (names: string[]) => string,
  ): Quote[] {
    return quotesFor(code, this.counted, this.sourcesByKey, roleName, anonymous, join);
  }

  /** Cohen's kappa of two coders for a code (undefined: nothing to compare). */
  kappa(a: string, b: string, code: string): number | undefined {
    return kappaIn(this.#agreement, a, b, code);
  }

  /** The share of the characters two coders gave a code in transcripts that both coded with it. */
  overlap(a: string, b: string, code: string): number | undefined {
    return overlapIn(this.#agreement, a, b, code);
  }

  destroy(): void {
    this.#stop();
    this.#shared.release();
  }

  #sources(): Source[] {
    return [...this.transcripts.map(transcriptSource), ...this.context.sources];
  }

  #filtered(): Source[] {
    const { code, role, school, itemId, kind } = this.filter;
    const coded = code
      ? new Set(
          this.codings
            .filter((c) => c.codes.some((x) => x === code || x.startsWith(`${code}.`)))
            .map((c) => c.sourceKey),
        )
      : undefined;
    return this.#sources().filter(
      (s) =>
        (!coded || coded.has(s.key)) &&
        (role === undefined || s.role === role || !!s.turns?.some((t) => t.role === role)) &&
        (school === undefined || s.school === school) &&
        (itemId === undefined || s.itemId === itemId) &&
        (kind === undefined || s.kind === kind),
    );
  }

  #read(): void {
    this.codings = this.#doc.codings();
    // Only when they changed: a new coding leaves the codebook and every transcript as they are.
    const codebook = this.#doc.codebook();
    if (!sameItems(codebook, this.codebook)) this.codebook = codebook;
    const transcripts = this.#doc.transcripts();
    if (!sameItems(transcripts, this.transcripts)) this.transcripts = transcripts;
  }
}
