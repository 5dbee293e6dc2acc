/**
 * The facilitator's moderation of open answers: nothing typed by a participant reaches the beamer
 * until the facilitator approved it; a highlighted answer is approved and shown first. Kept in
 * the laptop's storage, so a reload keeps every decision. Answers can be decided on together
 * (all, a question's, identical ones), and a session can show them without approval; a hidden
 * answer stays hidden then too.
 */
import { SvelteMap } from 'svelte/reactivity';
import type { OpenAnswer } from '../../domain/results/aggregator';
import type { KringDb, ModerationRow } from '../../storage/db';
import { moderationIn, putModeration } from '../../storage/discussion-store';
import { changeSession, getSession } from '../../storage/session-store';

export type Moderation = ModerationRow['state'] | 'pending';

export const moderationKey = (answer: Pick<OpenAnswer, 'itemId' | 'responseId'>) =>
  `${answer.itemId}/${answer.responseId}`;

export class OpenAnswerModeration {
  readonly #db: KringDb;
  readonly #sessionId: string;
  readonly #states = new SvelteMap<string, ModerationRow['state']>();
  /** The session's choice: pending answers are shown too (hidden ones never). */
  withoutApproval = $state(false);

  private constructor(db: KringDb, sessionId: string) {
    this.#db = db;
    this.#sessionId = sessionId;
  }

  static async load(db: KringDb, sessionId: string): Promise<OpenAnswerModeration> {
    const moderation = new OpenAnswerModeration(db, sessionId);
    moderation.withoutApproval = (await getSession(db, sessionId))?.openWithoutApproval ?? false;
    for (const row of await moderationIn(db, sessionId)) moderation.#states.set(row.key, row.state);
    return moderation;
  }

  stateOf(answer: OpenAnswer): Moderation {
    return this.#states.get(moderationKey(answer)) ?? 'pending';
  }

  async set(answer: OpenAnswer, state: ModerationRow['state']): Promise<void> {
    const key = moderationKey(answer);
    await putModeration(this.#db, [{ sessionId: this.#sessionId, key, state }]);
    this.#states.set(key, state);
  }

  /** One decision for many answers (all, a question's, identical ones), stored at once. */
  async setMany(answers: readonly OpenAnswer[], state: ModerationRow['state']): Promise<void> {
    const rows = answers.map((a) => ({ sessionId: this.#sessionId, key: moderationKey(a), state }));
    await putModeration(this.#db, rows);
    for (const row of rows) this.#states.set(row.key, state);
  }

  async setWithoutApproval(on: boolean): Promise<void> {
    await changeSession(this.#db, this.#sessionId, { openWithoutApproval: on });
    this.withoutApproval = on;
  }

  /** What may be projected: approved answers (or not hidden ones), highlighted ones first. */
  projectable(answers: OpenAnswer[]): (OpenAnswer & { highlighted: boolean })[] {
    return answers
      .map((answer) => ({ ...answer, state: this.stateOf(answer) }))
      .filter(
        (a) =>
          a.state === 'approved' ||
          a.state === 'highlighted' ||
          (this.withoutApproval && a.state === 'pending'),
      )
      .sort((a, b) => Number(b.state === 'highlighted') - Number(a.state === 'highlighted'))
      .map(({ state, ...answer }) => ({ ...answer, highlighted: state === 'highlighted' }));
  }
}
