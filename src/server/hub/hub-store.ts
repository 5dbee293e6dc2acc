/**
 * The study hub's storage, one SQLite file: each Yjs document's state (a session's data or a
 * study's coding doc, by name) and the study tokens. A token is kept only as its SHA-256 hash,
 * so the file does not hand out access to whoever copies it.
 */
import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';

export interface TokenRow {
  study: string;
  label: string;
  createdAt: number;
}

/** A study's or document's id in the hub: letters, digits, `_` and `-`, at most 64. */
export const ID = '[A-Za-z0-9_-]{1,64}';
const STUDY_ID = new RegExp(`^${ID}$`);

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export class HubStore {
  readonly #db: Database.Database;

  constructor(file: string) {
    this.#db = new Database(file);
    this.#db.pragma('journal_mode = WAL'); // a crash mid-write leaves the last committed state
    this.#db.exec(`
      CREATE TABLE IF NOT EXISTS documents (
        name TEXT PRIMARY KEY, state BLOB NOT NULL, updated_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS tokens (
        hash TEXT PRIMARY KEY, study TEXT NOT NULL, label TEXT NOT NULL, created_at INTEGER NOT NULL);
    `);
  }

  /** The stored state of a document (a Yjs update), or null for a new one. */
  fetch(name: string): Uint8Array | null {
    const row = this.#db.prepare('SELECT state FROM documents WHERE name = ?').get(name) as
      { state: Buffer } | undefined;
    return row ? new Uint8Array(row.state) : null;
  }

  store(name: string, state: Uint8Array): void {
    this.#db
      .prepare(
        `INSERT INTO documents (name, state, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(name) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
      )
      .run(name, Buffer.from(state), Date.now());
  }

  /** A new token for one study (32 random bytes, base64url); only its hash is stored. */
  createToken(study: string, label = ''): string {
    if (!STUDY_ID.test(study)) throw new Error(`not a study id: "${study}"`);
    const token = randomBytes(32).toString('base64url');
    this.#db
      .prepare('INSERT INTO tokens (hash, study, label, created_at) VALUES (?, ?, ?, ?)')
      .run(hash(token), study, label, Date.now());
    return token;
  }

  /** The study a token gives access to, if it is one of ours. */
  tokenOf(token: string): TokenRow | undefined {
    return this.#db
      .prepare('SELECT study, label, created_at AS createdAt FROM tokens WHERE hash = ?')
      .get(hash(token)) as TokenRow | undefined;
  }

  revokeTokens(study: string): number {
    return this.#db.prepare('DELETE FROM tokens WHERE study = ?').run(study).changes;
  }

  close(): void {
    this.#db.close();
  }
}
