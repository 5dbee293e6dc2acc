/**
 * An online link as its respondent's page reads it (issue 25): from the hub that serves the
 * page (`GET /online/<link>`), and kept on the device so that a page reopened without network
 * still shows its questionnaire. Whether the link takes a response now is the hub's to say at
 * sending; the page says what it knows.
 */
import type { Survey } from '../../domain/survey-schema';
import { validateSurvey, type ValidationIssue } from '../../domain/survey-validate';
import type { KringDb } from '../../storage/db';
import { getSetting, putSetting } from '../../storage/settings';
import { linkViewOf, type LinkView } from '../../sync/online-wire';

/** The link as the hub shows it to a respondent. */
export type RespondentLink = LinkView;

declare module '../../storage/settings' {
  interface Settings {
    [link: `onlineLink:${string}`]: RespondentLink;
  }
}

/** The path a link's page has: `/o/<link>`. */
export const ONLINE_PATH = /^\/o\/([A-Za-z0-9_-]{8,64})\/?$/;

export const linkIdOfPath = (path: string) => ONLINE_PATH.exec(path)?.[1];

export type LinkLoad =
  | { ok: true; link: RespondentLink; survey: Survey; fromDevice: boolean }
  | { ok: false; reason: 'unknownLink' | 'unreachable' }
  | { ok: false; reason: 'invalid'; issues: ValidationIssue[] };

/** The link from the hub, or as this device last read it when the hub cannot be reached. */
export async function loadLink(
  db: KringDb,
  linkId: string,
  fetcher: typeof fetch = fetch,
): Promise<LinkLoad> {
  const key = `onlineLink:${linkId}` as const;
  let link: RespondentLink | undefined;
  let fromDevice = false;
  try {
    const response = await fetcher(`/online/${linkId}`, { cache: 'no-store' });
    if (response.status === 404) return { ok: false, reason: 'unknownLink' };
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    link = linkViewOf(await response.json(), linkId);
  } catch {
    // Offline, or the hub is down: what this device read before.
  }
  if (link) await putSetting(db, key, link);
  else {
    link = await getSetting(db, key);
    fromDevice = true;
  }
  if (!link) return { ok: false, reason: 'unreachable' };
  const checked = validateSurvey(link.definition);
  if (!checked.ok) return { ok: false, reason: 'invalid', issues: checked.issues };
  return { ok: true, link, survey: checked.survey, fromDevice };
}

export type LinkState = 'open' | 'notYet' | 'closed';

/** Whether the link takes new responses now, as far as the page knows. */
export function linkState(link: RespondentLink, now: number): LinkState {
  if (!link.open || (link.closesAt !== null && now >= link.closesAt)) return 'closed';
  if (link.opensAt !== null && now < link.opensAt) return 'notYet';
  return 'open';
}
