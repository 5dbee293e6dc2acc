/**
 * The hub's write-only drop for online responses (issue 25): a respondent adds and replaces its
 * own envelope, never another's; a closed link refuses; caps hold; a replay changes nothing.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteHubStore } from '../../src/server/hub/hub-store';
import { MemoryDropStore } from '../fixtures/memory-drop-store';
import {
  codeHash,
  OnlineDrop,
  type DropLimits,
  type DropPut,
  type OnlineLink,
} from '../../src/server/hub/online-drop';

const LIMITS: DropLimits = {
  maxEnvelopeBytes: 1024,
  maxPerLink: 3,
  perAddressPerMinute: 5,
  perLinkPerMinute: 100,
};

type LinkOptions = { codes?: string[]; opensAt?: number; closesAt?: number };

/** The test's link, "Klas 5A" of study som_2022, with its dates and codes. */
const linkOf = (options: LinkOptions = {}): OnlineLink => ({
  id: 'link-klas-5a',
  studyId: 'som_2022',
  label: 'Klas 5A',
  publicKey: 'pk',
  definition: '{}',
  revoked: false,
  ...(options.opensAt ? { opensAt: options.opensAt } : {}),
  ...(options.closesAt ? { closesAt: options.closesAt } : {}),
  ...(options.codes
    ? { codes: new Set(options.codes.map((c) => codeHash('link-klas-5a', c))) }
    : {}),
});

function newDrop(options: LinkOptions = {}) {
  let now = 1_000_000;
  const store = new MemoryDropStore();
  store.links.set('link-klas-5a', linkOf(options));
  const drop = new OnlineDrop(store, LIMITS, () => now);
  return { store, drop, tick: (ms: number) => (now += ms) };
}

const put = (over: Partial<DropPut> = {}): DropPut => ({
  linkId: 'link-klas-5a',
  responseId: 'resp-aaaaaaaa',
  version: 1,
  token: 'token-aaaaaaaa',
  envelope: new Uint8Array([1, 2, 3]),
  address: '10.0.0.1',
  ...over,
});

describe("the hub's online drop", () => {
  it('adds an envelope and lets its own browser replace it with a later version, never another', async () => {
    const { store, drop } = newDrop();
    expect(await drop.put(put())).toEqual({ ok: true });
    expect(await drop.put(put({ version: 2, envelope: new Uint8Array([9]) }))).toEqual({
      ok: true,
    });
    expect((await store.envelope('link-klas-5a', 'resp-aaaaaaaa'))?.envelope).toEqual(
      new Uint8Array([9]),
    );
    // Another browser with the same response id and no token of its own: refused.
    expect(
      await drop.put(put({ version: 3, token: 'token-bbbbbbbb', envelope: new Uint8Array([6]) })),
    ).toEqual({ ok: false, refused: 'notYours' });
    // A replay (the same or an earlier version) is answered as stored and changes nothing.
    expect(await drop.put(put({ version: 1, envelope: new Uint8Array([1, 2, 3]) }))).toEqual({
      ok: true,
    });
    expect(await store.envelope('link-klas-5a', 'resp-aaaaaaaa')).toMatchObject({
      version: 2,
      envelope: new Uint8Array([9]),
      seq: 2,
    });
    // What a laptop pulls: the study's envelopes after a point, oldest first.
    expect((await store.since('som_2022', 0, 10)).map((e) => e.version)).toEqual([2]);
    expect(await store.since('andere_studie', 0, 10)).toEqual([]);
  });

  it('refuses a link that is revoked, closed or not yet open, at once', async () => {
    const { drop: before } = newDrop({ opensAt: 2_000_000 });
    expect(await before.put(put())).toEqual({ ok: false, refused: 'notOpenYet' });
    const { store, drop, tick } = newDrop({ closesAt: 1_000_500 });
    expect(await drop.put(put())).toEqual({ ok: true });
    tick(500);
    expect(await drop.put(put({ version: 2 }))).toEqual({ ok: false, refused: 'closed' });
    const { store: s2, drop: d2 } = newDrop();
    s2.links.get('link-klas-5a')!.revoked = true;
    expect(await d2.put(put())).toEqual({ ok: false, refused: 'closed' });
    expect(await drop.put(put({ linkId: 'geen-link-hier' }))).toEqual({
      ok: false,
      refused: 'unknownLink',
    });
    expect(await store.count('link-klas-5a')).toBe(1);
  });

  it('caps envelope size, envelopes per link and per address per minute', async () => {
    const { drop, tick } = newDrop();
    expect(await drop.put(put({ envelope: new Uint8Array(1025) }))).toEqual({
      ok: false,
      refused: 'tooLarge',
    });
    for (let i = 0; i < 3; i++)
      expect(
        await drop.put(put({ responseId: `resp-${i}aaaaaaa`, token: `token-${i}aaaaaaa` })),
      ).toEqual({
        ok: true,
      });
    expect(await drop.put(put({ responseId: 'resp-4aaaaaaa' }))).toEqual({
      ok: false,
      refused: 'linkFull',
    });
    // Five from one address in a minute (the refused ones count too), then it must wait.
    expect(await drop.put(put({ responseId: 'resp-5aaaaaaa' }))).toEqual({
      ok: false,
      refused: 'linkFull',
    });
    expect(await drop.put(put({ responseId: 'resp-6aaaaaaa' }))).toEqual({
      ok: false,
      refused: 'tooFast',
    });
    expect(await drop.put(put({ responseId: 'resp-5aaaaaaa', address: '10.0.0.2' }))).toEqual({
      ok: false,
      refused: 'linkFull',
    });
    tick(60_000);
    // A full link still takes a later version of a response it holds.
    expect(
      await drop.put(put({ responseId: 'resp-0aaaaaaa', token: 'token-0aaaaaaa', version: 2 })),
    ).toEqual({ ok: true });
    expect(await drop.put(put({ responseId: 'kort' }))).toEqual({
      ok: false,
      refused: 'malformed',
    });
  });

  it('with access codes: a code is one response, its case and spaces not counted', async () => {
    const { drop } = newDrop({ codes: ['K7M2-Q9XP', 'B4TT-W2RZ'] });
    expect(await drop.put(put())).toEqual({ ok: false, refused: 'codeNeeded' });
    expect(await drop.put(put({ code: 'XXXX-XXXX' }))).toEqual({
      ok: false,
      refused: 'codeUnknown',
    });
    expect(await drop.put(put({ code: 'k7m2 q9xp' }))).toEqual({ ok: true });
    // The same respondent updates its response with its code …
    expect(await drop.put(put({ code: 'K7M2-Q9XP', version: 2 }))).toEqual({ ok: true });
    // … not with a second, unused one (which it would use up for someone else).
    expect(await drop.put(put({ code: 'B4TT-W2RZ', version: 3 }))).toEqual({
      ok: false,
      refused: 'codeUsed',
    });
    // … but a second response with that code is refused.
    expect(
      await drop.put(
        put({
          responseId: 'resp-bbbbbbbb',
          token: 'token-bbbbbbbb',
          code: 'K7M2-Q9XP',
          address: '10.0.0.2',
        }),
      ),
    ).toEqual({ ok: false, refused: 'codeUsed' });
    expect(
      await drop.put(
        put({
          responseId: 'resp-bbbbbbbb',
          token: 'token-bbbbbbbb',
          code: 'B4TT-W2RZ',
          address: '10.0.0.2',
        }),
      ),
    ).toEqual({ ok: true });
  });

  it('keeps links, envelopes and used codes in the SQLite file across a restart', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'kring-drop-')), 'hub.sqlite');
    const firstHub = new SqliteHubStore(file);
    const first = firstHub.drop;
    await first.putLink(linkOf({ closesAt: 2_000_000, codes: ['K7M2-Q9XP'] }));
    const drop = new OnlineDrop(first, LIMITS, () => 1_000_000);
    expect(await drop.put(put({ code: 'K7M2-Q9XP' }))).toEqual({ ok: true });
    expect(
      await drop.put(put({ code: 'K7M2-Q9XP', version: 2, envelope: new Uint8Array([7]) })),
    ).toEqual({ ok: true });
    await firstHub.close();

    const againHub = new SqliteHubStore(file);
    const again = againHub.drop;
    const reopened = new OnlineDrop(again, LIMITS, () => 1_000_000);
    const [held] = await again.since('som_2022', 0, 10);
    expect(held).toMatchObject({
      responseId: 'resp-aaaaaaaa',
      version: 2,
      envelope: new Uint8Array([7]),
    });
    // The code stays used, the token stays the respondent's, the link stays as it was set.
    expect(
      await reopened.put(
        put({ responseId: 'resp-bbbbbbbb', token: 'token-bbbbbbbb', code: 'K7M2-Q9XP' }),
      ),
    ).toEqual({ ok: false, refused: 'codeUsed' });
    expect(
      await reopened.put(put({ token: 'token-bbbbbbbb', version: 3, code: 'K7M2-Q9XP' })),
    ).toEqual({
      ok: false,
      refused: 'notYours',
    });
    // A later version is pulled again: it comes after the place the first pull reached.
    expect(
      await reopened.put(put({ version: 3, code: 'K7M2-Q9XP', envelope: new Uint8Array([8]) })),
    ).toEqual({ ok: true });
    expect((await again.since('som_2022', held!.seq, 10)).map((e) => e.version)).toEqual([3]);
    // Revoked: refused at once.
    await again.putLink({ ...(await again.link('link-klas-5a'))!, revoked: true });
    expect(await reopened.put(put({ version: 4, code: 'K7M2-Q9XP' }))).toEqual({
      ok: false,
      refused: 'closed',
    });
    await againHub.close();
  });
});
