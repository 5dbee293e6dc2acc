/**
 * The hub beyond one machine: Postgres as its store (through the database extension) and two hub
 * nodes behind Redis (Hocuspocus's Redis extension), each with its own laptop, converging.
 * Uses the machine's redis-server and Postgres (`.ci/run` installs them).
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from '../../src/server/hub/hub-server';
import { PostgresHubStore } from '../../src/server/hub/hub-store-postgres';
import { codeHash } from '../../src/server/hub/online-drop';
import { toBase64Url } from '../../src/sync/admission';
import { studyKeyPair } from '../../src/sync/online-envelope';
import { sealResponse } from '../../src/sync/online-inbox';
import { KringDb } from '../../src/storage/db';
import { HubSync } from '../../src/state/hub/hub-sync.svelte';
import { hubKey } from '../../src/sync/hub-names';
import { sessionWithResponses } from '../fixtures/collected-sessions';
import { startPostgres, startRedis, type Service } from '../fixtures/service-processes';
import { eventually } from '../fixtures/settle';

const STUDY = 'som_2022';
let postgres: Service & { url: string };
let redis: Service;
beforeAll(async () => {
  [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
}, 60_000);
afterAll(async () => {
  await Promise.all([postgres?.stop(), redis?.stop()]);
});

const running: { close(): unknown }[] = [];
afterEach(async () => {
  for (const item of running.splice(0).reverse()) await item.close();
});

let n = 0;
function laptop(): KringDb {
  const db = new KringDb(`cluster-laptop-${++n}`);
  running.push(db);
  return db;
}

async function node(withRedis: boolean): Promise<Hub> {
  const hub = await startHub({
    port: 0,
    host: '127.0.0.1',
    store: await PostgresHubStore.open(postgres.url),
    ...(withRedis ? { redis: { host: '127.0.0.1', port: redis.port } } : {}),
  });
  running.push(hub);
  return hub;
}

async function sync(db: KringDb, hub: Hub, key: string): Promise<HubSync> {
  const sync = new HubSync(db, { WebSocketPolyfill: WebSocket, maxDelayMs: 500, pullEveryMs: 20 });
  running.push({ close: () => sync.stop() });
  await sync.start({ url: hub.url, key, on: true });
  return sync;
}

describe('the hub on Postgres and Redis', () => {
  it('keeps documents and tokens in Postgres: a new hub process serves them, tokens only as hashes', async () => {
    let hub = await node(false);
    const key = hubKey(STUDY, await hub.store.createToken(STUDY, 'Anna'));
    const anna = laptop();
    await sessionWithResponses(anna, 'De Klimop', 6);
    const a = await sync(anna, hub, key);
    await eventually(() => a.inSync, 'pushed');
    a.stop();
    await hub.close(); // stores every document first
    running.splice(running.indexOf(hub), 1);

    hub = await node(false);
    const bram = laptop();
    await sync(bram, hub, key); // the same key: the token is in Postgres
    await eventually(
      async () => (await bram.collected.count()) === 6,
      'the 6 responses from Postgres',
    );

    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    const { rows } = await client.query<{ hash: string }>('SELECT hash FROM kring_tokens');
    await client.end();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.hash)).not.toContain(key.split('.')[1]);
  }, 40_000);

  it('two hub nodes behind Redis converge: a laptop on each gets the other laptop’s sessions live', async () => {
    const [one, two] = [await node(true), await node(true)];
    const anna = laptop();
    const bram = laptop();
    await sessionWithResponses(anna, 'De Klimop', 5);
    await sessionWithResponses(bram, 'Atheneum', 4);
    // Tokens made on one node open the study on the other (one Postgres). A study of its own:
    // the Postgres of this file also holds the first test's.
    const study = 'twee_nodes';
    const a = await sync(anna, one, hubKey(study, await one.store.createToken(study)));
    const b = await sync(bram, two, hubKey(study, await one.store.createToken(study)));
    await eventually(
      async () => (await anna.collected.count()) === 9 && (await bram.collected.count()) === 9,
      'all 9 responses on both laptops, across the nodes',
    );
    await eventually(
      () => a.inSync && b.inSync && a.sessions === 2 && b.sessions === 2,
      'both in sync',
    );
    // The package that carries the nodes' messages is Hocuspocus's own, not ours.
    const pkg = JSON.parse(
      readFileSync('node_modules/@hocuspocus/extension-redis/package.json', 'utf8'),
    ) as { version: string };
    expect(pkg.version).toMatch(/^3\./);
  }, 40_000);

  it('keeps online links and their envelopes in Postgres: a respondent on one node, a laptop pulls on the other', async () => {
    const [one, two] = [await node(false), await node(false)];
    const study = 'online_nodes';
    const key = await one.store.createToken(study);
    const pair = studyKeyPair();
    const http = (hub: Hub) => hub.url.replace('ws://', 'http://');
    const put = await fetch(`${http(one)}/online/link-postgres-1`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${key}` },
      body: JSON.stringify({
        label: 'Klas 6B',
        publicKey: toBase64Url(pair.publicKey),
        definition: '{}',
        codes: [codeHash('link-postgres-1', 'AB12-CD34')],
      }),
    });
    expect(put.status).toBe(200);
    const { address, envelope } = sealResponse(pair.publicKey, 'link-postgres-1', 1, {
      id: 'P'.repeat(21),
      surveyId: 'x',
      surveyVersion: 1,
      status: 'submitted',
      language: 'nl',
      startedAt: 1,
      updatedAt: 2,
      answers: {},
    });
    const send = (hub: Hub, responseId: string) =>
      fetch(`${http(hub)}/online/link-postgres-1/${responseId}?v=1`, {
        method: 'POST',
        headers: { 'X-Kring-Token': `token-${responseId}`, 'X-Kring-Code': 'AB12-CD34' },
        body: envelope as Uint8Array<ArrayBuffer>,
      });
    expect((await send(two, address.responseId)).status).toBe(200);
    // The code was used on the other node: one database, one rule.
    expect((await send(one, 'Q'.repeat(21))).status).toBe(409);
    const pulled = (await (
      await fetch(`${http(one)}/online/studies/${study}/envelopes`, {
        headers: { Authorization: `Bearer ${key}` },
      })
    ).json()) as { envelopes: { responseId: string; version: number }[] };
    expect(pulled.envelopes).toMatchObject([{ responseId: 'P'.repeat(21), version: 1 }]);
  }, 40_000);
});
