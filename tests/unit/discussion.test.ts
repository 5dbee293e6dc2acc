import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
  automaticMerge,
  checkReaction,
  publicDiscussion,
  REACTION_MAX_LENGTH,
  type Reaction,
} from '../../src/domain/discussion';
import { FacilitatorDiscussion } from '../../src/state/facilitator/facilitator-discussion.svelte';
import { FacilitatorSession } from '../../src/state/facilitator/facilitator-session.svelte';
import { ParticipantSession } from '../../src/state/participant/participant-session.svelte';
import { createSession } from '../../src/state/facilitator/sessions';
import { fingerprint } from '../../src/sync/admission';
import { REACTIONS } from '../../src/sync/discussion-channel';
import { MemoryNetwork } from '../fixtures/memory-network';
import { eventually, settle } from '../fixtures/settle';
import { studyJson } from '../fixtures/surveys';
import { freshDatabases } from '../fixtures/databases';
import { cleanupAfterEach } from '../fixtures/cleanup';

// Closed after each test's cleanup (hooks after a test run in reverse order).
const database = freshDatabases('discussion');
const cleanup = cleanupAfterEach();
async function room() {
  const net = new MemoryNetwork();
  const db = database();
  const row = await createSession(db, {
    definition: JSON.stringify(studyJson()),
    title: 'T',
    school: 'S',
  });
  const session = (await FacilitatorSession.open(db, row.id, net.network('laptop')))!;
  cleanup(() => session.destroy());
  const discussion = await FacilitatorDiscussion.load(session);
  cleanup(() => discussion.destroy());
  const tablet = async (name: string) => {
    const tabletDb = database();
    const t = await ParticipantSession.start(
      tabletDb,
      { joinCode: row.joinCode, fingerprint: fingerprint(row.publicKey) },
      net.network(name),
    );
    cleanup(() => t.destroy());
    await settle(() => t.flow !== undefined, 'the survey');
    return { t, db: tabletDb, doc: () => net.docs.get(name)!.at(-1)! };
  };
  return { db, session, discussion, tablet };
}

const reaction = (over: Partial<Reaction>): Reaction => ({
  key: 'd/1',
  seq: 1,
  discussionId: 'x',
  deviceId: 'd',
  kind: 'text',
  text: 'Meer overleg',
  at: 1,
  status: 'approved',
  ...over,
});

describe('discussion rules', () => {
  it('refuses malformed reactions and keeps well-formed ones, trimmed', () => {
    expect(
      checkReaction({ discussionId: 'x', kind: 'text', text: '  Meer   tijd ', at: 1 }),
    ).toEqual({ discussionId: 'x', kind: 'text', text: 'Meer tijd', at: 1 });
    for (const bad of [
      null,
      'text',
      { discussionId: 'x', kind: 'shout', at: 1 },
      { discussionId: 'x', kind: 'text', text: '   ', at: 1 },
      { discussionId: 'x', kind: 'text', text: 'x'.repeat(REACTION_MAX_LENGTH + 1), at: 1 },
      { discussionId: '../../etc', kind: 'agree', at: 1 },
      { discussionId: 'x', kind: 'agree', at: 'now' },
    ])
      expect(checkReaction(bad)).toBeUndefined();
  });

  it('merges reactions that differ only in case and spaces into the earliest one', () => {
    const first = reaction({ key: 'a/1', seq: 1, text: 'Meer overleg', at: 1 });
    const later = reaction({ key: 'b/1', seq: 2, text: '  meer   OVERLEG', at: 2 });
    expect(automaticMerge(later, [first])).toBe('a/1');
    expect(automaticMerge(first, [later])).toBeUndefined();
    expect(
      automaticMerge(reaction({ key: 'c/1', text: 'Minder overleg', at: 3 }), [first]),
    ).toBeUndefined();
  });

  it("ranks approved reactions by support and counts each device's latest stance once", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            device: fc.constantFrom('a', 'b', 'c'),
            kind: fc.constantFrom('agree', 'disagree' as const),
            at: fc.nat(100),
          }),
        ),
        (stances) => {
          const reactions = stances.map((s, i) =>
            reaction({
              key: `${s.device}/${i}`,
              seq: i + 10,
              deviceId: s.device,
              kind: s.kind,
              text: '',
              at: s.at,
            }),
          );
          const pub = publicDiscussion('x', 'P', reactions, new Map());
          expect(pub.agree + pub.disagree).toBe(new Set(stances.map((s) => s.device)).size);
        },
      ),
    );
    const a = reaction({ key: 'a/1', seq: 1, text: 'Eén' });
    const b = reaction({ key: 'b/1', seq: 2, text: 'Twee' });
    const hidden = reaction({ key: 'c/1', seq: 3, text: 'Drie', status: 'hidden' });
    const merged = reaction({ key: 'c/2', seq: 4, text: 'twee', mergedInto: 'b/1' });
    const pub = publicDiscussion(
      'x',
      'P',
      [a, b, hidden, merged],
      new Map([['r1', new Set(['z'])]]),
    );
    expect(pub.reactions).toEqual([
      { id: 'r1', text: 'Eén', votes: 1 },
      { id: 'r2', text: 'Twee', votes: 1 },
    ]);
  });
});

describe('a discussion over the in-memory network', () => {
  it('tablets react, duplicates merge, only approved reactions reach the tablets, votes count', async () => {
    const { discussion, tablet } = await room();
    const one = await tablet('one');
    const two = await tablet('two');
    await discussion.start('Welbevinden: wat valt op?', 'prioriteiten');
    await settle(() => one.t.discussion?.prompt === 'Welbevinden: wat valt op?', 'the prompt');

    await one.t.react('text', 'Meer klasgesprekken');
    await two.t.react('text', '  meer KLASGESPREKKEN ');
    await two.t.react('agree');
    await settle(() => discussion.reactions.length === 3, 'three reactions on the laptop');
    expect(discussion.pending.map((r) => r.text)).toEqual(['Meer klasgesprekken']);
    expect(one.t.discussion?.reactions).toEqual([]); // nothing before approval
    expect(two.t.discussion?.agree).toBe(1);

    await discussion.approve(discussion.pending[0]!.key);
    await settle(() => one.t.discussion?.reactions.length === 1, 'the approved reaction');
    const shown = one.t.discussion!.reactions[0]!;
    expect(shown).toMatchObject({ text: 'Meer klasgesprekken', votes: 1 }); // the merged duplicate
    expect(shown.id).toMatch(/^r\d+$/); // nothing of the device that sent it

    one.t.vote(shown.id, true);
    await settle(() => two.t.discussion?.reactions[0]?.votes === 2, 'the vote');
    await discussion.end();
    await settle(() => one.t.discussion === undefined, 'the end of the discussion');
  });

  it('says so when a reaction cannot be stored (a full disk), and stores it with the next change', async () => {
    const { db, discussion, tablet } = await room();
    const one = await tablet('one');
    await discussion.start('Wat valt op?');
    await settle(() => one.t.discussion !== undefined, 'the prompt');
    const full = Object.assign(new Error('QuotaExceededError'), { name: 'QuotaExceededError' });
    const spy = vi
      .spyOn(db.reactions, 'bulkPut')
      .mockImplementation(() => Promise.reject(full) as ReturnType<typeof db.reactions.bulkPut>);
    await one.t.react('text', 'Meer klasgesprekken');
    await settle(() => discussion.problem === 'quota', 'the failure shown');
    expect(discussion.reactions).toEqual([]);

    spy.mockRestore(); // space freed; the tablet reacts again
    await one.t.react('text', 'Een rustige plek om te werken');
    await settle(() => discussion.reactions.length === 2, 'both reactions stored');
    expect(discussion.problem).toBeUndefined();
  });

  it("a reaction hidden again, or a discussion ended, leaves the tablets' storage too", async () => {
    const { discussion, tablet } = await room();
    const author = await tablet('author');
    const witness = await tablet('witness');
    const stored = async () => {
      const rows = await witness.db.updates.toArray();
      const text = new TextDecoder().decode(Y.mergeUpdates(rows.map((r) => r.update)));
      return text.includes('Thuis geen rustige plek');
    };
    await discussion.start('Gelijke kansen');
    await settle(() => witness.t.discussion !== undefined, 'the prompt');
    await author.t.react('text', 'Thuis geen rustige plek');
    await settle(() => discussion.pending.length === 1, 'the reaction on the laptop');
    const key = discussion.pending[0]!.key;
    await discussion.approve(key);
    await settle(() => witness.t.discussion?.reactions.length === 1, 'the approved reaction');
    await eventually(stored, 'the approved text stored on the witness tablet');
    await discussion.hide(key); // withdrawn: the facilitator changed their mind
    await settle(() => witness.t.discussion?.reactions.length === 0, 'the reaction withdrawn');
    await eventually(async () => !(await stored()), 'the text gone from the witness tablet');
    await discussion.approve(key);
    await settle(() => witness.t.discussion?.reactions.length === 1, 'approved again');
    await discussion.end();
    await settle(() => witness.t.discussion === undefined, 'the end of the discussion');
    await eventually(async () => !(await stored()), 'the text gone after the discussion');
  });

  it('ignores malformed reactions from a hostile tablet; keeps reactions and notes over a reload', async () => {
    const { session, discussion, tablet } = await room();
    const bad = await tablet('bad');
    await discussion.start('Gelijke kansen');
    await settle(() => bad.t.discussion !== undefined, 'the prompt');
    const reactions = bad.doc().getMap<unknown>(REACTIONS);
    bad.doc().transact(() => {
      reactions.set('x', {
        discussionId: discussion.active!.id,
        kind: 'text',
        text: 'y'.repeat(5000),
        at: 1,
      });
      reactions.set('not an id!', { discussionId: discussion.active!.id, kind: 'agree', at: 1 });
      reactions.set('ok', {
        discussionId: discussion.active!.id,
        kind: 'text',
        text: 'Goed idee',
        at: 2,
      });
      reactions.set('junk', new Y.Map());
    });
    await settle(() => discussion.reactions.length === 1, 'the one valid reaction');
    await discussion.addNote('Directie wil een werkgroep', 'directie');
    const again = await FacilitatorDiscussion.load(session);
    cleanup(() => again.destroy());
    expect(again.active?.prompt).toBe('Gelijke kansen');
    expect(again.reactions.map((r) => r.text)).toEqual(['Goed idee']);
    expect(again.notes).toMatchObject([{ text: 'Directie wil een werkgroep', role: 'directie' }]);
  });
});
