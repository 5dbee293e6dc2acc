/**
 * The online drop's links and envelopes in the hub's SQLite file (online-drop.ts), beside its
 * documents and tokens: opaque envelopes with the few plain fields the rules need (link,
 * response id, version, the write token's hash, when) and nothing else.
 */
import Database from 'better-sqlite3';
import { summaryOf } from './online-drop.ts';
import type { LinkListing, OnlineLink, OnlineStore, StoredEnvelope } from './online-drop.ts';

interface LinkRow {
  id: string;
  study: string;
  label: string;
  public_key: string;
  definition: string;
  opens_at: number | null;
  closes_at: number | null;
  revoked: number;
  codes: string | null;
}

interface EnvelopeRow {
  seq: number;
  link_id: string;
  response_id: string;
  version: number;
  token_hash: string;
  envelope: Buffer;
  received_at: number;
}

const linkOf = (row: LinkRow): OnlineLink => ({
  id: row.id,
  studyId: row.study,
  label: row.label,
  publicKey: row.public_key,
  definition: row.definition,
  revoked: row.revoked === 1,
  ...(row.opens_at === null ? {} : { opensAt: row.opens_at }),
  ...(row.closes_at === null ? {} : { closesAt: row.closes_at }),
  ...(row.codes === null ? {} : { codes: new Set(JSON.parse(row.codes) as string[]) }),
});

const envelopeOf = (row: EnvelopeRow): StoredEnvelope => ({
  seq: row.seq,
  linkId: row.link_id,
  responseId: row.response_id,
  version: row.version,
  tokenHash: row.token_hash,
  envelope: new Uint8Array(row.envelope),
  receivedAt: row.received_at,
});

/** On the hub's own SQLite connection (hub-store.ts), which opens and closes it. */
export class SqliteDropStore implements OnlineStore {
  readonly #db: Database.Database;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#db.exec(`
      CREATE TABLE IF NOT EXISTS online_links (
        id TEXT PRIMARY KEY, study TEXT NOT NULL, label TEXT NOT NULL,
        public_key TEXT NOT NULL, definition TEXT NOT NULL, opens_at INTEGER, closes_at INTEGER, revoked INTEGER NOT NULL DEFAULT 0, codes TEXT);
      CREATE TABLE IF NOT EXISTS online_envelopes (
        seq INTEGER PRIMARY KEY AUTOINCREMENT, link_id TEXT NOT NULL, response_id TEXT NOT NULL,
        version INTEGER NOT NULL, token_hash TEXT NOT NULL, envelope BLOB NOT NULL,
        received_at INTEGER NOT NULL, UNIQUE (link_id, response_id));
      CREATE TABLE IF NOT EXISTS online_codes (
        link_id TEXT NOT NULL, code_hash TEXT NOT NULL, response_id TEXT NOT NULL,
        PRIMARY KEY (link_id, code_hash));
    `);
  }

  /** A link's study, key and questionnaire never change: the routes keep the first ones. */
  putLink(link: OnlineLink): Promise<void> {
    this.#db
      .prepare(
        `INSERT INTO online_links
           (id, study, label, public_key, definition, opens_at, closes_at, revoked, codes)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET label = excluded.label, opens_at = excluded.opens_at,
           closes_at = excluded.closes_at, revoked = excluded.revoked, codes = excluded.codes`,
      )
      .run(
        link.id,
        link.studyId,
        link.label,
        link.publicKey,
        link.definition,
        link.opensAt ?? null,
        link.closesAt ?? null,
        link.revoked ? 1 : 0,
        link.codes ? JSON.stringify([...link.codes]) : null,
      );
    return Promise.resolve();
  }

  links(studyId: string): Promise<LinkListing[]> {
    const rows = this.#db
      .prepare(
        `SELECT l.*,
           (SELECT COUNT(*) FROM online_envelopes e WHERE e.link_id = l.id) AS envelopes,
           (SELECT COUNT(*) FROM online_codes c WHERE c.link_id = l.id) AS codes_used
         FROM online_links l WHERE l.study = ? ORDER BY l.rowid`,
      )
      .all(studyId) as (LinkRow & { envelopes: number; codes_used: number })[];
    return Promise.resolve(
      rows.map((row) => summaryOf(linkOf(row), row.envelopes, row.codes_used)),
    );
  }

  waiting(studyId: string, seq: number): Promise<number> {
    const row = this.#db
      .prepare(
        `SELECT COUNT(*) AS n FROM online_envelopes e JOIN online_links l ON l.id = e.link_id
         WHERE l.study = ? AND e.seq > ?`,
      )
      .get(studyId, seq) as { n: number };
    return Promise.resolve(row.n);
  }

  link(id: string): Promise<OnlineLink | undefined> {
    const row = this.#db.prepare('SELECT * FROM online_links WHERE id = ?').get(id) as
      LinkRow | undefined;
    return Promise.resolve(row && linkOf(row));
  }

  envelope(linkId: string, responseId: string): Promise<StoredEnvelope | undefined> {
    const row = this.#db
      .prepare('SELECT * FROM online_envelopes WHERE link_id = ? AND response_id = ?')
      .get(linkId, responseId) as EnvelopeRow | undefined;
    return Promise.resolve(row && envelopeOf(row));
  }

  count(linkId: string): Promise<number> {
    const row = this.#db
      .prepare('SELECT COUNT(*) AS n FROM online_envelopes WHERE link_id = ?')
      .get(linkId) as { n: number };
    return Promise.resolve(row.n);
  }

  codeOwner(linkId: string, codeHash: string): Promise<string | undefined> {
    const row = this.#db
      .prepare('SELECT response_id FROM online_codes WHERE link_id = ? AND code_hash = ?')
      .get(linkId, codeHash) as { response_id: string } | undefined;
    return Promise.resolve(row?.response_id);
  }

  /** Stores an envelope; a replaced one gets a new place in the order, to be pulled again. */
  put(envelope: Omit<StoredEnvelope, 'seq'>, codeHash?: string): Promise<void> {
    this.#db.transaction(() => {
      this.#db
        .prepare('DELETE FROM online_envelopes WHERE link_id = ? AND response_id = ?')
        .run(envelope.linkId, envelope.responseId);
      this.#db
        .prepare(
          `INSERT INTO online_envelopes
             (link_id, response_id, version, token_hash, envelope, received_at)
           VALUES (?, ?, ?, ?, ?, ?)`,
        )
        .run(
          envelope.linkId,
          envelope.responseId,
          envelope.version,
          envelope.tokenHash,
          Buffer.from(envelope.envelope),
          envelope.receivedAt,
        );
      if (codeHash)
        this.#db
          .prepare(
            'INSERT OR IGNORE INTO online_codes (link_id, code_hash, response_id) VALUES (?, ?, ?)',
          )
          .run(envelope.linkId, codeHash, envelope.responseId);
    })();
    return Promise.resolve();
  }

  since(studyId: string, seq: number, limit: number): Promise<StoredEnvelope[]> {
    const rows = this.#db
      .prepare(
        `SELECT e.* FROM online_envelopes e JOIN online_links l ON l.id = e.link_id
         WHERE l.study = ? AND e.seq > ? ORDER BY e.seq LIMIT ?`,
      )
      .all(studyId, seq, limit) as EnvelopeRow[];
    return Promise.resolve(rows.map(envelopeOf));
  }
}
