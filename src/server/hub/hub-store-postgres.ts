/**
 * The study hub's storage in Postgres (`npm run hub -- --postgres URL`), for several hub nodes
 * behind Redis that must share documents, tokens and online links' envelopes. The same tables as
 * the SQLite file.
 */
import pg from 'pg';
import { hashToken, newToken, type HubStore, type TokenRow } from './hub-store.ts';
import { ONLINE_TABLES, PostgresDropStore } from './online-drop-postgres.ts';

export class PostgresHubStore implements HubStore {
  readonly #pool: pg.Pool;
  readonly drop: PostgresDropStore;

  private constructor(pool: pg.Pool) {
    this.#pool = pool;
    this.drop = new PostgresDropStore(pool);
  }

  static async open(connectionString: string): Promise<PostgresHubStore> {
    const pool = new pg.Pool({ connectionString, max: 5 });
    await pool.query(`
      CREATE TABLE IF NOT EXISTS kring_documents (
        name TEXT PRIMARY KEY, state BYTEA NOT NULL, updated_at BIGINT NOT NULL);
      CREATE TABLE IF NOT EXISTS kring_tokens (
        hash TEXT PRIMARY KEY, study TEXT NOT NULL, label TEXT NOT NULL, created_at BIGINT NOT NULL);
      ${ONLINE_TABLES}
    `);
    return new PostgresHubStore(pool);
  }

  async fetch(name: string): Promise<Uint8Array | null> {
    const { rows } = await this.#pool.query<{ state: Buffer }>(
      'SELECT state FROM kring_documents WHERE name = $1',
      [name],
    );
    return rows[0] ? new Uint8Array(rows[0].state) : null;
  }

  async store(name: string, state: Uint8Array): Promise<void> {
    await this.#pool.query(
      `INSERT INTO kring_documents (name, state, updated_at) VALUES ($1, $2, $3)
       ON CONFLICT (name) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
      [name, Buffer.from(state), Date.now()],
    );
  }

  async createToken(study: string, label = ''): Promise<string> {
    const { token, hash } = newToken(study);
    await this.#pool.query(
      'INSERT INTO kring_tokens (hash, study, label, created_at) VALUES ($1, $2, $3, $4)',
      [hash, study, label, Date.now()],
    );
    return token;
  }

  async tokenOf(token: string): Promise<TokenRow | undefined> {
    const { rows } = await this.#pool.query<{ study: string; label: string; created_at: string }>(
      'SELECT study, label, created_at FROM kring_tokens WHERE hash = $1',
      [hashToken(token)],
    );
    const row = rows[0];
    return row
      ? { study: row.study, label: row.label, createdAt: Number(row.created_at) }
      : undefined;
  }

  async revokeTokens(study: string): Promise<number> {
    const result = await this.#pool.query('DELETE FROM kring_tokens WHERE study = $1', [study]);
    return result.rowCount ?? 0;
  }

  async close(): Promise<void> {
    await this.#pool.end();
  }
}
