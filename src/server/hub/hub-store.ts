/**
 * The study hub's storage: each Yjs document's state (a session's data, a study's coding doc or
 * index, by name) and the study tokens. A token is kept only as its SHA-256 hash, so the store
 * does not hand out access to whoever copies it. One SQLite file by default (better-sqlite3);
 * Postgres (hub-store-postgres.ts) for several hub nodes that share one database.
 */
import Database from 'better-sqlite3';
import { createHash, randomBytes } from 'node:crypto';
import { STUDY_ID } from '../../sync/hub-names.ts';
import type { OnlineStore } from './online-drop.ts';
import { SqliteDropStore } from './online-drop-sqlite.ts';

export interface TokenRow {
  study: string;
  label: string;
  createdAt: number;
}

export interface HubStore {
  /** The stored state of a document (a Yjs update), or null for a new one. */
  fetch(name: string): Promise<Uint8Array | null>;
  store(name: string, state: Uint8Array): Promise<void>;
  /** A new token for one study (32 random bytes, base64url); only its hash is stored. */
  createToken(study: string, label?: string): Promise<string>;
  /** The study a token gives access to, if it is one of ours. */
  tokenOf(token: string): Promise<TokenRow | undefined>;
  revokeTokens(study: string): Promise<number>;
  /** The online links' drop (issue 25), in the same database. */
  readonly drop: OnlineStore;
  close(): Promise<void>;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new token and its hash; throws for a study id outside the document names' scheme. */
export function newToken(study: string): { token: string; hash: string } {
  if (!STUDY_ID.test(study)) throw new Error(`not a study id: "${study}"`);
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export class SqliteHubStore implements HubStore {
  readonly #db: Database.Database;
  readonly drop: SqliteDropStore;

  constructor(file: string) {
    this.#db = new Database(file);
    this.#db.pragma('journal_mode = WAL'); // a crash mid-write leaves the last committed state
    this.#db.exec(`
      CREATE TABLE IF NOT EXISTS documents (
        name TEXT PRIMARY KEY, state BLOB NOT NULL, updated_at INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS tokens (
        hash TEXT PRIMARY KEY, study TEXT NOT NULL, label TEXT NOT NULL, created_at INTEGER NOT NULL);
    `);
    this.drop = new SqliteDropStore(this.#db);
  }

  fetch(name: string): Promise<Uint8Array | null> {
    const row = this.#db.prepare('SELECT state FROM documents WHERE name = ?').get(name) as
      { state: Buffer } | undefined;
    return Promise.resolve(row ? new Uint8Array(row.state) : null);
  }

  store(name: string, state: Uint8Array): Promise<void> {
    this.#db
      .prepare(
        `INSERT INTO documents (name, state, updated_at) VALUES (?, ?, ?)
         ON CONFLICT(name) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
      )
      .run(name, Buffer.from(state), Date.now());
    return Promise.resolve();
  }

  createToken(study: string, label = ''): Promise<string> {
    return new Promise((resolve) => {
      const { token, hash } = newToken(study); // a throw here rejects
      this.#db
        .prepare('INSERT INTO tokens (hash, study, label, created_at) VALUES (?, ?, ?, ?)')
        .run(hash, study, label, Date.now());
      resolve(token);
    });
  }

  tokenOf(token: string): Promise<TokenRow | undefined> {
    return Promise.resolve(
      this.#db
        .prepare('SELECT study, label, created_at AS createdAt FROM tokens WHERE hash = ?')
        .get(hashToken(token)) as TokenRow | undefined,
    );
  }

  revokeTokens(study: string): Promise<number> {
    return Promise.resolve(
      this.#db.prepare('DELETE FROM tokens WHERE study = ?').run(study).changes,
    );
  }

  close(): Promise<void> {
    this.#db.close();
    return Promise.resolve();
  }
}
