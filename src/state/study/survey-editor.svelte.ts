/**
 * The survey editor's state: the draft, its undo/redo history, its validation (the same
 * validator as a file import, run on every change), saving as it changes (a crash loses
 * nothing), and publishing: a valid draft becomes a questionnaire for sessions, frozen; the next
 * publication of the same survey is a new version.
 */
import { nanoid } from 'nanoid';
import { History } from '../../domain/authoring/history';
import {
  fillMissingTranslations,
  missingTranslations,
  type MissingTranslation,
} from '../../domain/authoring/languages';
import {
  blankSurvey,
  copySurvey,
  uniqueSurveyId,
  type Draft,
} from '../../domain/authoring/operations';
import { withIntroToWrite } from '../../domain/intro-texts';
import { compareVersions, type ItemChange } from '../../domain/authoring/versions';
import { validateSurvey, type ValidationResult } from '../../domain/survey-validate';
import type { Survey } from '../../domain/survey-schema';
import {
  addSurvey,
  getDraft,
  getSurvey,
  putDraft,
  surveysNewestFirst,
  surveyVersions,
} from '../../storage/survey-store';
import type { KringDb, SurveyRow } from '../../storage/db';
import { BUNDLED_SURVEY_URL } from './survey-source';
import { problemOf, type ProblemKind } from '../problems';

/** `from` for the study's bundled questionnaire. */
export const BUNDLED_SOURCE = 'bundled';

export class SurveyEditor {
  draft = $state.raw<Draft>() as Draft;
  canUndo = $state(false);
  canRedo = $state(false);
  saved = $state(true);
  /** Why the last save failed (a full disk, say); the draft stays here and the next save retries. */
  saveProblem: ProblemKind | undefined = $state();

  readonly id: string;
  readonly #db: KringDb;
  readonly #history: History<Draft>;
  #coalesce: string | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** The last move was refused: it would have put a question before an answer it depends on. */
  moveRefused = $state(false);

  /** Moves parts or questions; a move the operations refuse is said, not silently dropped. */
  move(change: (draft: Draft) => Draft): void {
    const before = this.draft;
    this.apply(change);
    this.moveRefused = this.draft === before;
  }

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

  /** A published definition outside the library this draft started from (JSON). */
  readonly #basis: string | undefined;

  private constructor(db: KringDb, id: string, draft: Draft, basis: string | undefined) {
    this.#db = db;
    this.id = id;
    this.draft = draft;
    this.#basis = basis;
    this.#history = new History(draft);
  }

  /**
   * Opens a saved draft, or starts one from a definition (a copy: the original stays as it is).
   * `basis`: the published definition it starts from when that is not in the library (the
   * bundled study's), so changes are compared with it and publishing makes a later version.
   */
  /**
   * Opens the draft `id`. A draft not saved yet starts from `options.from`: a library row's id,
   * or `bundled` for the study's questionnaire; its next version, or with `copy` a new
   * questionnaire. Without one, it starts blank.
   */
  static async openFrom(
    db: KringDb,
    id: string,
    options: { from?: string | undefined; copy?: boolean; fetcher?: typeof fetch } = {},
  ): Promise<SurveyEditor | undefined> {
    const { from, copy = false, fetcher = fetch } = options;
    // Ids of questionnaires already here: a new one or a copy must not become their next version.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local lookup, not state
    const taken = new Set((await surveysNewestFirst(db)).map((row) => row.surveyId));
    let base: Draft | undefined;
    let basis: string | undefined;
    if (from) {
      const definition =
        from === BUNDLED_SOURCE
          ? await fetcher(BUNDLED_SURVEY_URL)
              .then((r) => (r.ok ? r.text() : undefined))
              .catch(() => undefined)
          : (await getSurvey(db, from))?.definition;
      const checked = definition === undefined ? undefined : validateSurvey(definition);
      // An imported form's stand-in intro ("…") opens as still to write.
      if (checked?.ok)
        base = withIntroToWrite(copy ? copySurvey(checked.survey, taken) : checked.survey);
      // The bundled study is not in the library: the editor must know it was published.
      if (from === BUNDLED_SOURCE && !copy) basis = definition;
    }
    base ??= { ...blankSurvey(), id: uniqueSurveyId('vragenlijst', taken) };
    return SurveyEditor.open(db, id, base, basis);
  }

  static async open(
    db: KringDb,
    id: string,
    from?: Draft,
    basis?: string,
  ): Promise<SurveyEditor | undefined> {
    const saved = await getDraft(db, id);
    const draft = (saved?.draft as Draft | undefined) ?? from;
    if (!draft) return undefined;
    const editor = new SurveyEditor(db, id, structuredClone(draft), saved ? saved.basis : basis);
    if (!saved) await editor.#save();
    await editor.#loadPublished();
    return editor;
  }

  /** A change; `coalesce` joins quick edits of the same field into one undo step. */
  apply(change: (draft: Draft) => Draft, coalesce?: string): void {
    const next = change(this.draft);
    this.moveRefused = false;
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

  /** The latest published version of each questionnaire id on this laptop. */
  #published = $state.raw<Readonly<Record<string, Survey>>>({});

  /** The published version this draft would follow (same id), if there is one. */
  readonly publishedVersion: Survey | undefined = $derived(this.#published[this.draft.id]);

  /**
   * What changed against that version, question by question, as the draft changes: which
   * changes keep answers comparable. Undefined before a first publication or while invalid.
   */
  readonly changes: ItemChange[] | undefined = $derived.by(() => {
    const before = this.publishedVersion;
    const checked = this.validation;
    return before && checked.ok ? compareVersions(before, checked.survey) : undefined;
  });

  async #loadPublished(): Promise<void> {
    const latest: Record<string, Survey> = {};
    const basis = this.#basis === undefined ? undefined : validateSurvey(this.#basis);
    if (basis?.ok) latest[basis.survey.id] = basis.survey;
    for (const row of await surveysNewestFirst(this.#db)) {
      const known = latest[row.surveyId];
      if (known && known.version >= row.version) continue;
      const checked = validateSurvey(row.definition);
      if (checked.ok) latest[row.surveyId] = checked.survey;
    }
    this.#published = latest;
  }

  /**
   * Publishes a valid draft as a questionnaire — fully translated, or with the missing
   * translations accepted — and returns it; undefined when it may not be published.
   */
  async publish(now: () => number = Date.now): Promise<SurveyRow | undefined> {
    const checked = this.validation;
    if (!checked.ok || !this.canPublish) return undefined;
    await this.flush();
    const earlier = await surveyVersions(this.#db, checked.survey.id);
    const same = earlier.find((row) => row.definition === JSON.stringify(this.publishable));
    if (same) return same;
    const previous = this.publishedVersion?.version ?? 0;
    const version = Math.max(
      checked.survey.version,
      previous + 1,
      ...earlier.map((r) => r.version + 1),
    );
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
    await addSurvey(this.#db, row);
    this.apply((d) => ({ ...d, version }));
    await this.#loadPublished();
    return row;
  }

  /** Saves what is pending now (before leaving the page, say). */
  async flush(): Promise<void> {
    clearTimeout(this.#timer);
    await this.#save();
  }

  #set(draft: Draft): void {
    this.draft = draft;
    this.moveRefused = false;
    this.canUndo = this.#history.canUndo;
    this.canRedo = this.#history.canRedo;
    this.saved = false;
    clearTimeout(this.#timer);
    // A failure is kept in `saveProblem` for the page to say.
    this.#timer = setTimeout(() => void this.#save().catch(() => {}), 300);
  }

  async #save(): Promise<void> {
    try {
      await putDraft(this.#db, {
        id: this.id,
        draft: this.draft,
        updatedAt: Date.now(),
        ...(this.#basis === undefined ? {} : { basis: this.#basis }),
      });
    } catch (error) {
      this.saveProblem = problemOf(error);
      throw error;
    }
    this.saved = true;
    this.saveProblem = undefined;
  }
}
