import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { presetSchool } from '../../src/state/participant-session.svelte';
import {
  publishDeviceNumber,
  publishSchool,
  readDeviceNumber,
  readSchool,
  SESSION,
} from '../../src/sync/session-channel';
import { parsedSurvey, study, studyJson } from '../fixtures/surveys';

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
