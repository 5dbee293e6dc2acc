/**
 * Views follow outside events by reading them (createSubscriber): the tablet's "received" marks
 * follow the facilitator's receipts, and the laptop's responses table each stored row. Runs in Svelte's client runtime (vitest project "runes"), where effects run.
 */
import { flushSync } from 'svelte';
import { expect, it } from 'vitest';
import { answerKeys, allowedValues } from '../../src/domain/answers';
import { FacilitatorSession } from '../../src/state/facilitator/facilitator-session.svelte';
import { SessionResults } from '../../src/state/facilitator/session-results.svelte';
import { createSession } from '../../src/state/facilitator/sessions';
import type { ParticipantFlow } from '../../src/state/participant/participant-flow.svelte';
import { ParticipantSession } from '../../src/state/participant/participant-session.svelte';
import { fingerprint } from '../../src/sync/admission';
import { freshDatabases } from '../fixtures/databases';
import { MemoryNetwork } from '../fixtures/memory-network';
import { settle } from '../fixtures/settle';
import { studyJson } from '../fixtures/surveys';
import { cleanupAfterEach } from '../fixtures/cleanup';

const database = freshDatabases('live-views');
const cleanup = cleanupAfterEach();

/** A facilitator's session over the in-memory network, and a tablet that joined it. */
async function laptopAndTablet() {
  const net = new MemoryNetwork();
  const laptopDb = database();
  const { id } = await createSession(laptopDb, {
    definition: JSON.stringify(studyJson()),
    title: 'T',
    school: 'S',
  });
  const laptop = (await FacilitatorSession.open(laptopDb, id, net.network('laptop')))!;
  cleanup(() => laptop.destroy());
  const t = await ParticipantSession.start(
    database(),
    { joinCode: laptop.session.joinCode, fingerprint: fingerprint(laptop.session.publicKey) },
    net.network('tablet'),
  );
  cleanup(() => t.destroy());
  await settle(() => t.flow !== undefined, 'the survey on the tablet');
  return { laptop, t };
}

async function answerAll(flow: ParticipantFlow) {
  await flow.acceptConsent('nl');
  for (let round = 0; round < 5 && !flow.canSubmit; round++)
    for (const { item } of flow.progress.missingRequired)
      for (const key of answerKeys(item))
        if (!key.endsWith('.other'))
          await flow.answer(item, key, allowedValues(item, key)?.[0] ?? 'Sint-Jozef');
}

it('a view of the "received" count updates when the laptop stores the response, with no one asking', async () => {
  const { laptop, t } = await laptopAndTablet();

  const seen: number[] = [];
  let storedRuns = 0;
  const stop = $effect.root(() => {
    $effect(() => {
      seen.push(t.unreceived());
    });
    $effect(() => {
      laptop.stored();
      storedRuns++;
    });
  });
  flushSync();
  const flow = t.flow!;
  await answerAll(flow);
  await flow.submit();
  // The effect alone records the count: it went up with the answers, and back to 0 on receipt.
  await settle(() => seen.at(-1) === 0 && seen.includes(1), 'the view to show the receipt');
  expect(t.isReceived(flow.response!.id)).toBe(true);
  // The laptop's view ran once at first, then again as the tablet's rows were stored.
  expect(storedRuns).toBeGreaterThan(1);
  stop();
});

it('live results are drawn again for a submission, not for every answer still being given', async () => {
  const { laptop, t } = await laptopAndTablet();
  const results = await SessionResults.load(laptop);
  cleanup(() => results.destroy());

  const drawn: number[] = [];
  const stop = $effect.root(() => {
    $effect(() => {
      drawn.push(results.results.n);
    });
  });
  flushSync();
  const flow = t.flow!;
  await answerAll(flow);
  await settle(() => t.isReceived(flow.response!.id), 'the answers stored');
  flushSync();
  expect(drawn).toEqual([0]); // every answer stored, none counted: nothing to draw again
  await flow.submit();
  await settle(() => t.isReceived(flow.response!.id), 'the submission stored');
  flushSync();
  expect(drawn).toEqual([0, 1]);
  // Counting those still answering too is drawn at once.
  results.includeInProgress = true;
  flushSync();
  expect(drawn).toEqual([0, 1, 1]);
  stop();
});
