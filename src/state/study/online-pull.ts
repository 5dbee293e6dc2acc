/**
 * Fetching a study's online responses into this laptop (issue 25): the envelopes the hub holds
 * after this laptop's last pull, page by page; each link's opened, checked and stored as its
 * session (online-responses.ts). Envelopes that did not open are kept listed here (they stay on
 * the hub too). The point reached is saved after each page, so a pull cut off goes on from it.
 */
import type { Survey } from '../../domain/survey-schema';
import { validateSurvey } from '../../domain/survey-validate';
import type { KringDb } from '../../storage/db';
import { getSetting, putSetting } from '../../storage/settings';
import { openPulled, type InboxEntry, type PulledEnvelope } from '../../sync/online-inbox';
import type { StudyKey } from '../../sync/study-key-file';
import type { OnlineHubClient, LinkView } from './online-hub-client';
import { storeOnlineResponses, type SetAsideResponse } from './online-responses';

export type UnopenedEnvelope = Omit<Extract<InboxEntry, { kind: 'unopened' }>, 'kind'>;

declare module '../../storage/settings' {
  interface Settings {
    /** The last envelope (its `seq`) this laptop pulled, per study. */
    [pulled: `onlinePulled:${string}`]: number;
    /** Envelopes that did not open, per study: listed, never dropped. */
    [unopened: `onlineUnopened:${string}`]: UnopenedEnvelope[];
    /** Opened responses the check set aside, per study (a later valid version takes one off). */
    [setAside: `onlineSetAside:${string}`]: SetAsideResponse[];
  }
}

export interface PullOutcome {
  /** Responses stored (new or a newer version). */
  stored: number;
  setAside: number;
  unopened: number;
}

export const pulledUpTo = async (db: KringDb, studyId: string) =>
  (await getSetting(db, `onlinePulled:${studyId}`)) ?? 0;

export const setAsideOf = async (db: KringDb, studyId: string) =>
  (await getSetting(db, `onlineSetAside:${studyId}`)) ?? [];

export const unopenedOf = async (db: KringDb, studyId: string) =>
  (await getSetting(db, `onlineUnopened:${studyId}`)) ?? [];

/** Pulls, opens, checks and stores everything new; `progress` gets the count done so far. */
export async function pullOnline(
  db: KringDb,
  client: OnlineHubClient,
  key: StudyKey,
  progress: (done: number) => void = () => {},
): Promise<PullOutcome> {
  const outcome: PullOutcome = { stored: 0, setAside: 0, unopened: 0 };
  const links = new Map<string, { link: LinkView; survey: Survey | undefined }>();
  let after = await pulledUpTo(db, key.studyId);
  let done = 0;
  for (;;) {
    const page = await client.envelopes(after);
    if (page.envelopes.length === 0) break;
    const byLink = new Map<string, PulledEnvelope[]>();
    for (const e of page.envelopes) {
      const listed = byLink.get(e.linkId);
      if (listed) listed.push(e);
      else byLink.set(e.linkId, [e]);
    }
    const unopened: UnopenedEnvelope[] = [];
    const setAside: SetAsideResponse[] = [];
    const valid = new Set<string>();
    for (const [linkId, envelopes] of byLink) {
      let held = links.get(linkId);
      if (!held) {
        const link = await client.publicLink(linkId);
        const checked = validateSurvey(link.definition);
        held = { link, survey: checked.ok ? checked.survey : undefined };
        links.set(linkId, held);
      }
      const { survey } = held;
      // A response is checked against its own link's questionnaire, never another's.
      const lookup = (id: string, version: number) =>
        survey && survey.id === id && survey.version === version ? survey : undefined;
      const entries = await openPulled(key, envelopes, lookup);
      const stored = await storeOnlineResponses(
        db,
        { ...held.link, createdAt: envelopes[0]!.receivedAt },
        entries,
      );
      const imported = stored.imported;
      if (!imported.ok)
        throw new Error(
          `the responses could not be stored (${JSON.stringify('problems' in imported ? imported.problems : imported)})`,
        );
      outcome.stored += imported.summary.responsesAdded + imported.summary.responsesUpdated;
      outcome.setAside += stored.setAside.length;
      setAside.push(...stored.setAside);
      for (const entry of entries)
        if (entry.kind === 'opened' && entry.check.status === 'valid')
          valid.add(entry.check.response.id);
      for (const { seq, linkId, responseId, version, receivedAt, reason } of stored.unopened)
        unopened.push({ seq, linkId, responseId, version, receivedAt, reason });
    }
    if (setAside.length > 0 || valid.size > 0) {
      const held = await setAsideOf(db, key.studyId);
      const listed = [...held, ...setAside].filter((r) => !valid.has(r.responseId));
      if (listed.length !== held.length || setAside.length > 0)
        await putSetting(db, `onlineSetAside:${key.studyId}`, listed);
    }
    if (unopened.length > 0) {
      await putSetting(db, `onlineUnopened:${key.studyId}`, [
        ...(await unopenedOf(db, key.studyId)),
        ...unopened,
      ]);
      outcome.unopened += unopened.length;
    }
    after = page.envelopes.at(-1)!.seq;
    await putSetting(db, `onlinePulled:${key.studyId}`, after);
    done += page.envelopes.length;
    progress(done);
    if (!page.more) break;
  }
  return outcome;
}
