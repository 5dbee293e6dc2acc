import { describe, expect, it } from 'vitest';
import { allowedValues, answerKeys } from '../../src/domain/answers';
import { groupIdentical, sameAnswerKey } from '../../src/domain/results/identical-answers';
import { OpenAnswerModeration } from '../../src/state/facilitator/moderation.svelte';
import {
  openWorkspace,
  type FacilitatorWorkspace,
} from '../../src/state/facilitator/facilitator-workspace';
import { ParticipantSession } from '../../src/state/participant/participant-session.svelte';
import { createSession } from '../../src/state/facilitator/sessions';
import { fingerprint } from '../../src/sync/admission';
import type { LocalizedText } from '../../src/domain/survey-schema';
import { MemoryNetwork } from '../fixtures/memory-network';
import { settle } from '../fixtures/settle';
import { studyJson } from '../fixtures/surveys';
import { freshDatabases } from '../fixtures/databases';
import { cleanupAfterEach } from '../fixtures/cleanup';

// Closed after each test's cleanup (hooks after a test run in reverse order).
const database = freshDatabases('projection');
const cleanup = cleanupAfterEach();

const texts = () => ({
  text: (t: LocalizedText | undefined) => t?.nl ?? '',
  role: (role: string | undefined) => role ?? '?',
  noOpinion: (label: string, count: number) => `${label}: ${count}`,
  joinUrl: 'http://192.0.2.1/join',
  shortJoinUrl: 'http://192.0.2.1/j',
});

async function setup() {
  const net = new MemoryNetwork();
  const db = database();
  const row = await createSession(db, {
    definition: JSON.stringify(studyJson()),
    title: 'T',
    school: 'S',
  });
  const workspace = (await openWorkspace(db, row.id, net.network('laptop'), texts))!;
  cleanup(() => workspace.destroy());
  return { net, workspace };
}

/** A tablet that submits one response with the given priority for wellbeing. */
async function submit(net: MemoryNetwork, w: FacilitatorWorkspace, name: string, rank: number) {
  const t = await ParticipantSession.start(
    database(),
    { joinCode: w.session.session.joinCode, fingerprint: fingerprint(w.session.session.publicKey) },
    net.network(name),
  );
  cleanup(() => t.destroy());
  await settle(() => t.flow !== undefined, 'the survey');
  const flow = t.flow!;
  await flow.acceptConsent('nl');
  for (let round = 0; round < 5 && !flow.canSubmit; round++)
    for (const { item } of flow.progress.missingRequired) {
      for (const key of answerKeys(item))
        if (!key.endsWith('.other'))
          await flow.answer(
            item,
            key,
            key === 'prioriteiten.welbevinden' ? rank : (allowedValues(item, key)?.[0] ?? 'S'),
          );
    }
  await flow.submit();
  await settle(() => t.isReceived(flow.response!.id), 'the receipt');
}

describe('the beamer remote', () => {
  it('conceals, hides groups under k, reveals, freezes and blanks what the beamer shows', async () => {
    const { net, workspace } = await setup();
    const { control, session } = workspace;
    expect(control.slide).toMatchObject({ kind: 'join', code: expect.stringMatching(/-/) });
    await submit(net, workspace, 'a', 1);
    await submit(net, workspace, 'b', 1);
    control.go(control.slides.findIndex((s) => s.kind === 'item' && s.item.id === 'prioriteiten'));
    expect(control.slide).toMatchObject({ kind: 'result', concealed: true });
    expect(control.slide).not.toHaveProperty('spec');
    control.toggleReveal();
    expect(control.slide).toMatchObject({ kind: 'result', hidden: { n: 2, k: 5 } });
    await session.setThreshold(2);
    const shown = control.slide;
    if (shown.kind !== 'result' || !shown.spec) throw new Error('expected a chart');
    expect(shown.spec.series[0]!.values[0]).toBe(2); // two "1" ratings for wellbeing

    control.toggleFreeze();
    await submit(net, workspace, 'c', 1);
    await settle(() => workspace.results.results.n === 3, 'the third response in the results');
    expect(control.slide).toEqual(shown); // frozen: the beamer keeps its numbers
    control.toggleFreeze();
    const live = control.slide;
    if (live.kind !== 'result' || !live.spec) throw new Error('expected a chart');
    expect(live.spec.series[0]!.values[0]).toBe(3);

    control.toggleBlank();
    expect(control.slide).toEqual({ kind: 'blank' });
  });

  it('projects only approved open answers, highlighted ones first, and keeps decisions over a reload', async () => {
    const { net, workspace } = await setup();
    const { control, moderation, results } = workspace;
    await submit(net, workspace, 'a', 1);
    const index = control.slides.findIndex((s) => s.kind === 'item' && s.item.type === 'open-text');
    control.go(index);
    control.toggleReveal();
    expect(control.slide).toMatchObject({ kind: 'open', answers: [] });
    const itemId = (control.slides[index] as { item: { id: string } }).item.id;
    expect(results.openAnswers(itemId)).toHaveLength(0); // the tablet left it blank
    // A typed answer arrives from another tablet, then the facilitator approves it.
    const text = 'Meer overleg';
    const fake = {
      responseId: 'x',
      itemId,
      text,
      sameKey: sameAnswerKey(text),
      role: 'leerkracht',
      school: 's',
    };
    await moderation.set(fake, 'highlighted');
    expect(moderation.projectable([fake])).toEqual([{ ...fake, highlighted: true }]);
    expect(moderation.stateOf({ ...fake, responseId: 'y' })).toBe('pending');
    const reloaded = await OpenAnswerModeration.load(
      workspace.session.db,
      workspace.session.session.id,
    );
    expect(reloaded.stateOf(fake)).toBe('highlighted');
  });

  it('decides on many answers at once, and can show them without approval (never a hidden one)', async () => {
    const { workspace } = await setup();
    const { moderation } = workspace;
    const answer = (responseId: string, text: string) => ({
      responseId,
      itemId: 'welbevinden_acties',
      text,
      sameKey: sameAnswerKey(text),
      role: 'leerkracht',
      school: 's',
    });
    const answers = [answer('a', 'Meer tijd.'), answer('b', 'meer  tijd'), answer('c', 'Sport')];
    expect(groupIdentical(answers).map((g) => g.answers.length)).toEqual([2, 1]);
    expect(moderation.projectable(answers)).toEqual([]);
    await moderation.setMany(answers.slice(0, 2), 'approved');
    expect(moderation.projectable(answers).map((a) => a.responseId)).toEqual(['a', 'b']);
    await moderation.set(answers[0]!, 'hidden');
    await moderation.setWithoutApproval(true);
    expect(moderation.projectable(answers).map((a) => a.responseId)).toEqual(['b', 'c']);
    const reloaded = await OpenAnswerModeration.load(
      workspace.session.db,
      workspace.session.session.id,
    );
    expect(reloaded.withoutApproval).toBe(true);
    expect(reloaded.stateOf(answers[1]!)).toBe('approved');
  });
});
