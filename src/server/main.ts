/**
 * `npm start`: the kit server for a session in a school. Options: `--port N` (or PORT, default
 * 8080), `--host H` (default all interfaces), `--dist DIR` (default ./dist), `--allow-origin URL`
 * (repeatable: web origins besides the server's own that may use `/signal`, e.g. where the app
 * is installed over https), `--ice-server URL` (repeatable: a STUN or TURN server for WebRTC,
 * e.g. `stun:192.168.1.1:3478`, for networks where devices cannot reach each other directly).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { renderUnicodeCompact } from 'uqr';
import { startKitServer } from './kit-server';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    dist: { type: 'string' },
    'allow-origin': { type: 'string', multiple: true },
    'ice-server': { type: 'string', multiple: true },
  },
});

const port = Number(values.port ?? process.env.PORT ?? 8080);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Kring: "${values.port ?? process.env.PORT}" is not a port number (0–65535).`);
  process.exit(2);
}

try {
  const kit = await startKitServer({
    distDir: resolve(values.dist ?? 'dist'),
    port,
    host: values.host ?? '0.0.0.0',
    iceServers: values['ice-server'] ?? [],
    signaling: {
      allowedOrigins: values['allow-origin'] ?? [],
      log: (message) => console.log(message),
    },
  });
  console.log(`\nKring kit server is running.\n`);
  console.log(`  Facilitator (this laptop):  ${kit.facilitatorUrl}`);
  if (kit.participantUrls.length === 0) {
    console.log(
      '  Participants: no network address yet. Connect this laptop to the school Wi-Fi or a hotspot.',
    );
  } else {
    console.log(
      '  Participants (tablets on the same network) open this and type the session code:',
    );
    for (const url of kit.participantUrls) console.log(`    ${url}join`);
    // One QR code, for the first network (a session's own QR code, with its code, is on the beamer).
    console.log(`\n${renderUnicodeCompact(`${kit.participantUrls[0]}join`, { border: 1 })}`);
  }
  console.log(`  Signaling for the sessions: ws://<address>:${kit.port}/signal`);
  console.log(`  Relay, where WebRTC cannot connect: ws://<address>:${kit.port}/relay`);
  console.log('\nPress Ctrl+C to stop.\n');
  const stop = () => {
    void kit.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  console.error(
    code === 'EADDRINUSE'
      ? `Kring: port ${port} is in use. Stop the other program or choose another port: npm start -- --port 8081`
      : `Kring: ${(error as Error).message}`,
  );
  process.exit(1);
}
