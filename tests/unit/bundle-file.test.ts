/**
 * A bundle file imported piece by piece (state/study/bundle-file.ts): the same outcome as the
 * whole file checked at once, the same problems, nothing stored when one response fails, and a
 * large file read again for the writes instead of kept in memory.
 */
import { describe, expect, it, vi } from 'vitest';
import { checkBundle } from '../../src/domain/bundle';
import { importStreamedBundle } from '../../src/state/study/bundle-file';
import { importBundle, type ImportProgress } from '../../src/state/study/bundles';
import { collectedIn } from '../../src/storage/collected-store';
import type { KringDb } from '../../src/storage/db';
import { freshDatabases } from '../fixtures/databases';
import { studyBundle } from '../fixtures/study-bundle';

const database = freshDatabases('bundle-file');

/** A file of this bundle, its fields in this order (Kring writes the sessions first). */
function fileOf(bundle: object, order?: string[]): File {
  const sorted = order
    ? Object.fromEntries(order.map((key) => [key, (bundle as Record<string, unknown>)[key]]))
    : bundle;
  return new File([JSON.stringify(sorted, null, 1)], 'studie.json');
}

async function stored(db: KringDb) {
  const sessions = (await db.sessions.toArray()).map((s) => s.id).sort();
  const rows = await collectedIn(db, sessions);
  return {
    sessions,
    rows: rows.map(({ key, sessionId, status, response }) => ({
      key,
      sessionId,
      status,
      response,
    })),
  };
}

describe('a bundle file read piece by piece', () => {
  it('stores what the whole bundle stores, kept from the check or read again, in either field order', async () => {
    const bundle = studyBundle(60, 3);
    const whole = database();
    expect(await importBundle(whole, bundle)).toMatchObject({ ok: true });
    const expected = await stored(whole);
    expect(expected.rows).toHaveLength(60);

    const keys = Object.keys(bundle);
    const responsesFirst = ['responses', ...keys.filter((k) => k !== 'responses')];
    for (const [order, keepBytes] of [
      [undefined, undefined],
      [undefined, 0],
      [responsesFirst, undefined],
    ] as const) {
      const db = database();
      const progress: ImportProgress[] = [];
      const result = await importStreamedBundle(db, fileOf(bundle, order), {
        batchSize: 25,
        keepBytes,
        onProgress: (p) => progress.push(p),
      });
      expect(result).toMatchObject({ ok: true, summary: { sessionsAdded: 3, responsesAdded: 60 } });
      expect(await stored(db)).toEqual(expected);
      expect(progress.map((p) => p.stored)).toEqual([0, 25, 50, 60]);
    }
  });

  it('reads a file a few bytes at a time, its characters of several bytes split between reads', async () => {
    const bundle = studyBundle(3, 1);
    const first = bundle.responses[0]!.response;
    first.answers = {
      ...first.answers,
      welbevinden_acties: 'Rust’s middags — café “de Klimop” 🌳 ☕',
    };
    const whole = database();
    await importBundle(whole, bundle);
    for (const sliceBytes of [3, 61]) {
      const db = database();
      const result = await importStreamedBundle(db, fileOf(bundle), { sliceBytes, keepBytes: 0 });
      expect(result).toMatchObject({ ok: true, summary: { responsesAdded: 3 } });
      expect(await stored(db)).toEqual(await stored(whole));
    }
  });

  it('reads the file once when the sessions come first, and again only when it must', async () => {
    const bundle = studyBundle(30, 2);
    const reads = async (file: File, keepBytes?: number) => {
      const slices = vi.spyOn(file, 'slice');
      expect(
        await importStreamedBundle(database(), file, { batchSize: 10, keepBytes }),
      ).toMatchObject({ ok: true, summary: { responsesAdded: 30 } });
      return slices.mock.calls.filter(([start]) => start === 0).length;
    };
    // Kring's order: the head and the responses checked in one pass, the responses kept.
    expect(await reads(fileOf(bundle))).toBe(1);
    // Past the size kept, the responses are read once more for the writes.
    expect(await reads(fileOf(bundle), 5_000)).toBe(2);
    // The responses before the sessions: checked in a second pass.
    const keys = Object.keys(bundle);
    const responsesFirst = ['responses', ...keys.filter((k) => k !== 'responses')];
    expect(await reads(fileOf(bundle, responsesFirst))).toBe(2);
  });

  it('refuses a bundle with one bad response, with the problems the whole check gives, and stores nothing', async () => {
    const bundle = studyBundle(40, 2);
    const responses = bundle.responses as unknown as Record<string, unknown>[];
    responses[7] = { ...responses[7], sessionId: 'onbekend' };
    responses[31] = { ...responses[31], deviceId: 42 };
    const twelfth = bundle.responses[12]!.response;
    twelfth.answers = { ...twelfth.answers, 'profiel.role': 'astronaut' };
    const db = database();
    const result = await importStreamedBundle(db, fileOf(bundle), { keepBytes: 0 });
    const whole = checkBundle(JSON.parse(JSON.stringify(bundle)));
    expect(result).toMatchObject({ ok: false });
    // The whole check stops at the shape; read piece by piece, every problem comes in order.
    expect(whole).toMatchObject({ ok: false, problems: [{ path: 'responses.31.deviceId' }] });
    expect('problems' in result && result.problems).toContainEqual(
      (whole as { problems: unknown[] }).problems[0],
    );
    const paths =
      'problems' in result ? result.problems.map((p) => ('path' in p ? p.path : '')) : [];
    expect(paths).toEqual(['responses.7', 'responses.12', 'responses.31.deviceId']);
    expect(await db.sessions.count()).toBe(0);
    expect(await db.collected.count()).toBe(0);
  });

  it('says what is wrong with a file that is not a bundle, is cut off, or holds broken JSON', async () => {
    const db = database();
    const text = JSON.stringify(studyBundle(5, 1));
    const problem = async (content: string) => {
      const result = await importStreamedBundle(db, new File([content], 'x.json'));
      return 'problems' in result ? result.problems[0] : result;
    };
    expect(await problem('[1, 2, 3]')).toEqual({ code: 'notBundle' });
    expect(await problem('Dit is geen JSON')).toEqual({ code: 'notBundle' });
    expect(await problem(`{"format": "iets-anders", "data": ${'[1,'.repeat(1000)}`)).toEqual({
      code: 'notBundle',
    });
    expect(await problem(text.slice(0, 3000))).toMatchObject({
      code: 'json',
      detail: expect.stringMatching(/ends too early/),
    });
    expect(await problem(text.replace('"responses":[{', '"responses":[{,'))).toMatchObject({
      code: 'json',
    });
    expect(await problem('{"format": "kring-bundle"}')).toMatchObject({ code: 'shape' });
    expect(await db.collected.count()).toBe(0);
    // A bundle without responses is one.
    const empty = { ...studyBundle(0, 1) };
    expect(await importStreamedBundle(db, fileOf(empty))).toMatchObject({
      ok: true,
      summary: { sessionsAdded: 1, responsesAdded: 0 },
    });
  });

  it('a file that cannot be read says so', async () => {
    const gone = new File(['{}'], 'weg.json');
    vi.spyOn(gone, 'slice').mockImplementation(() =>
      Object.assign(new Blob(), {
        arrayBuffer: () => Promise.reject(new DOMException('gone', 'NotReadableError')),
      }),
    );
    expect(await importStreamedBundle(database(), gone)).toEqual({ ok: false, unreadable: true });
  });
});
