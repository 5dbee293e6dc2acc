/**
 * Everything the facilitator's session page works with, opened together: the running session,
 * its live results, the moderation of open answers, and the remote for the beamer.
 */
import type { KringDb } from '../../storage/db';
import { FacilitatorDiscussion } from './facilitator-discussion.svelte';
import { FacilitatorSession } from './facilitator-session.svelte';
import { OpenAnswerModeration } from './moderation.svelte';
import type { Network } from '../../sync/network';
import { ProjectionControl, type ProjectionTexts } from './projection-control.svelte';
import { SessionResults } from './session-results.svelte';

export interface FacilitatorWorkspace {
  session: FacilitatorSession;
  results: SessionResults;
  moderation: OpenAnswerModeration;
  control: ProjectionControl;
  discussion: FacilitatorDiscussion;
  destroy(): void;
}

/** Undefined when this laptop has no such session. */
export async function openWorkspace(
  db: KringDb,
  sessionId: string,
  network: Network,
  texts: () => ProjectionTexts,
): Promise<FacilitatorWorkspace | undefined> {
  const session = await FacilitatorSession.open(db, sessionId, network);
  if (!session) return undefined;
  try {
    const results = await SessionResults.load(session);
    const moderation = await OpenAnswerModeration.load(db, sessionId);
    const discussion = await FacilitatorDiscussion.load(session);
    const control = new ProjectionControl(
      session,
      results,
      moderation,
      texts,
      () => discussion.public,
    );
    return {
      session,
      results,
      moderation,
      control,
      discussion,
      destroy() {
        discussion.destroy();
        results.destroy();
        session.destroy();
      },
    };
  } catch (error) {
    session.destroy();
    throw error;
  }
}
