/** A session as a hub document: written idempotently, merged as a union, read back as a bundle. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkBundle } from '../../src/domain/bundle';
import {
  indexedSessions,
  indexSessions,
  MAX_ENTRIES,
  readSession,
  slicesOf,
  writeSession,
} from '../../src/sync/hub-session-doc';
import { studyResponse } from '../fixtures/collected-sessions';
import { studyJson } from '../fixtures/surveys';

function bundleOf(sessionId: string, responses = [studyResponse(0), studyResponse(1)]) {
  return {
    format: 'kring-bundle' as const,
    formatVersion: 1 as const,
    exportedAt: 5,
    sessions: [
      {
        id: sessionId,
        title: 'T',
        school: 'De Klimop',
        createdAt: 1,
        closed: false,
        definition: studyJson(),
      },
    ],
    responses: responses.map((response, i) => ({ sessionId, deviceId: `d${i}`, response })),
    discussions: [{ sessionId, id: 'q1', prompt: 'Wat valt op?', startedAt: 3 }],
    reactions: [],
    notes: [{ sessionId, id: 'n1', text: 'Een werkgroep.', at: 4 }],
    moderation: [],
  };
}

const sync = (from: Y.Doc, to: Y.Doc) => Y.applyUpdate(to, Y.encodeStateAsUpdate(from));

describe('a session as a hub document', () => {
  it('writes only what the document lacks: pushing twice adds nothing', () => {
    const doc = new Y.Doc();
    const slice = slicesOf(bundleOf('s1')).get('s1')!;
    expect(writeSession(doc, slice)).toBe(5); // the session, 2 responses, a discussion, a note
    const state = Y.encodeStateVector(doc);
    expect(writeSession(doc, slice)).toBe(0);
    expect(Y.encodeStateVector(doc)).toEqual(state);
  });

  it('replaces a response only by a newer version of itself', () => {
    const doc = new Y.Doc();
    const first = studyResponse(0);
    writeSession(doc, slicesOf(bundleOf('s1', [first])).get('s1')!);
    const older = { ...first, updatedAt: first.updatedAt - 1, answers: {} };
    expect(writeSession(doc, slicesOf(bundleOf('s1', [older])).get('s1')!)).toBe(0);
    const newer = { ...first, updatedAt: first.updatedAt + 1 };
    expect(writeSession(doc, slicesOf(bundleOf('s1', [newer])).get('s1')!)).toBe(1);
    const read = readSession(doc);
    expect(read.ok && read.bundle.responses).toEqual([
      { sessionId: 's1', deviceId: 'd0', response: newer },
    ]);
  });

  it('two laptops writing the same session merge to one copy, read back as a bundle that checks', () => {
    const [a, b] = [new Y.Doc(), new Y.Doc()];
    const shared = studyResponse(0);
    writeSession(a, slicesOf(bundleOf('s1', [shared, studyResponse(1)])).get('s1')!);
    writeSession(b, slicesOf(bundleOf('s1', [shared, studyResponse(2)])).get('s1')!);
    sync(a, b);
    sync(b, a);
    const read = readSession(a);
    if (!read.ok) throw new Error('unreadable');
    expect(read.bundle.responses).toHaveLength(3);
    expect(checkBundle(read.bundle).ok).toBe(true);
    expect(readSession(b)).toEqual(read);
  });

  it('splits bundle data by session and keeps an index of the sessions', () => {
    const one = bundleOf('s1');
    const two = bundleOf('s2');
    const slices = slicesOf({
      ...one,
      sessions: [...one.sessions, ...two.sessions],
      responses: [...one.responses, ...two.responses],
    });
    expect([...slices.keys()]).toEqual(['s1', 's2']);
    expect(slices.get('s2')!.responses).toHaveLength(2);
    const index = new Y.Doc();
    indexSessions(index, [
      { id: 's1', title: 'T', school: 'A' },
      { id: 's2', title: 'T', school: 'B' },
    ]);
    index.getMap('sessions').set('../evil', {});
    expect(indexedSessions(index)).toEqual(['s1', 's2']);
  });

  it('does not read an empty document, nor one larger than any session', () => {
    expect(readSession(new Y.Doc())).toEqual({ ok: false, reason: 'empty' });
    const big = new Y.Doc();
    big.transact(() => {
      for (let i = 0; i <= MAX_ENTRIES; i++) big.getMap('notes').set(`n${i}`, 1);
    });
    expect(readSession(big)).toEqual({ ok: false, reason: 'tooLarge' });
  });
});
