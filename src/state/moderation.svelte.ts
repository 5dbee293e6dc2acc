/**
 * The facilitator's moderation of open answers: nothing typed by a participant reaches the beamer
 * until the facilitator approved it; a highlighted answer is approved and shown first. Kept in
 * the laptop's storage, so a reload keeps every decision.
 */
import { SvelteMap } from 'svelte/reactivity';
import type { OpenAnswer } from '../domain/results/aggregator';
import type { KringDb, ModerationRow } from '../storage/db';

export type Moderation = ModerationRow['state'] | 'pending';

export const moderationKey = (answer: Pick<OpenAnswer, 'itemId' | 'responseId'>) =>
  `${answer.itemId}/${answer.responseId}`;

export class OpenAnswerModeration {
  readonly #db: KringDb;
  readonly #sessionId: string;
  readonly #states = new SvelteMap<string, ModerationRow['state']>();

  private constructor(db: KringDb, sessionId: string) {
    this.#db = db;
    this.#sessionId = sessionId;
  }

  static async load(db: KringDb, sessionId: string): Promise<OpenAnswerModeration> {
    const moderation = new OpenAnswerModeration(db, sessionId);
    for (const row of await db.moderation.where('sessionId').equals(sessionId).toArray())
      moderation.#states.set(row.key, row.state);
    return moderation;
  }

  stateOf(answer: OpenAnswer): Moderation {
    return this.#states.get(moderationKey(answer)) ?? 'pending';
  }

  async set(answer: OpenAnswer, state: ModerationRow['state']): Promise<void> {
    const key = moderationKey(answer);
    await this.#db.moderation.put({ sessionId: this.#sessionId, key, state });
    this.#states.set(key, state);
  }

  /** What may be projected: approved answers, highlighted ones first. */
  projectable(answers: OpenAnswer[]): (OpenAnswer & { highlighted: boolean })[] {
    return answers
      .map((answer) => ({ ...answer, state: this.stateOf(answer) }))
      .filter((a) => a.state === 'approved' || a.state === 'highlighted')
      .sort((a, b) => Number(b.state === 'highlighted') - Number(a.state === 'highlighted'))
      .map(({ state, ...answer }) => ({ ...answer, highlighted: state === 'highlighted' }));
  }
}
