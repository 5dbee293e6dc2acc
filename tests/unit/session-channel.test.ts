import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { presetSchool } from '../../src/state/participant/participant-session.svelte';
import {
  closeSession,
  isSessionClosed,
  publishDefinition,
  publishDeviceNumber,
  publishSchool,
  readDefinition,
  readDeviceNumber,
  readSchool,
  SESSION,
} from '../../src/sync/session-channel';
import { parsedSurvey, study, studyJson } from '../fixtures/surveys';

/** The laptop's and the tablet's copies of one device doc, connected in memory. */
function pair() {
  const laptop = new Y.Doc();
  const tablet = new Y.Doc();
  laptop.on(
    'update',
    (u: Uint8Array, o: unknown) => o !== 'net' && Y.applyUpdate(tablet, u, 'net'),
  );
  tablet.on(
    'update',
    (u: Uint8Array, o: unknown) => o !== 'net' && Y.applyUpdate(laptop, u, 'net'),
  );
  return { laptop, tablet };
}

describe('session channel', () => {
  it('brings the survey definition to a tablet that had nothing in advance', () => {
    const { laptop, tablet } = pair();
    expect(readDefinition(tablet)).toEqual({ state: 'none' });
    publishDefinition(laptop, JSON.stringify(studyJson()));
    const result = readDefinition(tablet);
    expect(result).toMatchObject({ ok: true, survey: { id: 'som_na_corona', version: 1 } });
  });

  it('validates what arrives: a broken definition gives the validator issues, not a crash', () => {
    const { laptop, tablet } = pair();
    laptop.getMap('session').set('definition', '{"format": "kring-survey"}');
    const result = readDefinition(tablet);
    expect(result).toMatchObject({ ok: false });
    laptop.getMap('session').set('definition', 42);
    expect(readDefinition(tablet)).toMatchObject({ ok: false, issues: [{ code: 'notObject' }] });
  });

  it('does not write again when the same definition is published twice', () => {
    const { laptop } = pair();
    let updates = 0;
    laptop.on('update', () => updates++);
    const text = JSON.stringify(studyJson());
    publishDefinition(laptop, text);
    publishDefinition(laptop, text);
    expect(updates).toBe(1);
  });

  it('tells the tablet when the session is closed', () => {
    const { laptop, tablet } = pair();
    expect(isSessionClosed(tablet)).toBe(false);
    closeSession(laptop);
    expect(isSessionClosed(tablet)).toBe(true);
  });
});

describe("what the facilitator tells a tablet through the tablet's doc", () => {
  it('its number and the school, and nothing a hostile laptop could break the tablet with', () => {
    const doc = new Y.Doc();
    expect(readDeviceNumber(doc)).toBeUndefined();
    publishDeviceNumber(doc, 4);
    publishSchool(doc, '  De Klimop ');
    expect(readDeviceNumber(doc)).toBe(4);
    expect(readSchool(doc)).toBe('De Klimop');
    const session = doc.getMap<unknown>(SESSION);
    for (const bad of [0, -1, 2.5, '4', 1e9]) {
      session.set('number', bad);
      expect(readDeviceNumber(doc)).toBeUndefined();
    }
    for (const bad of [42, '', '   ', 'x'.repeat(201)]) {
      session.set('school', bad);
      expect(readSchool(doc)).toBeUndefined();
    }
  });

  it("fills the profile's school from the session's, or its list's entry of that name", () => {
    expect(presetSchool(study(), 'De Klimop')).toEqual({ 'profiel.school': 'De Klimop' });
    expect(presetSchool(study(), undefined)).toEqual({});
    const json = studyJson() as { sections: { items: Record<string, unknown>[] }[] };
    json.sections[0]!.items[0]!.schools = [
      { id: 'klimop', text: { nl: 'De Klimop', en: 'De Klimop' } },
      { id: 'linde', text: { nl: 'De Linde', en: 'De Linde' } },
    ];
    const listed = parsedSurvey(json);
    expect(presetSchool(listed, 'de klimop')).toEqual({ 'profiel.school': 'klimop' });
    expect(presetSchool(listed, 'Elders')).toEqual({}); // then the participant picks
  });
});
