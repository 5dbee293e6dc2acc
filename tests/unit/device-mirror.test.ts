import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ResponseRecord } from '../../src/domain/response';
import type { ResponseProblem, SurveyLookup } from '../../src/domain/response-check';
import { DeviceDoc, RESPONSES } from '../../src/sync/device-doc';
import { DeviceMirror, type MirrorSink } from '../../src/sync/device-mirror';
import { allTypes } from '../fixtures/surveys';

const survey = allTypes();
const lookup: SurveyLookup = (id, version) =>
  id === survey.id && version === survey.version ? survey : undefined;
const R1 = 'V1StGXR8_Z5jdHi6B-myT';
const R2 = 'Uakgb_J5m9g-0JDMbcJqL';

class Store implements MirrorSink {
  accepted_ = new Map<string, ResponseRecord>();
  quarantined_ = new Map<string, ResponseProblem[]>();
  accepted(check: { response: ResponseRecord }) {
    this.accepted_.set(check.response.id, check.response);
    this.quarantined_.delete(check.response.id);
  }
  quarantined(check: { problems: ResponseProblem[] }, key: string) {
    this.quarantined_.set(key, check.problems);
    this.accepted_.delete(key);
  }
}

/** A device doc and the facilitator's copy, connected in memory (updates flow both ways at once). */
function pair() {
  const device = new DeviceDoc();
  const laptop = new Y.Doc();
  device.doc.on(
    'update',
    (u: Uint8Array, origin: unknown) => origin !== 'net' && Y.applyUpdate(laptop, u, 'net'),
  );
  laptop.on(
    'update',
    (u: Uint8Array, origin: unknown) => origin !== 'net' && Y.applyUpdate(device.doc, u, 'net'),
  );
  const store = new Store();
  const mirror = new DeviceMirror(laptop, lookup, store, () => 42);
  return { device, laptop, store, mirror };
}

const start = (device: DeviceDoc, id: string) =>
  device.createResponse({
    id,
    surveyId: survey.id,
    surveyVersion: survey.version,
    language: 'nl',
    now: 1,
  });

describe('DeviceMirror', () => {
  it('stores each answer as it arrives and sends a receipt back to the tablet', () => {
    const { device, store } = pair();
    start(device, R1);
    device.setAnswer(R1, 'matrix.r1', 2, 2);
    device.setAnswer(R1, 'multi', ['a', 'c'], 3);
    expect(store.accepted_.get(R1)).toMatchObject({
      status: 'in-progress',
      answers: { 'matrix.r1': 2, multi: ['a', 'c'] },
    });
    expect(device.receipt(R1)).toEqual({ state: 'received', at: 42, seen: 3 });
    expect(device.isReceived(R1)).toBe(true);
    device.submit(R1, 9);
    expect(store.accepted_.get(R1)).toMatchObject({ status: 'submitted', submittedAt: 9 });
    expect(device.isReceived(R1)).toBe(true);
  });

  it('waits for the facilitator to store a response before the tablet reads "received"', async () => {
    const device = new DeviceDoc();
    const laptop = new Y.Doc();
    device.doc.on('update', (u: Uint8Array) => Y.applyUpdate(laptop, u, 'net'));
    laptop.on('update', (u: Uint8Array, o: unknown) => o !== 'net' && Y.applyUpdate(device.doc, u));
    let store!: () => void;
    const stored = new Promise<void>((resolve) => (store = resolve));
    new DeviceMirror(
      laptop,
      lookup,
      new Store(),
      () => 42,
      () => stored,
    );
    start(device, R1);
    device.setAnswer(R1, 'num', 3, 2);
    await Promise.resolve();
    expect(device.receipt(R1)).toBeUndefined();
    store();
    await stored;
    await Promise.resolve();
    expect(device.isReceived(R1)).toBe(true);
  });

  it('quarantines what a hostile device writes, tells it so, and still takes the valid responses', () => {
    const { device, store } = pair();
    start(device, R1);
    device.setAnswer(R1, 'num', 3, 2);
    const responses = device.doc.getMap<unknown>(RESPONSES);
    device.doc.transact(() => {
      responses.set('not-a-response-id', 'DROP TABLE');
      const forged = new Y.Map<unknown>();
      responses.set(R2, forged);
      forged.set('surveyId', survey.id);
      forged.set('surveyVersion', survey.version);
      forged.set('status', 'in-progress');
      forged.set('language', 'nl');
      forged.set('startedAt', 1);
      forged.set('updatedAt', 1);
      const answers = new Y.Map<unknown>();
      forged.set('answers', answers);
      answers.set('open', 'x'.repeat(100_000));
      answers.set('admin', true);
    });
    expect(store.accepted_.has(R1)).toBe(true);
    expect(store.quarantined_.get(R2)).toEqual([
      { kind: 'invalidAnswer', key: 'open', expected: 'a text of at most 10 characters' },
      { kind: 'unknownKey', key: 'admin' },
    ]);
    expect(store.quarantined_.get('not-a-response-id')).toEqual([{ kind: 'shape', field: 'id' }]);
    expect(device.receipt(R2)?.state).toBe('quarantined');
    expect(device.receipt(R1)?.state).toBe('received');
  });

  it('picks up responses already in the doc when the facilitator starts (after a reload)', () => {
    const device = new DeviceDoc();
    start(device, R1);
    device.setAnswer(R1, 'lik.st1', 9, 2);
    const laptop = new Y.Doc();
    Y.applyUpdate(laptop, Y.encodeStateAsUpdate(device.doc));
    const store = new Store();
    new DeviceMirror(laptop, lookup, store);
    expect(store.accepted_.get(R1)?.answers).toEqual({ 'lik.st1': 9 });
  });

  it('converges to the device state whatever the order, duplication or loss of updates', () => {
    const edit = fc.record({
      key: fc.constantFrom('matrix.r1', 'matrix.r2', 'lik.st1', 'num', 'open'),
      value: fc.integer({ min: 1, max: 2 }),
      clear: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(edit, { maxLength: 30 }),
        fc.array(fc.nat(), { maxLength: 60 }),
        fc.boolean(),
        (edits, picks, submit) => {
          const device = new DeviceDoc();
          const updates: Uint8Array[] = [];
          device.doc.on('update', (u: Uint8Array) => updates.push(u));
          start(device, R1);
          edits.forEach(({ key, value, clear }, n) =>
            device.setAnswer(R1, key, clear ? undefined : key === 'open' ? `t${value}` : value, n),
          );
          if (submit) device.submit(R1, 99);

          const laptop = new Y.Doc();
          const store = new Store();
          new DeviceMirror(laptop, lookup, store);
          // Some updates arrive, in any order, some twice, some never...
          for (const pick of picks)
            if (updates.length > 0) Y.applyUpdate(laptop, updates[pick % updates.length]!);
          // ...until the next sync round sends what is missing (what y-webrtc's sync step 2 does).
          Y.applyUpdate(laptop, Y.encodeStateAsUpdate(device.doc, Y.encodeStateVector(laptop)));
          expect(store.accepted_.get(R1)).toEqual(device.read(R1));
        },
      ),
      { numRuns: 200 },
    );
  });
});
