/**
 * The survey editor's state: the draft, its undo/redo history, its validation (the same
 * validator as a file import, run on every change), saving as it changes (a crash loses
 * nothing), and publishing: a valid draft becomes a questionnaire for sessions, frozen; the next
 * publication of the same survey is a new version.
 */
import { nanoid } from 'nanoid';
import { History } from '../domain/authoring/history';
import {
  fillMissingTranslations,
  missingTranslations,
  type MissingTranslation,
} from '../domain/authoring/languages';
import type { Draft } from '../domain/authoring/operations';
import { compareVersions, type ItemChange } from '../domain/authoring/versions';
import { validateSurvey, type ValidationResult } from '../domain/survey-validate';
import type { KringDb, SurveyRow } from '../storage/db';

export class SurveyEditor {
  draft = $state.raw<Draft>() as Draft;
  canUndo = $state(false);
  canRedo = $state(false);
  saved = $state(true);

  readonly id: string;
  readonly #db: KringDb;
  readonly #history: History<Draft>;
  #coalesce: string | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** Publish although translations are missing (they show the first language's text). */
  acceptMissing = $state(false);

  /** Texts written in one language but not yet in another (they block publishing unless accepted). */
  readonly missingTranslations: MissingTranslation[] = $derived(missingTranslations(this.draft));
  /** The definition as it would be published: missing translations filled from another language. */
  readonly publishable: Draft = $derived(fillMissingTranslations(this.draft));
  /** The same validator as a file import; a missing translation is listed apart, not here. */
  readonly validation: ValidationResult = $derived(validateSurvey(this.publishable));
  readonly canPublish = $derived(
    this.validation.ok && (this.missingTranslations.length === 0 || this.acceptMissing),
  );

  private constructor(db: KringDb, id: string, draft: Draft) {
    this.#db = db;
    this.id = id;
    this.draft = draft;
    this.#history = new History(draft);
  }

  /** Opens a saved draft, or starts one from a definition (a copy: the original stays as it is). */
  static async open(db: KringDb, id: string, from?: Draft): Promise<SurveyEditor | undefined> {
    const saved = await db.drafts.get(id);
    const draft = (saved?.draft as Draft | undefined) ?? from;
    if (!draft) return undefined;
    const editor = new SurveyEditor(db, id, structuredClone(draft));
    if (!saved) await editor.#save();
    return editor;
  }

  /** A change; `coalesce` joins quick edits of the same field into one undo step. */
  apply(change: (draft: Draft) => Draft, coalesce?: string): void {
    const next = change(this.draft);
    if (next === this.draft) return;
    if (coalesce && coalesce === this.#coalesce && this.#history.canUndo) {
      this.#history.undo();
    }
    this.#coalesce = coalesce;
    this.#set(this.#history.push(next));
  }

  undo(): void {
    this.#coalesce = undefined;
    this.#set(this.#history.undo());
  }

  redo(): void {
    this.#coalesce = undefined;
    this.#set(this.#history.redo());
  }

  /**
   * What changed against the latest published version of this survey, item by item (which
   * changes keep answers comparable), once there is one; undefined before a first publication.
   */
  async changesSincePublished(): Promise<ItemChange[] | undefined> {
    const checked = this.validation;
    if (!checked.ok) return undefined;
    const earlier = await this.#db.surveys.where('surveyId').equals(checked.survey.id).toArray();
    const latest = earlier.sort((a, b) => b.version - a.version)[0];
    const before = latest && validateSurvey(latest.definition);
    return before?.ok ? compareVersions(before.survey, checked.survey) : undefined;
  }

  /**
   * Publishes a valid draft as a questionnaire — fully translated, or with the missing
   * translations accepted — and returns it; undefined when it may not be published.
   */
  async publish(now: () => number = Date.now): Promise<SurveyRow | undefined> {
    const checked = this.validation;
    if (!checked.ok || !this.canPublish) return undefined;
    await this.flush();
    const earlier = await this.#db.surveys.where('surveyId').equals(checked.survey.id).toArray();
    const same = earlier.find((row) => row.definition === JSON.stringify(this.publishable));
    if (same) return same;
    const version = Math.max(checked.survey.version, ...earlier.map((r) => r.version + 1));
    const definition = JSON.stringify({ ...this.publishable, version });
    const row: SurveyRow = {
      id: nanoid(),
      surveyId: checked.survey.id,
      version,
      definition,
      source: 'json',
      fileName: `${checked.survey.id}-v${version}.json`,
      addedAt: now(),
    };
    await this.#db.surveys.add(row);
    this.apply((d) => ({ ...d, version }));
    return row;
  }

  /** Saves what is pending now (before leaving the page, say). */
  async flush(): Promise<void> {
    clearTimeout(this.#timer);
    await this.#save();
  }

  #set(draft: Draft): void {
    this.draft = draft;
    this.canUndo = this.#history.canUndo;
    this.canRedo = this.#history.canRedo;
    this.saved = false;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.#save(), 300);
  }

  async #save(): Promise<void> {
    await this.#db.drafts.put({ id: this.id, draft: this.draft, updatedAt: Date.now() });
    this.saved = true;
  }
}
