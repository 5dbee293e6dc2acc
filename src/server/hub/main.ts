/**
 * `npm run hub`: the study hub. Options: `--port N` (or HUB_PORT, default 8090), `--host H`
 * (default all interfaces), `--data FILE` (default ./kring-hub.sqlite), or `--postgres URL` (or
 * KRING_HUB_POSTGRES) to keep everything in Postgres instead, and `--redis HOST:PORT` to run
 * several hub nodes (each with the same Postgres) that serve the same documents. It serves the
 * built app (`--dist DIR`, default ./dist) for online links' respondents (`/o/<link>`);
 * `--behind-proxy` counts them by the address a reverse proxy forwards; `--online-per-address N`,
 * `--online-per-link N` (envelopes a minute) and `--online-max-per-link N` change the drop's caps.
 * `npm run hub -- token STUDY [--label TEXT]`: prints a new hub key (`STUDY.TOKEN`) for a facilitator.
 * `npm run hub -- revoke STUDY`: withdraws every token of a study.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { hasBuiltApp } from '../app-assets.ts';
import { hubKey } from '../../sync/hub-names.ts';
import type { HubStore } from './hub-store.ts';
import type { DropLimits } from './online-drop.ts';

const fail = (message: string, code = 2): never => {
  console.error(`Kring hub: ${message}`);
  process.exit(code);
};

// The hub's packages are optional dependencies (better-sqlite3 is built for the machine): a
// laptop that only runs sessions installs without them.
const load = <T>(module: Promise<T>): Promise<T> =>
  module.catch((error: Error & { code?: string }) => {
    if (error.code !== 'ERR_MODULE_NOT_FOUND' && !/better_sqlite3|bindings/.test(error.message))
      throw error;
    return fail(
      `its packages are not installed (${error.message}). Run \`npm install\` with a C++ build toolchain, or on a machine where better-sqlite3 has a prebuilt binary.`,
      1,
    );
  });

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    data: { type: 'string' },
    postgres: { type: 'string' },
    redis: { type: 'string' },
    label: { type: 'string' },
    dist: { type: 'string' },
    'behind-proxy': { type: 'boolean' },
    'online-per-address': { type: 'string' },
    'online-per-link': { type: 'string' },
    'online-max-per-link': { type: 'string' },
  },
});
const dataFile = resolve(values.data ?? 'kring-hub.sqlite');
const postgres = values.postgres ?? process.env.KRING_HUB_POSTGRES;
const where = postgres ? 'Postgres' : dataFile;
const [command, study] = positionals;

async function openStore(): Promise<HubStore> {
  if (postgres) {
    const { PostgresHubStore } = await load(import('./hub-store-postgres.ts'));
    return PostgresHubStore.open(postgres).catch((error: Error) =>
      fail(`cannot reach Postgres (${error.message}).`, 1),
    );
  }
  const { SqliteHubStore } = await load(import('./hub-store.ts'));
  return new SqliteHubStore(dataFile);
}

function redisAddress(text: string | undefined): { host: string; port: number } | undefined {
  if (text === undefined) return undefined;
  const match = /^([^:]+)(?::(\d+))?$/.exec(text);
  if (!match) return fail(`"${text}" is not a Redis address (HOST or HOST:PORT).`);
  return { host: match[1]!, port: Number(match[2] ?? 6379) };
}

/** The online drop's caps as given (each a whole number above 0); the rest keep their defaults. */
function onlineLimits(): Partial<DropLimits> {
  const limits: Partial<DropLimits> = {};
  const set = (option: string, field: keyof DropLimits) => {
    const text = values[option as keyof typeof values];
    if (typeof text !== 'string') return;
    const value = Number(text);
    if (!Number.isSafeInteger(value) || value < 1)
      fail(`--${option} takes a whole number above 0, not "${text}".`);
    limits[field] = value;
  };
  set('online-per-address', 'perAddressPerMinute');
  set('online-per-link', 'perLinkPerMinute');
  set('online-max-per-link', 'maxPerLink');
  return limits;
}

if (command === 'token' || command === 'revoke') {
  if (!study) fail('give the study id, e.g. `token som_2022`.');
  const store = await openStore();
  if (command === 'token') {
    const token = await store
      .createToken(study!, values.label ?? '')
      .catch((error: Error) => fail(`${error.message} (use letters, digits, _ and -).`));
    // The hub key: what the facilitator pastes into the kit page (the study and the token).
    console.log(hubKey(study!, token));
    console.error(
      `A hub key for study "${study}" (its token is kept as a hash in ${where}). Give it to one facilitator: they paste it, with this hub's address, on the kit page under "Study hub".`,
    );
  } else {
    console.error(`Withdrew ${await store.revokeTokens(study!)} token(s) of study "${study}".`);
  }
  await store.close();
} else if (command === undefined) {
  const port = Number(values.port ?? process.env.HUB_PORT ?? 8090);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    fail(`"${values.port ?? process.env.HUB_PORT}" is not a port number.`);
  const redis = redisAddress(values.redis);
  const { startHub } = await load(import('./hub-server.ts'));
  const distDir = resolve(values.dist ?? 'dist');
  const served = hasBuiltApp(distDir);
  if (!served)
    console.error(
      `Kring hub: no built app in ${distDir}, so online links' pages are not served. Run \`npm run build\` first.`,
    );
  const hub = await startHub({
    ...(served ? { distDir } : {}),
    behindProxy: values['behind-proxy'] === true,
    onlineLimits: onlineLimits(),
    port,
    host: values.host,
    store: await openStore(),
    ...(redis ? { redis } : {}),
    log: (m) => console.error(m),
  });
  console.log(
    `Kring study hub on ws://${values.host ?? '0.0.0.0'}:${hub.port} (data: ${where}${redis ? `, Redis ${redis.host}:${redis.port}` : ''})`,
  );
  const stop = () => void hub.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} else {
  fail(`unknown command "${command}" (try: token STUDY, revoke STUDY).`);
}
