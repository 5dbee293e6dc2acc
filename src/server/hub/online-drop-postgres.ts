/**
 * The online drop's links and envelopes in Postgres (online-drop.ts), for hub nodes that share
 * one database: the same three tables as the SQLite file, on the hub store's pool.
 */
import type pg from 'pg';
import {
  summaryOf,
  type LinkListing,
  type OnlineLink,
  type OnlineStore,
  type StoredEnvelope,
} from './online-drop.ts';

interface LinkRow {
  id: string;
  study: string;
  label: string;
  public_key: string;
  definition: string;
  opens_at: string | null;
  closes_at: string | null;
  revoked: boolean;
  codes: string[] | null;
}

interface EnvelopeRow {
  seq: string;
  link_id: string;
  response_id: string;
  version: string;
  token_hash: string;
  envelope: Buffer;
  received_at: string;
}

export const ONLINE_TABLES = `
  CREATE TABLE IF NOT EXISTS kring_online_links (
    id TEXT PRIMARY KEY, study TEXT NOT NULL, label TEXT NOT NULL, public_key TEXT NOT NULL,
    definition TEXT NOT NULL, opens_at BIGINT, closes_at BIGINT,
    revoked BOOLEAN NOT NULL DEFAULT FALSE, codes TEXT[]);
  ALTER TABLE kring_online_links ADD COLUMN IF NOT EXISTS created_seq BIGSERIAL;
  CREATE TABLE IF NOT EXISTS kring_online_envelopes (
    seq BIGSERIAL PRIMARY KEY, link_id TEXT NOT NULL, response_id TEXT NOT NULL,
    version BIGINT NOT NULL, token_hash TEXT NOT NULL, envelope BYTEA NOT NULL,
    received_at BIGINT NOT NULL, UNIQUE (link_id, response_id));
  CREATE TABLE IF NOT EXISTS kring_online_codes (
    link_id TEXT NOT NULL, code_hash TEXT NOT NULL, response_id TEXT NOT NULL,
    PRIMARY KEY (link_id, code_hash));
`;

const linkOf = (row: LinkRow): OnlineLink => ({
  id: row.id,
  studyId: row.study,
  label: row.label,
  publicKey: row.public_key,
  definition: row.definition,
  revoked: row.revoked,
  ...(row.opens_at === null ? {} : { opensAt: Number(row.opens_at) }),
  ...(row.closes_at === null ? {} : { closesAt: Number(row.closes_at) }),
  ...(row.codes === null ? {} : { codes: new Set(row.codes) }),
});

const envelopeOf = (row: EnvelopeRow): StoredEnvelope => ({
  seq: Number(row.seq),
  linkId: row.link_id,
  responseId: row.response_id,
  version: Number(row.version),
  tokenHash: row.token_hash,
  envelope: new Uint8Array(row.envelope),
  receivedAt: Number(row.received_at),
});

export class PostgresDropStore implements OnlineStore {
  constructor(private readonly pool: pg.Pool) {}

  /** A link's study, key and questionnaire never change: the routes keep the first ones. */
  async putLink(link: OnlineLink): Promise<void> {
    await this.pool.query(
      `INSERT INTO kring_online_links
         (id, study, label, public_key, definition, opens_at, closes_at, revoked, codes)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (id) DO UPDATE SET label = excluded.label, opens_at = excluded.opens_at,
         closes_at = excluded.closes_at, revoked = excluded.revoked, codes = excluded.codes`,
      [
        link.id,
        link.studyId,
        link.label,
        link.publicKey,
        link.definition,
        link.opensAt ?? null,
        link.closesAt ?? null,
        link.revoked,
        link.codes ? [...link.codes] : null,
      ],
    );
  }

  async links(studyId: string): Promise<LinkListing[]> {
    const { rows } = await this.pool.query<LinkRow & { envelopes: string; codes_used: string }>(
      `SELECT l.*,
         (SELECT COUNT(*) FROM kring_online_envelopes e WHERE e.link_id = l.id) AS envelopes,
         (SELECT COUNT(*) FROM kring_online_codes c WHERE c.link_id = l.id) AS codes_used
       FROM kring_online_links l WHERE l.study = $1 ORDER BY l.created_seq`,
      [studyId],
    );
    return rows.map((row) => summaryOf(linkOf(row), Number(row.envelopes), Number(row.codes_used)));
  }

  async waiting(studyId: string, seq: number): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(
      `SELECT COUNT(*) AS n FROM kring_online_envelopes e
       JOIN kring_online_links l ON l.id = e.link_id WHERE l.study = $1 AND e.seq > $2`,
      [studyId, seq],
    );
    return Number(rows[0]!.n);
  }

  async link(id: string): Promise<OnlineLink | undefined> {
    const { rows } = await this.pool.query<LinkRow>(
      'SELECT * FROM kring_online_links WHERE id = $1',
      [id],
    );
    return rows[0] && linkOf(rows[0]);
  }

  async envelope(linkId: string, responseId: string): Promise<StoredEnvelope | undefined> {
    const { rows } = await this.pool.query<EnvelopeRow>(
      'SELECT * FROM kring_online_envelopes WHERE link_id = $1 AND response_id = $2',
      [linkId, responseId],
    );
    return rows[0] && envelopeOf(rows[0]);
  }

  async count(linkId: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: string }>(
      'SELECT COUNT(*) AS n FROM kring_online_envelopes WHERE link_id = $1',
      [linkId],
    );
    return Number(rows[0]!.n);
  }

  async codeOwner(linkId: string, codeHash: string): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ response_id: string }>(
      'SELECT response_id FROM kring_online_codes WHERE link_id = $1 AND code_hash = $2',
      [linkId, codeHash],
    );
    return rows[0]?.response_id;
  }

  /** Stores an envelope; a replaced one gets a new place in the order, to be pulled again. */
  async put(envelope: Omit<StoredEnvelope, 'seq'>, codeHash?: string): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(
        'DELETE FROM kring_online_envelopes WHERE link_id = $1 AND response_id = $2',
        [envelope.linkId, envelope.responseId],
      );
      await client.query(
        `INSERT INTO kring_online_envelopes
           (link_id, response_id, version, token_hash, envelope, received_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          envelope.linkId,
          envelope.responseId,
          envelope.version,
          envelope.tokenHash,
          Buffer.from(envelope.envelope),
          envelope.receivedAt,
        ],
      );
      if (codeHash)
        await client.query(
          `INSERT INTO kring_online_codes (link_id, code_hash, response_id) VALUES ($1, $2, $3)
           ON CONFLICT DO NOTHING`,
          [envelope.linkId, codeHash, envelope.responseId],
        );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  async since(studyId: string, seq: number, limit: number): Promise<StoredEnvelope[]> {
    const { rows } = await this.pool.query<EnvelopeRow>(
      `SELECT e.* FROM kring_online_envelopes e JOIN kring_online_links l ON l.id = e.link_id
       WHERE l.study = $1 AND e.seq > $2 ORDER BY e.seq LIMIT $3`,
      [studyId, seq, limit],
    );
    return rows.map(envelopeOf);
  }
}
