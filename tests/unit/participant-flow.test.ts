import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KringDb } from '../../src/storage/db';
import { openDevice, type Device } from '../../src/state/participant/open-device';
import { ParticipantFlow } from '../../src/state/participant/participant-flow.svelte';
import type { Item } from '../../src/domain/survey-schema';
import { allTypes } from '../fixtures/surveys';

let n = 0;
const devices: Device[] = [];
async function device(name = `flow-${++n}`) {
  const d = await openDevice(new KringDb(name));
  devices.push(d);
  return d;
}
afterEach(() => {
  for (const d of devices.splice(0)) d.db.close();
});

const survey = allTypes();
/** Every required item of the all-types survey, answered (for a pupil, so `num` is hidden). */
const requiredAnswers: [string, string, string | number][] = [
  ['prof', 'prof.role', 'pupil'],
  ['prof', 'prof.school', 'a'],
  ['matrix', 'matrix.r1', 1],
  ['matrix', 'matrix.r2', 2],
  ['lik', 'lik.st1', 9],
  ['lik', 'lik.st2', 1],
  ['single', 'single', 'a'],
];

const item = (id: string): Item =>
  survey.sections.flatMap((s) => s.items).find((i) => i.id === id)!;

describe('ParticipantFlow', () => {
  it('resumes the same response and section after a reload', async () => {
    const d = await device();
    const flow = new ParticipantFlow(d, survey, { now: () => 1000 });
    await flow.acceptConsent('en');
    await flow.answer(item('prof'), 'prof.role', 'teacher');
    flow.next();
    await flow.answer(item('open'), 'open', 'hallo');

    d.db.close();
    const again = new ParticipantFlow(await device(d.db.name), survey);
    await again.resume();
    expect(again.stage).toBe('section');
    expect(again.currentSection?.section.id).toBe('s2');
    expect(again.focusItem).toBe('open');
    expect(again.answers).toEqual({ 'prof.role': 'teacher', open: 'hallo' });
    expect(again.language).toBe('en');
  });

  it('does not resume a response made for another version of the survey', async () => {
    const d = await device();
    const flow = new ParticipantFlow(d, survey);
    await flow.acceptConsent('nl');
    await flow.answer(item('prof'), 'prof.role', 'pupil');
    d.db.close();
    const next = new ParticipantFlow(await device(d.db.name), {
      ...survey,
      version: survey.version + 1,
    });
    await next.resume();
    expect(next.stage).toBe('welcome');
    expect(next.response).toBeUndefined();
  });

  it('submits only when required items are complete, then starts the next respondent empty', async () => {
    const d = await device();
    const flow = new ParticipantFlow(d, survey);
    await flow.acceptConsent('nl');
    await flow.submit();
    expect(flow.stage).toBe('section'); // nothing happens: required items are missing
    for (const [id, key, value] of requiredAnswers) await flow.answer(item(id), key, value);
    expect(flow.canSubmit).toBe(true);
    await flow.submit();
    expect(flow.stage).toBe('thanks');
    expect((await d.db.responses.toArray()).map((r) => r.status)).toEqual(['submitted']);

    flow.nextRespondent();
    expect(flow.answers).toEqual({});
    d.db.close();
    const reloaded = new ParticipantFlow(await device(d.db.name), survey);
    await reloaded.resume();
    expect(reloaded.stage).toBe('welcome'); // a submitted response is never reopened
  });

  it('clears an optional answer', async () => {
    const d = await device();
    const flow = new ParticipantFlow(d, survey);
    await flow.acceptConsent('nl');
    await flow.answer(item('rank'), 'rank', ['z', 'y', 'x']);
    await flow.clear(item('rank'));
    expect(flow.answers).toEqual({});
    expect((await d.db.responses.toArray())[0]!.answers).toEqual({});
  });

  it('lets a participant submit again after a submission that could not be saved', async () => {
    const d = await device();
    const flow = new ParticipantFlow(d, survey);
    await flow.acceptConsent('nl');
    for (const [id, key, value] of requiredAnswers) await flow.answer(item(id), key, value);
    const full = vi
      .spyOn(d.db.updates, 'add')
      .mockImplementation(() =>
        Dexie.Promise.reject(new DOMException('full', 'QuotaExceededError')),
      );
    await expect(flow.submit()).rejects.toThrow();
    expect(flow.stage).not.toBe('thanks');
    expect(flow.saveStatus).toMatchObject({ state: 'error', kind: 'quota' });
    full.mockRestore();
    await flow.submit();
    expect(flow.stage).toBe('thanks');
    expect((await d.db.responses.toArray()).map((r) => r.status)).toEqual(['submitted']);
  });

  it('opens the questions after consent even when the first save fails, and saves later', async () => {
    const d = await device();
    const flow = new ParticipantFlow(d, survey);
    const full = vi
      .spyOn(d.db.updates, 'add')
      .mockImplementation(() =>
        Dexie.Promise.reject(new DOMException('full', 'QuotaExceededError')),
      );
    await flow.acceptConsent('nl');
    expect(flow.stage).toBe('section');
    expect(flow.saveStatus.state).toBe('error');
    full.mockRestore();
    await flow.answer(item('prof'), 'prof.role', 'teacher');
    expect(flow.saveStatus.state).toBe('saved');
    expect((await d.db.responses.toArray())[0]).toMatchObject({
      answers: { 'prof.role': 'teacher' },
    });
  });
});

describe('earlier answers in a question text', () => {
  it('fills ${key} with the answer in words, "…" while it is open', async () => {
    const d = await device();
    const flow = new ParticipantFlow(d, survey);
    await flow.acceptConsent('nl');
    const words = (t: Record<string, string> | undefined) => t?.nl ?? '';
    expect(flow.fill('Waarom ${single}?', words)).toBe('Waarom …?');
    await flow.answer(item('single'), 'single', 'b');
    await flow.answer(item('lik'), 'lik.st1', 9);
    await flow.answer(item('prof'), 'prof.role', 'pupil');
    expect(flow.fill('Waarom ${single}? ${lik.st1} / ${prof.role} ${onbekend}', words)).toBe(
      'Waarom b? geen mening / pupil ${onbekend}',
    );
  });
});
