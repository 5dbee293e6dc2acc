import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  closeSession,
  isSessionClosed,
  publishDefinition,
  readDefinition,
} from '../../src/sync/session-channel';
import { studyJson } from '../fixtures/surveys';

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
