/**
 * `npm run hub`: the study hub. Options: `--port N` (or HUB_PORT, default 8090), `--host H`
 * (default all interfaces), `--data FILE` (default ./kring-hub.sqlite).
 * `npm run hub -- token STUDY [--label TEXT]`: prints a new study token for a facilitator.
 * `npm run hub -- revoke STUDY`: withdraws every token of a study.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

// The hub's packages are optional dependencies (better-sqlite3 is built for the machine): a
// laptop that only runs sessions installs without them.
const [{ HubStore }, { startHub }] = await Promise.all([
  import('./hub-store.ts'),
  import('./hub-server.ts'),
]).catch((error: Error) => {
  console.error(
    `Kring hub: its packages are not installed (${error.message}). Run \`npm install\` with a C++ build toolchain, or on a machine where better-sqlite3 has a prebuilt binary.`,
  );
  process.exit(1);
});

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    data: { type: 'string' },
    label: { type: 'string' },
  },
});
const dataFile = resolve(values.data ?? 'kring-hub.sqlite');
const [command, study] = positionals;

if (command === 'token' || command === 'revoke') {
  if (!study) {
    console.error('Kring hub: give the study id, e.g. `token som_2022`.');
    process.exit(2);
  }
  const store = new HubStore(dataFile);
  if (command === 'token') {
    try {
      console.log(store.createToken(study, values.label ?? ''));
    } catch (error) {
      console.error(`Kring hub: ${(error as Error).message} (use letters, digits, _ and -).`);
      process.exit(2);
    }
    console.error(
      `A token for study "${study}" (kept as a hash in ${dataFile}). Give it to one facilitator.`,
    );
  } else {
    console.error(`Withdrew ${store.revokeTokens(study)} token(s) of study "${study}".`);
  }
  store.close();
} else if (command === undefined) {
  const port = Number(values.port ?? process.env.HUB_PORT ?? 8090);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`Kring hub: "${values.port ?? process.env.HUB_PORT}" is not a port number.`);
    process.exit(2);
  }
  const hub = await startHub({ port, host: values.host, dataFile, log: (m) => console.error(m) });
  console.log(
    `Kring study hub on ws://${values.host ?? '0.0.0.0'}:${hub.port} (data: ${dataFile})`,
  );
  const stop = () => void hub.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} else {
  console.error(`Kring hub: unknown command "${command}" (try: token STUDY, revoke STUDY).`);
  process.exit(2);
}
