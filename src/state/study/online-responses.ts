/**
 * Online responses joining the study (issue 25): each online link is a session of its own
 * ("Online · Klas 5A"), closed, its responses merged by id like a bundle's (bundles.ts: a newer
 * version of an unfinished response replaces it, a submitted one is frozen, a resend doubles
 * nothing). What the shared check set aside is stored set aside, shown and never counted.
 */
import type { InboxEntry } from '../../sync/online-inbox';
import { BUNDLE_FORMAT_VERSION, type BundleData } from '../../domain/bundle';
import type { ResponseProblem } from '../../domain/response-check';
import type { KringDb } from '../../storage/db';
import { getCollected, putCollected } from '../../storage/collected-store';
import { importBundle, type ImportResult } from './bundles';

/** The device id online responses are kept under: no tablet has it (ids are 21 characters). */
export const ONLINE_DEVICE = 'online';

export interface OnlineLinkInfo {
  id: string;
  label: string;
  /** The questionnaire version the link asks, as JSON text. */
  definition: string;
  createdAt: number;
}

export const onlineSessionId = (linkId: string) => `online-${linkId}`.slice(0, 64);

/** Whether a session holds an online link's responses (kept off the hub's documents). */
export const isOnlineSession = (sessionId: string) => sessionId.startsWith('online-');

/** An opened response the shared check set aside: listed on the study page, never counted. */
export interface SetAsideResponse {
  linkId: string;
  responseId: string;
  problems: ResponseProblem[];
  receivedAt: number;
}

export interface OnlineStored {
  /** The bundle import's outcome for the valid responses. */
  imported: ImportResult;
  /** Responses the check set aside (stored so, never counted). */
  setAside: SetAsideResponse[];
  /** Envelopes that did not open: for the page to list (they stay on the hub). */
  unopened: Extract<InboxEntry, { kind: 'unopened' }>[];
}

/** Stores one link's opened responses in its session (made on the first). */
export async function storeOnlineResponses(
  db: KringDb,
  link: OnlineLinkInfo,
  entries: readonly InboxEntry[],
): Promise<OnlineStored> {
  const sessionId = onlineSessionId(link.id);
  const opened = entries.filter((e) => e.kind === 'opened');
  const bundle: BundleData = {
    format: 'kring-bundle',
    formatVersion: BUNDLE_FORMAT_VERSION,
    exportedAt: Date.now(),
    sessions: [
      {
        id: sessionId,
        title: `Online · ${link.label}`.slice(0, 200),
        school: '',
        createdAt: link.createdAt,
        closed: true,
        definition: JSON.parse(link.definition) as unknown,
      },
    ],
    responses: opened.flatMap((e) =>
      e.check.status === 'valid'
        ? [{ sessionId, deviceId: ONLINE_DEVICE, response: e.check.response }]
        : [],
    ),
    discussions: [],
    reactions: [],
    notes: [],
    moderation: [],
  };
  const imported = await importBundle(db, bundle);
  const setAside: SetAsideResponse[] = [];
  if (imported.ok)
    for (const entry of opened) {
      if (entry.check.status !== 'quarantined' || !entry.check.id) continue;
      const key = `${ONLINE_DEVICE}/${entry.check.id}`;
      // A valid version held already stays: a failing resend does not replace it.
      if ((await getCollected(db, key))?.status === 'valid') continue;
      await putCollected(db, {
        key,
        sessionId,
        deviceId: ONLINE_DEVICE,
        responseId: entry.check.id,
        status: 'quarantined',
        problems: entry.check.problems,
        receivedAt: entry.receivedAt,
      });
      setAside.push({
        linkId: link.id,
        responseId: entry.check.id,
        problems: entry.check.problems,
        receivedAt: entry.receivedAt,
      });
    }
  return {
    imported,
    setAside,
    unopened: entries.filter((e) => e.kind === 'unopened'),
  };
}
