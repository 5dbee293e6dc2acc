import { afterEach, describe, expect, it } from 'vitest';
import { KringDb } from '../../src/storage/db';
import { openDevice, type Device } from '../../src/state/open-device';
import { ParticipantFlow } from '../../src/state/participant-flow.svelte';
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
const item = (id: string): Item =>
  survey.sections.flatMap((s) => s.items).find((i) => i.id === id)!;

describe('ParticipantFlow', () => {
  it('resumes the same response and section after a reload', async () => {
    const d = await device();
    const flow = new ParticipantFlow(d, survey, () => 1000);
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
    const answers: [string, string, string | number][] = [
      ['prof', 'prof.role', 'pupil'],
      ['prof', 'prof.school', 'a'],
      ['matrix', 'matrix.r1', 1],
      ['matrix', 'matrix.r2', 2],
      ['lik', 'lik.st1', 9],
      ['lik', 'lik.st2', 1],
      ['single', 'single', 'a'],
    ];
    for (const [id, key, value] of answers) await flow.answer(item(id), key, value);
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
});
