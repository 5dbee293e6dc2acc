/**
 * The facilitator's side of the focus-group discussion: starting one on a projected result,
 * the reactions that come in from the tablets (checked, stored, merged when they read the
 * same), the facilitator's decisions on them, the votes, and the notes typed during the talk.
 * Its public state (approved reactions, anonymous) goes to every tablet and to the beamer.
 */
/* eslint-disable svelte/prefer-svelte-reactivity -- maps and sets here are built whole and
   assigned to $state.raw fields (or kept private), never mutated while a view reads them. */
import { nanoid } from 'nanoid';
import {
  automaticMerge,
  publicDiscussion,
  type PublicDiscussion,
  type Reaction,
} from '../../domain/discussion';
import {
  deleteNote,
  discussionsIn,
  notesIn,
  putDiscussion,
  putNote,
  putReactions,
  reactionsIn,
} from '../../storage/discussion-store';
import type { DiscussionRow, KringDb, NoteRow, ReactionRow } from '../../storage/db';
import type { DiscussionInput } from './facilitator-room';
import type { FacilitatorSession } from './facilitator-session.svelte';
import { SerialQueue } from '../../shared/serial-queue';
import { problemOf, type ProblemKind } from '../problems';

export class FacilitatorDiscussion {
  active = $state.raw<DiscussionRow | undefined>();
  reactions = $state.raw<Reaction[]>([]);
  notes = $state.raw<NoteRow[]>([]);
  /** Reactions from the tablets could not be stored (they stay on the tablets and come again). */
  problem = $state<ProblemKind | undefined>();
  /** Public reaction id → the devices that support it. */
  #votes = $state.raw(new Map<string, Set<string>>());

  readonly #db: KringDb;
  readonly #session: FacilitatorSession;
  readonly #now: () => number;
  #stop: (() => void) | undefined;
  // One input at a time: each new reaction's number follows the previous one's.
  readonly #inputs = new SerialQueue((error) => (this.problem = problemOf(error)));
  /** Each device's latest votes, to recount when one changes its mind. */
  readonly #deviceVotes = new Map<string, Set<string>>();

  readonly public: PublicDiscussion | undefined = $derived.by(() =>
    this.active
      ? publicDiscussion(this.active.id, this.active.prompt, this.reactions, this.#votes)
      : undefined,
  );
  /** Text reactions of the open discussion that wait for a decision, oldest first. */
  readonly pending = $derived(
    this.reactions.filter(
      (r) =>
        r.discussionId === this.active?.id &&
        r.kind === 'text' &&
        r.status === 'pending' &&
        !r.mergedInto,
    ),
  );

  private constructor(db: KringDb, session: FacilitatorSession, now: () => number) {
    this.#db = db;
    this.#session = session;
    this.#now = now;
  }

  static async load(
    session: FacilitatorSession,
    now: () => number = Date.now,
  ): Promise<FacilitatorDiscussion> {
    const d = new FacilitatorDiscussion(session.db, session, now);
    const id = session.session.id;
    const discussions = await discussionsIn(d.#db, id);
    d.active = discussions.find((x) => x.endedAt === undefined);
    d.reactions = await reactionsIn(d.#db, id);
    d.notes = (await notesIn(d.#db, id)).sort((a, b) => a.at - b.at);
    d.#stop = session.onDiscussionInput((deviceId, input) =>
      d.#inputs.push(() => d.#onInput(deviceId, input)),
    );
    d.#publish();
    return d;
  }

  /** Opens a discussion (ending one that is open); tablets switch to it. */
  async start(prompt: string, itemId?: string): Promise<void> {
    await this.end();
    const row: DiscussionRow = {
      sessionId: this.#session.session.id,
      id: nanoid(12),
      prompt,
      startedAt: this.#now(),
      ...(itemId ? { itemId } : {}),
    };
    await putDiscussion(this.#db, row);
    this.active = row;
    this.#publish();
  }

  async end(): Promise<void> {
    const active = this.active;
    if (!active) return;
    const ended = { ...active, endedAt: this.#now() };
    await putDiscussion(this.#db, ended);
    this.active = undefined;
    this.#publish();
  }

  approve(key: string): Promise<void> {
    return this.#update(key, { status: 'approved' });
  }

  hide(key: string): Promise<void> {
    return this.#update(key, { status: 'hidden' });
  }

  /** Counts `key` as support for `into` (two reactions that say the same in other words). */
  merge(key: string, into: string): Promise<void> {
    return this.#update(key, { mergedInto: into });
  }

  async addNote(text: string, role?: string): Promise<void> {
    const trimmed = text.trim();
    if (!trimmed) return;
    const note: NoteRow = {
      sessionId: this.#session.session.id,
      id: nanoid(12),
      text: trimmed,
      at: this.#now(),
      ...(role ? { role } : {}),
      ...(this.active ? { discussionId: this.active.id } : {}),
    };
    await putNote(this.#db, note);
    this.notes = [...this.notes, note];
  }

  async removeNote(id: string): Promise<void> {
    await deleteNote(this.#db, this.#session.session.id, id);
    this.notes = this.notes.filter((n) => n.id !== id);
  }

  destroy(): void {
    this.#stop?.();
  }

  async #onInput(deviceId: string, input: DiscussionInput): Promise<void> {
    this.#deviceVotes.set(deviceId, input.votes);
    const votes = new Map<string, Set<string>>();
    for (const [device, ids] of this.#deviceVotes)
      for (const id of ids) votes.set(id, (votes.get(id) ?? new Set()).add(device));
    this.#votes = votes;

    const known = new Set(this.reactions.map((r) => r.key));
    const added: ReactionRow[] = [];
    let seq = this.reactions.reduce((max, r) => Math.max(max, r.seq), 0);
    for (const [id, reaction] of input.reactions) {
      const key = `${deviceId}/${id}`;
      if (known.has(key)) continue; // one writer, and a reaction is never edited
      const row: ReactionRow = {
        sessionId: this.#session.session.id,
        key,
        seq: ++seq,
        deviceId,
        discussionId: reaction.discussionId,
        kind: reaction.kind,
        text: reaction.text ?? '',
        at: reaction.at,
        status: 'pending',
      };
      const into = automaticMerge(row, [...this.reactions, ...added]);
      if (into) row.mergedInto = into;
      added.push(row);
    }
    if (added.length > 0) {
      await putReactions(this.#db, added);
      this.reactions = [...this.reactions, ...added];
    }
    this.problem = undefined;
    this.#publish();
  }

  async #update(key: string, change: Partial<Reaction>): Promise<void> {
    const reaction = this.reactions.find((r) => r.key === key);
    if (!reaction) return;
    const next: ReactionRow = { ...reaction, ...change, sessionId: this.#session.session.id };
    await putReactions(this.#db, [next]);
    this.reactions = this.reactions.map((r) => (r.key === key ? next : r));
    this.#publish();
  }

  #publish(): void {
    this.#session.publishDiscussion(this.public ?? null);
  }
}
