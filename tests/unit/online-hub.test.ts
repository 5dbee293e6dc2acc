/**
 * Online links on a running hub (issue 25): a facilitator puts a link with the study's hub key,
 * a respondent reads it and sends a sealed envelope, the facilitator pulls and opens it. The
 * respondent gets nothing but its own confirmation; the hub's file holds no answer.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startHub, type Hub } from '../../src/server/hub/hub-server';
import { codeHash } from '../../src/server/hub/online-drop';
import { addressOf } from '../../src/server/hub/online-routes';
import { toBase64Url, fromBase64Url } from '../../src/sync/admission';
import { openEnvelope, sealEnvelope, studyKeyPair } from '../../src/sync/online-envelope';

const running: Hub[] = [];
afterEach(async () => {
  for (const hub of running.splice(0)) await hub.close();
});

const ANSWER = 'Onze klas wandelt elke vrijdag naar het park van Zwijnaarde.';
const LINK = 'link-klas-5a';

async function hubWithLink(codes?: string[]) {
  const file = join(mkdtempSync(join(tmpdir(), 'kring-online-')), 'hub.sqlite');
  const hub = await startHub({ port: 0, host: '127.0.0.1', dataFile: file });
  running.push(hub);
  const base = hub.url.replace('ws://', 'http://');
  const key = await hub.store.createToken('som_2022', 'Anna');
  const study = studyKeyPair();
  const put = await fetch(`${base}/online/${LINK}`, {
    method: 'PUT',
    headers: { Authorization: `Bearer ${key}` },
    body: JSON.stringify({
      label: 'Klas 5A',
      publicKey: toBase64Url(study.publicKey),
      definition: '{"id":"som_na_corona","version":1}',
      ...(codes ? { codes: codes.map((c) => codeHash(LINK, c)) } : {}),
    }),
  });
  expect(put.status).toBe(200);
  return { hub, base, key, study, file };
}

function send(
  base: string,
  envelope: Uint8Array,
  version = 1,
  headers: Record<string, string> = {},
) {
  return fetch(`${base}/online/${LINK}/resp-aaaaaaaa?v=${version}`, {
    method: 'POST',
    headers: { 'X-Kring-Token': 'token-aaaaaaaa', ...headers },
    body: envelope as Uint8Array<ArrayBuffer>,
  });
}

describe('online links on the hub', () => {
  it('a respondent seals to the link, the facilitator pulls and opens; the hub keeps no answer', async () => {
    const { base, key, study, file } = await hubWithLink();
    const link = (await (await fetch(`${base}/online/${LINK}`)).json()) as Record<string, unknown>;
    expect(link).toMatchObject({ label: 'Klas 5A', open: true, codes: false });

    const plaintext = new TextEncoder().encode(JSON.stringify({ welbevinden_acties: ANSWER }));
    const address = { linkId: LINK, responseId: 'resp-aaaaaaaa', version: 1 };
    const envelope = sealEnvelope(fromBase64Url(link.publicKey as string)!, address, plaintext);
    const sent = await send(base, envelope);
    expect(sent.status).toBe(200);
    // The respondent's browser gets its confirmation and nothing else.
    expect(await sent.text()).toBe('{"ok":true}');

    // Without the study's key, nothing is listed.
    expect((await fetch(`${base}/online/studies/som_2022/envelopes`)).status).toBe(401);
    const pulled = (await (
      await fetch(`${base}/online/studies/som_2022/envelopes?after=0`, {
        headers: { Authorization: `Bearer ${key}` },
      })
    ).json()) as { envelopes: { envelope: string; responseId: string; version: number }[] };
    expect(pulled.envelopes).toHaveLength(1);
    const [got] = pulled.envelopes;
    const opened = openEnvelope(study, address, fromBase64Url(got!.envelope)!);
    expect(opened.ok && new TextDecoder().decode(opened.plaintext)).toContain(ANSWER);

    // The hub's SQLite file (and its log) hold the envelope, never the answer.
    for (const name of [file, `${file}-wal`]) {
      const bytes = readFileSync(name, { flag: 'r' }).toString('latin1');
      expect(bytes).not.toContain('Zwijnaarde');
    }
  });

  it('refuses a closed link, a second response with a used code, and a key of another study', async () => {
    const { hub, base, key, study } = await hubWithLink(['K7M2-Q9XP']);
    const envelope = sealEnvelope(
      study.publicKey,
      { linkId: LINK, responseId: 'resp-aaaaaaaa', version: 1 },
      new Uint8Array([1]),
    );
    expect((await send(base, envelope)).status).toBe(401); // no code
    expect((await send(base, envelope, 1, { 'X-Kring-Code': 'k7m2q9xp' })).status).toBe(200);
    const second = await fetch(`${base}/online/${LINK}/resp-bbbbbbbb?v=1`, {
      method: 'POST',
      headers: { 'X-Kring-Token': 'token-bbbbbbbb', 'X-Kring-Code': 'K7M2-Q9XP' },
      body: envelope as Uint8Array<ArrayBuffer>,
    });
    expect(second.status).toBe(409);
    expect(await second.json()).toEqual({ refused: 'codeUsed' });

    // Another study's key cannot list this study's envelopes nor change its link.
    const other = await hub.store.createToken('andere_studie');
    expect(
      (
        await fetch(`${base}/online/studies/som_2022/envelopes`, {
          headers: { Authorization: `Bearer ${other}` },
        })
      ).status,
    ).toBe(401);
    const link = { label: 'Klas 5A', publicKey: toBase64Url(study.publicKey), definition: '{}' };
    const taken = await fetch(`${base}/online/${LINK}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${other}` },
      body: JSON.stringify({ ...link, revoked: true }),
    });
    expect(taken.status).toBe(403);

    // Closing takes effect at once.
    const closed = await fetch(`${base}/online/${LINK}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${key}` },
      body: JSON.stringify({ ...link, revoked: true }),
    });
    expect(closed.status).toBe(200);
    const late = await send(base, envelope, 2, { 'X-Kring-Code': 'K7M2-Q9XP' });
    expect(late.status).toBe(403);
    expect(await late.json()).toEqual({ refused: 'closed' });
    // An envelope past the cap is cut off unread.
    const huge = await send(base, new Uint8Array(300 * 1024), 3, { 'X-Kring-Code': 'K7M2-Q9XP' });
    expect(huge.status).toBe(413);
  });

  it("lists the study's links and how many envelopes wait, to its key only, from any origin", async () => {
    const { hub, base, key, study } = await hubWithLink(['K7M2-Q9XP', 'B4TT-W2RZ']);
    const envelope = sealEnvelope(
      study.publicKey,
      { linkId: LINK, responseId: 'resp-aaaaaaaa', version: 1 },
      new Uint8Array([1]),
    );
    expect((await send(base, envelope, 1, { 'X-Kring-Code': 'K7M2-Q9XP' })).status).toBe(200);
    const auth = { headers: { Authorization: `Bearer ${key}` } };
    const listed = await fetch(`${base}/online/studies/som_2022/links`, auth);
    // The kit's page on the laptop is another origin than the hub.
    expect(listed.headers.get('access-control-allow-origin')).toBe('*');
    expect(await listed.json()).toEqual({
      links: [
        {
          id: LINK,
          label: 'Klas 5A',
          publicKey: toBase64Url(study.publicKey),
          revoked: false,
          codes: 2,
          codesUsed: 1,
          envelopes: 1,
        },
      ],
    });
    const waiting = (after: number) =>
      fetch(`${base}/online/studies/som_2022/waiting?after=${after}`, auth).then((r) => r.json());
    expect(await waiting(0)).toEqual({ waiting: 1 });
    expect(await waiting(1)).toEqual({ waiting: 0 });
    const other = await hub.store.createToken('andere_studie');
    const foreign = await fetch(`${base}/online/studies/som_2022/links`, {
      headers: { Authorization: `Bearer ${other}` },
    });
    expect(foreign.status).toBe(401);

    // The browser's preflight for a facilitator's call is answered; a respondent's post is
    // for the hub's own page only.
    const preflight = await fetch(`${base}/online/studies/som_2022/links`, { method: 'OPTIONS' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('Authorization');
    const post = await fetch(`${base}/online/${LINK}/resp-aaaaaaaa`, { method: 'OPTIONS' });
    expect(post.status).toBe(404);
    expect(post.headers.get('access-control-allow-origin')).toBeNull();

    // A change keeps the link's codes (they are made once, with the link).
    await fetch(`${base}/online/${LINK}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${key}` },
      body: JSON.stringify({
        label: 'Klas 5A (gesloten)',
        publicKey: toBase64Url(study.publicKey),
        definition: '{}',
        revoked: true,
      }),
    });
    const [changed] = (
      (await (await fetch(`${base}/online/studies/som_2022/links`, auth)).json()) as {
        links: object[];
      }
    ).links;
    expect(changed).toMatchObject({ label: 'Klas 5A (gesloten)', revoked: true, codes: 2 });
  });

  it("serves the app for a link's page when it has one, and only the app", async () => {
    const dist = mkdtempSync(join(tmpdir(), 'kring-dist-'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Kring</title>');
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'assets', 'app-1234.js'), 'console.log(1)');
    const file = join(mkdtempSync(join(tmpdir(), 'kring-online-')), 'hub.sqlite');
    const hub = await startHub({ port: 0, host: '127.0.0.1', dataFile: file, distDir: dist });
    running.push(hub);
    const base = hub.url.replace('ws://', 'http://');
    const page = await fetch(`${base}/o/link-klas-5a`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Kring</title>');
    const asset = await fetch(`${base}/assets/app-1234.js`);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${base}/assets/missing`)).status).toBe(404);
    // The hub's own address says what it is (no session's join page).
    expect(await (await fetch(`${base}/`)).text()).toContain('Kring study hub');
    // The online routes stay the hub's.
    expect((await fetch(`${base}/online/unknown-link`)).status).toBe(404);
  });

  it('behind a reverse proxy, counts each respondent by the address the proxy forwards', () => {
    const request = (forwarded?: string) =>
      ({
        socket: { remoteAddress: '127.0.0.1' },
        headers: forwarded ? { 'x-forwarded-for': forwarded } : {},
      }) as unknown as IncomingMessage;
    expect(addressOf(request('203.0.113.7'), true)).toBe('203.0.113.7');
    // A client may write the header's first entries itself; the proxy adds the last one.
    expect(addressOf(request('10.9.9.9, 198.51.100.4'), true)).toBe('198.51.100.4');
    expect(addressOf(request(), true)).toBe('127.0.0.1');
    // Not behind a proxy: the header is anyone's to write, and ignored.
    expect(addressOf(request('203.0.113.7'), false)).toBe('127.0.0.1');
  });

  it('answers a failing database with an error and goes on serving', async () => {
    const { hub, base } = await hubWithLink();
    const link = hub.store.drop.link.bind(hub.store.drop);
    hub.store.drop.link = () => Promise.reject(new Error('disk I/O error'));
    const failed = await fetch(`${base}/online/${LINK}`);
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({ refused: 'hubError' });
    hub.store.drop.link = link;
    expect((await fetch(`${base}/online/${LINK}`)).status).toBe(200);
  });
});
