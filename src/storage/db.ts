/** The Dexie schema: the durable store of every device (docs/architecture.md, "Persistence"). */
import Dexie, { type DexieOptions, type EntityTable, type Table } from 'dexie';
import { freeDefinitionKey } from './definition-key';
import type { ResponseRecord } from '../domain/response';
import type { Reaction } from '../domain/discussion';
import type { ResponseProblem } from '../domain/response-check';
import type { SessionSummary, SummaryOpen } from '../domain/results/session-summary';

/** One Yjs update of one room's doc, in the order it was stored. */
export interface UpdateRow {
  seq?: number;
  room: string;
  update: Uint8Array;
}

/** A response as materialized from its room's doc, for queries without loading Yjs. */
export interface ResponseRow extends ResponseRecord {
  room: string;
}

export interface SettingRow {
  key: string;
  value: unknown;
}

/** A session the facilitator runs (facilitator laptop only). */
export interface SessionRow {
  id: string;
  joinCode: string;
  title: string;
  school: string;
  /** The survey definition as JSON text, exactly as sent to the tablets. */
  definition: string;
  createdAt: number;
  closed: boolean;
  admitByHand: boolean;
  /** Came from a bundle: closed, results only (its key pair, one per import, is never used). */
  imported?: boolean;
  /** The anonymity threshold: groups smaller than this are never projected (default 5). */
  k?: number;
  /** Open answers go to the beamer without the facilitator's approval (default: off). */
  openWithoutApproval?: boolean;
  /** Tablets admitted at most (default 200, a school hall). */
  maxDevices?: number;
  /** The facilitator's X25519 key pair of this session (never leaves the laptop). */
  secretKey: Uint8Array;
  publicKey: Uint8Array;
}

/**
 * A session as stored: its questionnaire's text lives once in `definitions` (two hundred
 * sessions of one study share one), so listing sessions reads no questionnaire at all.
 * `storage/session-store.ts` joins them back into `SessionRow`s.
 */
export type StoredSession = Omit<SessionRow, 'definition'> & { definitionKey: string };

/** A questionnaire's exact text, under a key made from it (`definitionKey`). */
export interface DefinitionRow {
  key: string;
  text: string;
}

/** A device the facilitator's lobby has seen in a session. */
export interface SessionDeviceRow {
  sessionId: string;
  deviceId: string;
  publicKey: string;
  status: 'waiting' | 'admitted' | 'removed';
  room: string;
  firstSeen: number;
  lastSeen: number;
  /** Set when the device sent more data than any response needs; it no longer syncs. */
  blocked?: 'oversized';
}

/**
 * A response as the facilitator received it from a device: checked, then valid or quarantined;
 * `removed` when the facilitator took it out (a test response): kept with its answers, never
 * counted, exported or sent on, and not recorded again from the device (undo restores it).
 */
export interface CollectedRow {
  /** `deviceId/responseId`: a device can never overwrite another device's response. */
  key: string;
  sessionId: string;
  deviceId: string;
  responseId: string;
  status: 'valid' | 'quarantined' | 'removed';
  /** The checked copy, for a valid (or removed) response. */
  response?: ResponseRecord;
  /** Why a response was quarantined. */
  problems?: ResponseProblem[];
  /** A conflicting version kept aside (problem `conflict`): shown, never counted or exported. */
  conflicting?: ResponseRecord;
  receivedAt: number;
  /**
   * How the row counts, set by every write (storage/collected-store.ts) for the kit page's
   * per-session counts, read from an index without loading any response.
   */
  counted?: CollectedCount;
}

/** A stored response's count: submitted, still being answered, or not counted at all. */
export type CollectedCount = 'submitted' | 'inProgress' | 'none';

export function countOf(row: Pick<CollectedRow, 'status' | 'response'>): CollectedCount {
  if (row.status !== 'valid' || !row.response) return 'none';
  return row.response.status === 'submitted' ? 'submitted' : 'inProgress';
}

/**
 * A session's results kept for its study (storage/tally-store.ts): `revision` goes up in the
 * same transaction as every write of the session's `collected` rows, and a summary counts only
 * while it is of the revision it was made from.
 */
export interface TallyRow {
  sessionId: string;
  revision: number;
  /** The questionnaire text the summary was counted against (its `definitionKey`). */
  basis?: string;
  /** Its counts (open answers apart, in `openTallies`). */
  summary?: SessionSummary;
}

/**
 * The open answers of a session's summary, apart from its counts so that a study's totals and
 * charts are read without them; they count only with a `TallyRow` of the same revision and basis.
 */
export interface OpenTallyRow {
  sessionId: string;
  revision: number;
  basis: string;
  open: SummaryOpen;
}

/** The facilitator's decision on one open answer: only approved ones are ever projected. */
export interface ModerationRow {
  sessionId: string;
  /** `itemId/responseKey`. */
  key: string;
  state: 'approved' | 'highlighted' | 'hidden';
}

/** A discussion the facilitator started on a projected result. */
export interface DiscussionRow {
  sessionId: string;
  id: string;
  prompt: string;
  /** The question whose result it discusses, if any. */
  itemId?: string;
  startedAt: number;
  endedAt?: number;
}

/** A reaction from a tablet, with the facilitator's decision on it. */
export interface ReactionRow extends Reaction {
  sessionId: string;
}

/** A note the facilitator typed during the discussion, for coding later. */
export interface NoteRow {
  sessionId: string;
  id: string;
  text: string;
  /** The speaker's role (a role id of the survey), when the facilitator gave one. */
  role?: string;
  discussionId?: string;
  at: number;
}

/** A questionnaire the facilitator brought in (a JSON file or an XLSForm), ready for sessions. */
export interface SurveyRow {
  id: string;
  surveyId: string;
  version: number;
  /** The definition as JSON text, checked. */
  definition: string;
  source: 'json' | 'xlsform';
  fileName: string;
  addedAt: number;
}

/** A questionnaire being written in the editor, saved as it changes. */
export interface DraftRow {
  id: string;
  /** The definition being edited (it may be invalid between edits). */
  draft: unknown;
  updatedAt: number;
  /**
   * The published definition the draft started from (JSON), when that one is not in the
   * library (the bundled study's): its next publication must be a later version.
   */
  basis?: string;
}

/**
 * A transcript's text as it came in, with its real names, kept only when the facilitator asks
 * (issue 24): on this laptop alone, never in the coding doc, a bundle, the hub or an export.
 */
export interface TranscriptOriginalRow {
  transcriptId: string;
  text: string;
  fileName: string;
  storedAt: number;
}

export class KringDb extends Dexie {
  updates!: EntityTable<UpdateRow, 'seq'>;
  responses!: Table<ResponseRow, string>;
  settings!: Table<SettingRow, string>;
  sessions!: Table<StoredSession, string>;
  definitions!: Table<DefinitionRow, string>;
  sessionDevices!: Table<SessionDeviceRow, [string, string]>;
  collected!: Table<CollectedRow, string>;
  moderation!: Table<ModerationRow, [string, string]>;
  discussions!: Table<DiscussionRow, [string, string]>;
  reactions!: Table<ReactionRow, [string, string]>;
  notes!: Table<NoteRow, [string, string]>;
  surveys!: Table<SurveyRow, string>;
  drafts!: Table<DraftRow, string>;
  tallies!: Table<TallyRow, string>;
  openTallies!: Table<OpenTallyRow, string>;
  transcriptOriginals!: Table<TranscriptOriginalRow, string>;

  constructor(name = 'kring', options: DexieOptions = {}) {
    // 'strict' asks Chromium to flush each commit to disk: an answer shown as saved survives
    // a tablet whose battery dies, not only a closed tab.
    super(name, { chromeTransactionDurability: 'strict', ...options });
    this.version(1).stores({
      updates: '++seq, room',
      responses: 'id, room, surveyId, status',
      settings: 'key',
    });
    // The facilitator's tables: its sessions, their devices, and what it received from them.
    this.version(2).stores({
      sessions: 'id, joinCode, createdAt',
      sessionDevices: '[sessionId+deviceId], sessionId',
      collected: 'key, sessionId, deviceId, responseId, status',
    });
    this.version(3).stores({ moderation: '[sessionId+key], sessionId' });
    this.version(4).stores({
      discussions: '[sessionId+id], sessionId',
      reactions: '[sessionId+key], sessionId',
      notes: '[sessionId+id], sessionId',
    });
    this.version(5).stores({ surveys: 'id, surveyId, addedAt' });
    this.version(6).stores({ drafts: 'id, updatedAt' });
    // Counts per session from an index (the kit page with hundreds of sessions and thousands
    // of responses); rows stored before get theirs here.
    this.version(7)
      .stores({ collected: 'key, sessionId, deviceId, responseId, status, [sessionId+counted]' })
      .upgrade((tx) =>
        tx
          .table<CollectedRow>('collected')
          .toCollection()
          .modify((row) => {
            row.counted = countOf(row);
          }),
      );
    // Sessions keep their questionnaire's text apart, once per text.
    this.version(8)
      .stores({ definitions: 'key' })
      .upgrade(async (tx) => {
        const sessions = await tx
          .table<StoredSession & { definition?: string }>('sessions')
          .toArray();
        const texts = new Map<string, string>();
        const moved = sessions.map(({ definition, ...session }) => {
          if (definition === undefined) return session;
          const key = freeDefinitionKey(definition, (k) => texts.get(k));
          texts.set(key, definition);
          return { ...session, definitionKey: key };
        });
        await tx
          .table<DefinitionRow>('definitions')
          .bulkPut([...texts].map(([key, text]) => ({ key, text })));
        await tx.table('sessions').bulkPut(moved);
      });
    // Each session's results, summarised for its study (made again when they are out of date).
    this.version(9).stores({ tallies: 'sessionId' });
    // Indexes no query uses, dropped: each one was written with every row (the import's cost).
    // Summaries are made again: in version 9 a live session's writes did not drop them.
    this.version(10)
      .stores({ collected: 'key, sessionId, deviceId, [sessionId+counted]' })
      .upgrade((tx) =>
        tx
          .table<TallyRow>('tallies')
          .toCollection()
          .modify((row) => {
            delete row.summary;
            delete row.basis;
          }),
      );
    // One index on `collected` besides its key: a session's rows come from the prefix of
    // `[sessionId+counted]` and a device's from the key's, so an import writes one index entry
    // per row instead of three.
    this.version(11).stores({ collected: 'key, [sessionId+counted]' });
    // A summary's open answers apart from its counts (summaries of the earlier form, one row
    // with both, are made again: SUMMARY_FORMAT 2 is part of their basis).
    this.version(12).stores({ openTallies: 'sessionId' });
    // Transcripts' original texts, kept on this laptop only when asked.
    this.version(13).stores({ transcriptOriginals: 'transcriptId' });
  }
}
