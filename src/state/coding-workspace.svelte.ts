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
  cohensKappa,
  countsByCodeAndRole,
  defaultCodebook,
  type Code,
  type Coding,
  type Source,
  type SourceKind,
} from '../domain/coding';
import { getSetting, putSetting, type KringDb, type SettingRow } from '../storage/db';
import { DocPersistence } from '../storage/doc-persistence';
import { CodingDoc } from '../sync/coding-doc';
import { loadCodingSources, type CodingContext } from './coding-sources';

/** The update log room of the study's coding doc (bundles add to it). */
export const CODING_ROOM = 'coding';

export interface SourceFilter {
  code?: string | undefined;
  role?: string | undefined;
  school?: string | undefined;
  itemId?: string | undefined;
  kind?: SourceKind | undefined;
}

export class CodingWorkspace {
  coder = $state('');
  filter = $state.raw<SourceFilter>({});
  codebook = $state.raw<Code[]>([]);
  codings = $state.raw<Coding[]>([]);

  readonly context: CodingContext;
  readonly #db: KringDb;
  readonly #doc: CodingDoc;
  readonly #persistence: DocPersistence<SettingRow>;
  readonly #stop: () => void;

  readonly sourcesByKey = $derived(new Map(this.#sources().map((s) => [s.key, s])));
  readonly visible: Source[] = $derived.by(() => this.#filtered());
  readonly coders = $derived([...new Set(this.codings.map((c) => c.coder))].sort());
  readonly counts = $derived(countsByCodeAndRole(this.codings, this.sourcesByKey));

  private constructor(
    db: KringDb,
    doc: CodingDoc,
    context: CodingContext,
    persistence: DocPersistence<SettingRow>,
  ) {
    this.#db = db;
    this.#doc = doc;
    this.context = context;
    this.#persistence = persistence;
    this.#stop = doc.onChange(() => this.#read());
    this.#read();
  }

  static async open(db: KringDb): Promise<CodingWorkspace> {
    await db.open();
    const doc = new CodingDoc();
    const persistence = new DocPersistence<SettingRow>({
      db,
      room: CODING_ROOM,
      doc: doc.doc,
      rows: db.settings,
      rowKey: (row) => row.key,
      materialize: () => [],
    });
    await persistence.load();
    doc.seedCodebook(defaultCodebook());
    const workspace = new CodingWorkspace(db, doc, await loadCodingSources(db), persistence);
    workspace.coder = (await getSetting<string>(db, 'coderName')) ?? '';
    await persistence.whenSaved();
    return workspace;
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

  codingsOf(source: Source): Coding[] {
    return this.codings.filter((c) => c.sourceKey === source.key);
  }

  /** Cohen's kappa of two coders for a code (undefined: nothing to compare). */
  kappa(a: string, b: string, code: string): number | undefined {
    return cohensKappa(this.codings, a, b, code);
  }

  destroy(): void {
    this.#stop();
    this.#persistence.destroy();
  }

  #sources(): Source[] {
    return this.context.sources;
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
    return this.context.sources.filter(
      (s) =>
        (!coded || coded.has(s.key)) &&
        (role === undefined || s.role === role) &&
        (school === undefined || s.school === school) &&
        (itemId === undefined || s.itemId === itemId) &&
        (kind === undefined || s.kind === kind),
    );
  }

  #read(): void {
    this.codebook = this.#doc.codebook();
    this.codings = this.#doc.codings();
  }
}
