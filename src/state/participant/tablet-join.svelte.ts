/**
 * A tablet's way into a facilitator's session (`/join`): from a QR code's link, a typed code,
 * the session it was in before, or an earlier session it goes back to. The page only shows the
 * phase and passes on what the participant does; the address bar follows the session through
 * `replaceUrl`, so that a reload goes on with the same laptop.
 */
import { parseJoinCode } from '../../sync/join-code';
import type { PageServices } from '../page-services';
import { problemOf, type ProblemKind } from '../problems';
import { ParticipantSession, type JoinTicket } from './participant-session.svelte';

export type TabletJoinPhase =
  | { kind: 'loading' }
  | { kind: 'code' }
  | { kind: 'session'; session: ParticipantSession }
  | { kind: 'error'; problem: ProblemKind };

export class TabletJoin {
  phase = $state.raw<TabletJoinPhase>({ kind: 'loading' });
  readonly #services: PageServices;
  readonly #replaceUrl: (path: string) => void;

  constructor(services: PageServices, replaceUrl: (path: string) => void) {
    this.#services = services;
    this.#replaceUrl = replaceUrl;
  }

  get session(): ParticipantSession | undefined {
    return this.phase.kind === 'session' ? this.phase.session : undefined;
  }

  /** Joins the session of the page's address, else the one this tablet was in, else asks a code. */
  async start(params: URLSearchParams): Promise<void> {
    const code = parseJoinCode(params.get('code') ?? '');
    const fingerprint = params.get('fp') ?? undefined;
    try {
      const ticket: JoinTicket | undefined = code
        ? { joinCode: code, ...(fingerprint ? { fingerprint } : {}) }
        : await ParticipantSession.remembered(this.#services.db);
      if (ticket) await this.join(ticket);
      else this.phase = { kind: 'code' };
    } catch (error) {
      this.phase = { kind: 'error', problem: problemOf(error) };
    }
  }

  async join(ticket: JoinTicket): Promise<void> {
    try {
      const network = await this.#services.network();
      const session = await ParticipantSession.start(this.#services.db, ticket, network);
      this.phase = { kind: 'session', session };
    } catch (error) {
      this.phase = { kind: 'error', problem: problemOf(error) };
    }
  }

  /** Back to an earlier session that still holds answers its facilitator has not received. */
  rejoin(ticket: JoinTicket): Promise<void> {
    this.session?.destroy();
    this.#replaceUrl('/join');
    return this.join(ticket);
  }

  /** The participant picked the facilitator's check code; a reload goes on with that laptop. */
  confirmFacilitator(code: string): boolean {
    const session = this.session;
    if (!session?.pickCheckCode(code)) return false;
    const fp = session.trustedFingerprint;
    this.#replaceUrl(`/join?code=${session.ticket.joinCode}${fp ? `&fp=${fp}` : ''}`);
    return true;
  }

  /** Leaves this session for another code. */
  joinOther(): void {
    this.session?.destroy();
    this.#replaceUrl('/join');
    this.phase = { kind: 'code' };
  }

  destroy(): void {
    this.session?.destroy();
  }
}
