/**
 * Session bundles on the facilitator's laptop: export some sessions to one file, and import
 * files from other laptops into this one. Import checks the whole file first (domain/bundle.ts)
 * and then writes everything in one Dexie transaction, merging by id: what is here already is
 * kept, so importing twice, or bundles that overlap, changes nothing the second time.
 *
 * Responses (the study hub imports through here too, issue 19): the laptop that collected a
 * session is authoritative for it, so a bundle or the hub never adds or changes a response of a
 * session run on this laptop; another laptop's in-progress response is replaced by a newer
 * version of itself; a submitted response is frozen. Another version where none may come is a
 * conflict: kept aside (quarantined, with the version), shown, never counted.
 */
import {
  BUNDLE_FORMAT_VERSION,
  checkBundle,
  type Bundle,
  type BundleData,
  type BundleProblem,
  type BundleResponse,
} from '../../domain/bundle';
import { missesRequired } from '../../domain/progress';
import type { Survey } from '../../domain/survey-schema';
import { deviceResponseKey, type ResponseRecord } from '../../domain/response';
import type { CollectedRow, KringDb, SessionRow } from '../../storage/db';
import { collectedIn, getCollectedMany, putCollectedMany } from '../../storage/collected-store';
import { discussionsIn, moderationIn, notesIn, reactionsIn } from '../../storage/discussion-store';
import { addMissingRecords, writeSessions } from '../../storage/session-archive';
import { addSessions, getSessions } from '../../storage/session-store';
import type { RevisionStep } from '../../storage/tally-store';
import { appendUpdate, roomUpdates } from '../../storage/update-log';
import * as Y from 'yjs';
import { fromBase64Url, newKeyPair, toBase64Url } from '../../sync/admission';
import { CODING_ROOM, showStoredCoding } from './study-coding';
import { ImportedSummaries } from './session-summaries';
import { newJoinCode } from '../../sync/join-code';

/** The bundle of these sessions, as plain data (JSON.stringify it to save). */
export async function exportBundle(
  db: KringDb,
  sessionIds: string[],
  now: () => number = Date.now,
  { coding = true } = {},
): Promise<BundleData> {
  const ids = new Set(sessionIds);
  const inSessions = <T extends { sessionId: string }>(rows: T[]) =>
    rows
      .filter((r) => ids.has(r.sessionId))
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  const sessions = await getSessions(db, sessionIds);
  const collected = await collectedIn(db, sessionIds);
  return {
    format: 'kring-bundle',
    formatVersion: BUNDLE_FORMAT_VERSION,
    exportedAt: now(),
    sessions: sessions
      .map((s) => ({
        id: s.id,
        title: s.title,
        school: s.school,
        createdAt: s.createdAt,
        closed: s.closed,
        ...(s.k ? { k: s.k } : {}),
        definition: JSON.parse(s.definition) as unknown,
      }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    responses: collected
      .filter((row) => row.status === 'valid' && row.response)
      .map((row) => ({ sessionId: row.sessionId, deviceId: row.deviceId, response: row.response }))
      .sort((a, b) =>
        deviceResponseKey(a.deviceId, a.response!.id).localeCompare(
          deviceResponseKey(b.deviceId, b.response!.id),
        ),
      ),
    discussions: inSessions(await discussionsIn(db, sessionIds)),
    reactions: inSessions(await reactionsIn(db, sessionIds)),
    notes: inSessions(await notesIn(db, sessionIds)),
    moderation: inSessions(await moderationIn(db, sessionIds)),
    ...(coding ? await codingState(db) : {}),
  };
}

export interface ImportSummary {
  sessionsAdded: number;
  responsesAdded: number;
  responsesUpdated: number;
  /** Versions of responses that may not be replaced, kept aside (new ones only). */
  conflicts: number;
  /**
   * Submitted responses taken in that leave a required question unanswered (an online survey
   * or an older tablet allowed it): kept and counted, each item's n says what is missing.
   */
  incomplete: number;
  unchanged: number;
}

export type ImportResult =
  | {
      ok: true;
      summary: ImportSummary;
      /** The coders' work it brought, stored (a page with the coding doc open merges it). */
      coding?: Uint8Array;
    }
  | { ok: false; problems: BundleProblem[] }
  /** Stopped on request between batches: what is stored stays, importing again completes it. */
  | { ok: false; cancelled: ImportProgress };

/** How far an import is: responses stored of all the bundle holds. */
export interface ImportProgress {
  stored: number;
  total: number;
}

export interface ImportOptions {
  now?: () => number;
  /**
   * Responses stored per transaction: if the page closes mid-import, whole batches are stored
   * and importing the file again completes it. Default: all in one.
   */
  batchSize?: number;
  onProgress?: (progress: ImportProgress) => void;
  /** Stops the import before its next batch. */
  signal?: AbortSignal;
  /** Told how long each part of the import took (for the page's performance timeline). */
  onPhase?: (phase: ImportPhase, ms: number) => void;
}

/** The parts of an import, in order. */
export type ImportPhase = 'read' | 'check' | 'sessions' | 'responses' | 'summaries';

/**
 * Imports a bundle (a file's text, or the same as plain data). It is checked whole first: on any
 * problem nothing is written. Then the sessions and their discussions are stored, and the
 * responses batch by batch.
 */
export async function importBundle(
  db: KringDb,
  input: unknown,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const timer = phaseTimer(options.onPhase);
  const checked = checkBundle(input);
  if (!checked.ok) return checked;
  const { responses } = checked.bundle;
  return storeBundle(db, checked.bundle, listedResponses(responses), options, timer);
}

/** A checked bundle's responses, as many as there are, given batch by batch. */
export interface ResponseSource {
  total: number;
  batches(
    size: number,
  ): Iterable<readonly BundleResponse[]> | AsyncIterable<readonly BundleResponse[]>;
}

export function listedResponses(responses: readonly BundleResponse[]): ResponseSource {
  return {
    total: responses.length,
    *batches(size) {
      for (let from = 0; from < responses.length; from += size)
        yield responses.slice(from, from + size);
    },
  };
}

/** Tells `onPhase` how long each part took, from the previous one's end. */
export function phaseTimer(onPhase: ImportOptions['onPhase']): (phase: ImportPhase) => void {
  let start = performance.now();
  return (phase) => {
    const end = performance.now();
    onPhase?.(phase, end - start);
    start = end;
  };
}

/**
 * Stores a checked bundle (its responses from `source`, whatever `bundle.responses` holds):
 * sessions and their records first, then the responses batch by batch, each batch in one
 * transaction; stops between batches when asked.
 */
export async function storeBundle(
  db: KringDb,
  bundle: Bundle,
  source: ResponseSource,
  options: ImportOptions,
  phaseDone: (phase: ImportPhase) => void,
): Promise<ImportResult> {
  const { now = Date.now, batchSize = Infinity, onProgress, signal } = options;
  const coding = bundle.coding === undefined ? undefined : readCoding(bundle.coding);
  if (coding === null) return { ok: false, problems: [{ code: 'coding' }] };
  phaseDone('check');
  const summary: ImportSummary = {
    sessionsAdded: 0,
    responsesAdded: 0,
    responsesUpdated: 0,
    conflicts: 0,
    incomplete: 0,
    unchanged: 0,
  };
  const { total } = source;
  const { collectedHere, added } = await writeSessions(db, async () => {
    const here = await storeSessions(db, bundle, summary);
    summary.unchanged += await addMissingRecords(db, bundle);
    // Merging a Yjs state is a union: appending it to the coding log is idempotent.
    if (coding) await appendUpdate(db, CODING_ROOM, coding);
    return here;
  });
  // The results of the sessions it adds, counted from what it writes (no second read).
  const summaries = await ImportedSummaries.start(db, added);
  phaseDone('sessions');
  onProgress?.({ stored: 0, total });
  const surveyOf = new Map(bundle.sessions.map((s) => [s.id, s.survey]));
  let stored = 0;
  for await (const batch of source.batches(Math.max(1, Math.min(batchSize, total)))) {
    if (signal?.aborted) return { ok: false, cancelled: { stored, total } };
    await writeSessions(db, async () =>
      summaries.record(await storeResponses(db, batch, { surveyOf, collectedHere, summary, now })),
    );
    stored += batch.length;
    onProgress?.({ stored, total });
  }
  phaseDone('responses');
  await summaries.store(db);
  phaseDone('summaries');
  if (coding) await showStoredCoding(db, coding);
  return { ok: true, summary, ...(coding ? { coding } : {}) };
}

/**
 * Adds the bundle's sessions not here yet; returns those this laptop ran itself and those it
 * added.
 */
async function storeSessions(
  db: KringDb,
  bundle: Bundle,
  summary: ImportSummary,
): Promise<{ collectedHere: Set<string>; added: Set<string> }> {
  /** Sessions this laptop ran itself (not imported): its copy of their responses is the truth. */
  const collectedHere = new Set<string>();
  const held = new Map(
    (
      await getSessions(
        db,
        bundle.sessions.map((s) => s.id),
      )
    ).map((s) => [s.id, s]),
  );
  const rows = new Map<string, SessionRow>();
  // Imported sessions never take devices, so their key pair is never used: one for all of them
  // (a key pair costs milliseconds, a study's bundle brings hundreds of sessions).
  let keys: ReturnType<typeof newKeyPair> | undefined;
  for (const session of bundle.sessions) {
    const here = held.get(session.id);
    if (here || rows.has(session.id)) {
      if (here && !here.imported) collectedHere.add(here.id);
      summary.unchanged++;
      continue;
    }
    keys ??= newKeyPair();
    rows.set(session.id, {
      id: session.id,
      joinCode: newJoinCode(),
      title: session.title,
      school: session.school,
      definition: session.definition,
      createdAt: session.createdAt,
      closed: session.closed,
      imported: true, // never live here: its lobby treats it as closed
      admitByHand: true,
      secretKey: keys.secretKey,
      publicKey: keys.publicKey,
      ...(session.k ? { k: session.k } : {}),
    });
  }
  await addSessions(db, [...rows.values()]);
  summary.sessionsAdded += rows.size;
  const added = new Set(rows.keys());
  return { collectedHere, added };
}

const keyOf = ({ deviceId, response }: BundleResponse) => deviceResponseKey(deviceId, response.id);
const asideOf = (entry: BundleResponse) => `${keyOf(entry)}~conflict~${entry.response.updatedAt}`;

/**
 * Merges a batch of the bundle's responses into what is held: read at once, written at once.
 * Returns the rows written and their sessions' revision steps.
 */
async function storeResponses(
  db: KringDb,
  batch: readonly BundleResponse[],
  into: {
    surveyOf: ReadonlyMap<string, Survey>;
    collectedHere: ReadonlySet<string>;
    summary: ImportSummary;
    now: () => number;
  },
): Promise<{ rows: CollectedRow[]; steps: Map<string, RevisionStep> }> {
  const { surveyOf, collectedHere, summary, now } = into;
  const held = new Map<string, CollectedRow>();
  for (const row of await getCollectedMany(db, batch.map(keyOf))) held.set(row.key, row);
  const writes: CollectedRow[] = [];
  const write = (row: CollectedRow) => {
    writes.push(row);
    held.set(row.key, row); // a later entry of the same response sees this one
  };
  const conflicts: { entry: BundleResponse; row: CollectedRow }[] = [];
  for (const entry of batch) {
    const { sessionId, deviceId, response } = entry;
    const key = keyOf(entry);
    const here = held.get(key);
    const existing = here?.response;
    // A key held by another session: a response has one session, so this one is kept aside.
    const merge =
      here && here.sessionId !== sessionId
        ? 'conflict'
        : mergeResponse(existing, response, collectedHere.has(sessionId));
    if (merge === 'keep') {
      summary.unchanged++;
      continue;
    }
    const base = { sessionId, deviceId, responseId: response.id, receivedAt: now() };
    if (merge === 'conflict') {
      const problems = [{ kind: 'conflict' as const }];
      const row: CollectedRow = {
        ...base,
        key: asideOf(entry),
        status: 'quarantined',
        problems,
        conflicting: response,
      };
      conflicts.push({ entry, row });
      continue;
    }
    write({ ...base, key, status: 'valid', response });
    const survey = surveyOf.get(sessionId);
    if (response.status === 'submitted' && survey && missesRequired(survey, response.answers))
      summary.incomplete++;
    if (existing) summary.responsesUpdated++;
    else summary.responsesAdded++;
  }
  // Versions kept aside: rare, so their own keys are read only when there are some.
  if (conflicts.length > 0) {
    const aside = new Set(
      (
        await getCollectedMany(
          db,
          conflicts.map(({ row }) => row.key),
        )
      ).map((r) => r.key),
    );
    for (const { row } of conflicts) {
      if (aside.has(row.key) || held.has(row.key)) summary.unchanged++;
      else {
        write(row);
        summary.conflicts++;
      }
    }
  }
  return { rows: writes, steps: await putCollectedMany(db, writes) };
}

/**
 * What an imported version of a response does to the one held here: `keep` it (the same, or an
 * older version), `take` the import (new here, or a newer version of an in-progress response of
 * another laptop's session), or set it aside as a `conflict` (any other version of a response of
 * a session collected here, or of a submitted response).
 */
export function mergeResponse(
  held: ResponseRecord | undefined,
  incoming: ResponseRecord,
  collectedHere: boolean,
): 'keep' | 'take' | 'conflict' {
  if (held && sameJson(held, incoming)) return 'keep';
  if (collectedHere) return held && incoming.updatedAt <= held.updatedAt ? 'keep' : 'conflict';
  if (!held) return 'take';
  if (incoming.updatedAt <= held.updatedAt) return 'keep';
  return held.status === 'submitted' ? 'conflict' : 'take';
}

/** Whether two JSON values are equal, whatever the order of their keys. */
function sameJson(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

/** The coding doc's whole state from its update log, for a bundle (nothing when never coded). */
async function codingState(db: KringDb): Promise<{ coding?: string }> {
  const rows = await roomUpdates(db, CODING_ROOM);
  if (rows.length === 0) return {};
  return { coding: toBase64Url(Y.mergeUpdates(rows.map((r) => r.update))) };
}

/** A bundle's coding state, or null when it is not a readable Yjs update. */
function readCoding(text: string): Uint8Array | null {
  const bytes = fromBase64Url(text);
  if (!bytes) return null;
  try {
    Y.decodeUpdate(bytes);
    return bytes;
  } catch {
    return null;
  }
}
