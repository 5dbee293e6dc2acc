/**
 * The participant's way through a survey: welcome → consent → sections → review → thanks,
 * then the next respondent. Every answer goes into the device doc and is shown as saved only
 * after its Dexie commit; where the participant is (the cursor) is saved too, so a reload or a
 * crash resumes at the same item.
 */
import { SvelteMap } from 'svelte/reactivity';
import type { Text } from '../../domain/answer-summary';
import { answerKeys, indexAnswerKeys, type AnswerValue, type Answers } from '../../domain/answers';
import { fillAnswers } from '../../domain/piping';
import { partCount, surveyProgress, type MissingItem } from '../../domain/progress';
import { checkDeviceResponse, type ResponseProblem } from '../../domain/response-check';
import type { Cursor, ResponseRecord } from '../../domain/response';
import type { Item, Survey } from '../../domain/survey-schema';
import { resolveVisibility } from '../../domain/visibility';
import { getSetting, putSetting } from '../../storage/settings';
import type { SaveStatus } from '../../storage/doc-persistence';
import { newResponseId, type Device } from './open-device';

export type Stage = 'welcome' | 'consent' | 'section' | 'review' | 'thanks';
export type ItemSaveState = 'saving' | 'saved' | 'error';

/** Where the response in progress is remembered; one per doc (standalone, or each session). */
const activeResponseKey = (room: string) => `activeResponse:${room}` as const;

export interface ParticipantFlowOptions {
  now?: () => number;
  /** The session no longer takes new responses (one in progress may still be submitted). */
  isClosed?: () => boolean;
  /**
   * Answers the session already knows (its school), set when a respondent starts; the
   * participant is not asked them.
   */
  preset?: () => Readonly<Record<string, AnswerValue>>;
}

export class ParticipantFlow {
  stage = $state<Stage>('welcome');
  response = $state.raw<ResponseRecord | undefined>();
  saveStatus = $state.raw<SaveStatus>({ state: 'saved' });
  /** Save state per item id, for the "saved" mark next to each question. */
  readonly itemSave = new SvelteMap<string, ItemSaveState>();
  /** The item to scroll to and focus when a section opens (resume, review links). */
  focusItem = $state<string | undefined>();

  readonly survey: Survey;
  readonly #device: Device;
  readonly #now: () => number;
  /** Per item, a counter of writes: only the latest write of an item may mark it saved. */
  #writes: Record<string, number> = {};

  readonly answers: Answers = $derived(this.response?.answers ?? {});
  readonly #keys: ReadonlyMap<string, Item>;
  readonly visibility = $derived.by(() => resolveVisibility(this.survey, this.answers));
  readonly progress = $derived.by(() => surveyProgress(this.survey, this.answers, this.visibility));
  /** Position among the visible sections. */
  readonly sectionPosition = $derived.by(() => {
    const cursor = this.response?.cursor;
    if (cursor?.at !== 'section') return 0;
    const pos = this.visibility.sections.findIndex((s) => s.index >= cursor.index);
    return pos === -1 ? Math.max(0, this.visibility.sections.length - 1) : pos;
  });
  readonly currentSection = $derived(this.visibility.sections[this.sectionPosition]);
  /** Which part of how many: what the progress bar shows (stable once the profile is given). */
  readonly parts = $derived.by(() => {
    const total = partCount(this.survey, this.answers, this.visibility);
    return { at: this.stage === 'review' ? total : this.sectionPosition + 1, total };
  });

  readonly #isClosed: () => boolean;
  readonly #preset: () => Readonly<Record<string, AnswerValue>>;

  constructor(device: Device, survey: Survey, options: ParticipantFlowOptions = {}) {
    this.#device = device;
    this.survey = survey;
    this.#now = options.now ?? Date.now;
    this.#isClosed = options.isClosed ?? (() => false);
    this.#preset = options.preset ?? (() => ({}));
    this.#keys = indexAnswerKeys(survey);
    device.persistence.onStatus((status) => (this.saveStatus = status));
  }

  /** Resumes the response this device was in the middle of, if any. */
  async resume(): Promise<void> {
    const id = await getSetting(this.#device.db, this.#activeKey);
    const record = id ? this.#device.doc.read(id) : undefined;
    if (!record || record.status !== 'in-progress' || !this.#matchesSurvey(record)) return;
    this.response = record;
    const cursor = record.cursor;
    this.stage = cursor?.at === 'review' ? 'review' : 'section';
    this.focusItem = cursor?.at === 'section' ? cursor.item : undefined;
  }

  get language(): string {
    return this.response?.language ?? this.survey.languages[0]!;
  }

  showConsent(): void {
    this.stage = 'consent';
  }

  get #activeKey(): `activeResponse:${string}` {
    return activeResponseKey(this.#device.room);
  }

  /** Whether a new respondent may start (not once the session is closed). */
  get canStart(): boolean {
    return !this.#isClosed();
  }

  /** Consent given: a fresh response starts, stored before the first question shows. */
  async acceptConsent(language: string): Promise<void> {
    if (!this.canStart) return;
    const id = newResponseId();
    this.#device.doc.createResponse({
      id,
      surveyId: this.survey.id,
      surveyVersion: this.survey.version,
      language,
      now: this.#now(),
    });
    for (const [key, value] of Object.entries(this.#preset()))
      this.#device.doc.setAnswer(id, key, value, this.#now());
    this.#device.doc.setCursor(id, {
      at: 'section',
      index: this.visibility.sections[0]?.index ?? 0,
    });
    this.#refresh(id);
    this.itemSave.clear();
    this.stage = 'section';
    try {
      await this.#device.persistence.whenSaved();
      await putSetting(this.#device.db, this.#activeKey, id);
    } catch {
      // The save banner shows the storage error; answers stay in memory until a save succeeds.
    }
  }

  setLanguage(language: string): void {
    if (!this.response || this.response.status !== 'in-progress') return;
    this.#device.doc.setLanguage(this.response.id, language);
    this.#refresh(this.response.id);
  }

  /** An answer the session gave (the school), shown as given instead of asked. */
  presetValue(key: string): AnswerValue | undefined {
    return this.#preset()[key];
  }

  /** Stores one answer (undefined clears it); resolves when it is committed to the device. */
  async answer(item: Item, key: string, value: AnswerValue | undefined): Promise<void> {
    const response = this.response;
    if (!response || response.status !== 'in-progress') return;
    const cursor: Cursor = { at: 'section', index: this.currentSection?.index ?? 0, item: item.id };
    this.#device.doc.setAnswer(response.id, key, value, this.#now(), cursor);
    this.#refresh(response.id);
    const write = (this.#writes[item.id] ?? 0) + 1;
    this.#writes[item.id] = write;
    this.itemSave.set(item.id, 'saving');
    try {
      await this.#device.persistence.whenSaved();
      if (this.#writes[item.id] === write) this.itemSave.set(item.id, 'saved');
      // A commit writes everything pending, so answers that failed earlier are saved now too.
      for (const [id, state] of this.itemSave)
        if (state === 'error') this.itemSave.set(id, 'saved');
    } catch {
      this.itemSave.set(item.id, 'error');
    }
  }

  /** Takes back every answer of an item (an optional question the participant wants to leave open). */
  async clear(item: Item): Promise<void> {
    await Promise.all(this.answeredKeys(item).map((key) => this.answer(item, key, undefined)));
  }

  async retrySave(): Promise<void> {
    try {
      await this.#device.persistence.retry();
      for (const id of this.itemSave.keys()) this.itemSave.set(id, 'saved');
    } catch {
      // status shows the error again
    }
  }

  goToSection(position: number, focusItem?: string): void {
    const target = this.visibility.sections[position];
    if (!target || !this.response) return;
    this.focusItem = focusItem;
    this.#moveCursor({ at: 'section', index: target.index });
    this.stage = 'section';
  }

  next(): void {
    if (this.sectionPosition + 1 < this.visibility.sections.length) {
      this.goToSection(this.sectionPosition + 1);
    } else {
      this.#moveCursor({ at: 'review' });
      this.stage = 'review';
    }
  }

  back(): void {
    if (this.stage === 'review') this.goToSection(this.visibility.sections.length - 1);
    else if (this.sectionPosition > 0) this.goToSection(this.sectionPosition - 1);
  }

  /** Jumps from the review page to an unanswered item. */
  goToItem(sectionIndex: number, itemId: string): void {
    const position = this.visibility.sections.findIndex((s) => s.index === sectionIndex);
    this.goToSection(Math.max(0, position), itemId);
  }

  /**
   * What the laptop would refuse in this response, by the very check it runs on arrival
   * (response-check.ts): the tablet never lets a participant submit what the laptop sets aside.
   */
  readonly refused: ResponseProblem[] = $derived.by(() => {
    const response = this.response;
    if (!response) return [];
    const own = (id: string, version: number) =>
      id === this.survey.id && version === this.survey.version ? this.survey : undefined;
    const check = checkDeviceResponse(response.id, response, own);
    return check.status === 'valid' ? [] : check.problems;
  });

  /** The questions whose answers the check refuses, to go back to from the review page. */
  readonly refusedItems: MissingItem[] = $derived.by(() => {
    const keys = this.refused.map((p) => ('key' in p ? p.key : ''));
    const found: MissingItem[] = [];
    this.survey.sections.forEach((section, sectionIndex) => {
      for (const item of section.items)
        if (answerKeys(item).some((key) => keys.includes(key)))
          found.push({ section, sectionIndex, item });
    });
    return found;
  });

  get canSubmit(): boolean {
    return this.progress.missingRequired.length === 0 && this.refused.length === 0;
  }

  /**
   * Freezes the response; resolves once the submission is committed. When that write fails the
   * participant stays on the review page with the storage message, and submitting again retries.
   */
  async submit(): Promise<void> {
    const response = this.response;
    if (!response || !this.canSubmit) return;
    if (response.status !== 'submitted') {
      this.#device.doc.submit(response.id, this.#now());
      this.#refresh(response.id);
    }
    await this.#device.persistence.retry();
    await putSetting(this.#device.db, this.#activeKey, null);
    this.stage = 'thanks';
  }

  /** Hands the tablet on: the next person sees nothing of the previous response. */
  nextRespondent(): void {
    this.response = undefined;
    this.itemSave.clear();
    this.focusItem = undefined;
    this.stage = 'welcome';
  }

  /** The save state of an item's answer, when it was answered in this visit. */
  itemSaveState(item: Item): ItemSaveState | undefined {
    return this.itemSave.get(item.id);
  }

  /** A survey text with earlier answers filled in where it names them (`${key}`). */
  fill(text: string, words: Text): string {
    return fillAnswers(text, this.#keys, this.answers, words);
  }

  /** Keys of an item that have answers (for "clear answer" and progress marks). */
  answeredKeys(item: Item): string[] {
    return answerKeys(item).filter((k) => this.answers[k] !== undefined);
  }

  #moveCursor(cursor: Cursor): void {
    if (!this.response || this.response.status !== 'in-progress') return;
    this.#device.doc.setCursor(this.response.id, cursor);
    this.#refresh(this.response.id);
  }

  #refresh(id: string): void {
    this.response = this.#device.doc.read(id);
  }

  #matchesSurvey(record: ResponseRecord): boolean {
    return record.surveyId === this.survey.id && record.surveyVersion === this.survey.version;
  }
}
