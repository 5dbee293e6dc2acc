/**
 * The hub's HTTP routes for online links (issue 25), beside its WebSocket documents:
 *
 * For respondents (no key; what the link's page asks):
 * - `GET  /online/<link>` → the link as a respondent sees it: label, dates, whether it needs an
 *   access code, the study's public key and the questionnaire. Nothing of any response.
 * - `POST /online/<link>/<response>?v=<version>` with the envelope as the body and the browser's
 *   write token (`X-Kring-Token`, and `X-Kring-Code` for a link with codes) → `{ ok: true }` or
 *   `{ refused }` with its status. A respondent never receives anything else.
 *
 * For the study's facilitators (`Authorization: Bearer <hub key>` of the link's study):
 * - `PUT  /online/<link>` with the link as JSON → creates it, or changes its label, dates,
 *   dates or revocation (a change sends only these: a link's study, key, questionnaire and
 *   codes never change);
 * - `GET  /online/studies/<study>/envelopes?after=<seq>` → the study's envelopes after a point;
 * - `GET  /online/studies/<study>/waiting?after=<seq>` → how many there are (for a laptop
 *   without the study's key, to say how many wait);
 * - `GET  /online/studies/<study>/links` → the study's links with their counts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { STUDY_ID } from '../../sync/hub-names.ts';
import type { LinkView } from '../../sync/online-wire.ts';
import type { HubStore } from './hub-store.ts';
import { OnlineDrop, type DropOutcome, type OnlineLink, type OnlineStore } from './online-drop.ts';

const LINK_ID = /^[A-Za-z0-9_-]{8,64}$/;
const RESPONSE_ID = /^[A-Za-z0-9_-]{8,64}$/;
/** A link's JSON: its questionnaire is most of it. */
const MAX_LINK_BYTES = 2 * 1024 * 1024;
const PULL_LIMIT = 500;

const STATUS: Record<Extract<DropOutcome, { ok: false }>['refused'], number> = {
  unknownLink: 404,
  notOpenYet: 403,
  closed: 403,
  malformed: 400,
  tooLarge: 413,
  tooFast: 429,
  linkFull: 507,
  notYours: 409,
  codeNeeded: 401,
  codeUnknown: 403,
  codeUsed: 409,
};

export interface OnlineRoutes {
  store: OnlineStore;
  drop: OnlineDrop;
  tokens: Pick<HubStore, 'tokenOf'>;
  /** The largest envelope the drop takes (a body past it is cut off unread). */
  maxEnvelopeBytes: number;
  /**
   * Behind a reverse proxy every request comes from the proxy: the respondent's address is the
   * last one the proxy added to `X-Forwarded-For` (earlier ones are the client's to write).
   */
  behindProxy?: boolean;
}

/** Whom the caps per address count a request against. */
export function addressOf(request: IncomingMessage, behindProxy: boolean): string {
  const socket = request.socket.remoteAddress ?? '';
  const forwarded = request.headers['x-forwarded-for'];
  if (!behindProxy || typeof forwarded !== 'string') return socket;
  return forwarded.split(',').at(-1)?.trim() || socket;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    // A body refused unread is not read after the answer either: the connection ends.
    ...(status === 413 ? { Connection: 'close' } : {}),
  });
  response.end(text);
}

/**
 * The request's body, or undefined past `limit` bytes: a body that says it is larger is not
 * read at all, one that turns out larger is cut off.
 */
async function bodyOf(request: IncomingMessage, limit: number): Promise<Uint8Array | undefined> {
  if (Number(request.headers['content-length'] ?? 0) > limit) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      request.destroy();
      return undefined;
    }
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** The study a facilitator's bearer key opens, if any. */
async function studyOfKey(
  request: IncomingMessage,
  tokens: OnlineRoutes['tokens'],
): Promise<string | undefined> {
  const match = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(request.headers.authorization ?? '');
  return match ? (await tokens.tokenOf(match[1]!))?.study : undefined;
}

/** Handles a request under `/online/`; false for any other path (left to the hub). */
export async function handleOnline(
  routes: OnlineRoutes,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<boolean> {
  const url = new URL(request.url ?? '/', 'http://hub');
  const parts = url.pathname.split('/').filter(Boolean);
  if (parts[0] !== 'online') return false;
  const method = request.method ?? 'GET';

  // The facilitators' routes are called from the kit's page on the laptop, another origin: a
  // bearer key, never a cookie, so any origin may ask (the key is what counts).
  const facilitators = parts[1] === 'studies' || (parts.length === 2 && method !== 'POST');
  if (facilitators) response.setHeader('Access-Control-Allow-Origin', '*');
  if (method === 'OPTIONS') {
    if (!facilitators) return notFound(response);
    response.writeHead(204, {
      'Access-Control-Allow-Methods': 'GET, PUT',
      'Access-Control-Allow-Headers': 'Authorization, Content-Type',
      'Access-Control-Max-Age': '600',
    });
    response.end();
    return true;
  }

  if (parts[1] === 'studies' && parts.length === 4) {
    const [, , study, what] = parts as [string, string, string, string];
    if (method !== 'GET' || !STUDY_ID.test(study)) return notFound(response);
    if ((await studyOfKey(request, routes.tokens)) !== study) return refuse(response, 401, 'key');
    if (what === 'links') {
      send(response, 200, { links: await routes.store.links(study) });
      return true;
    }
    const after = Number(url.searchParams.get('after') ?? '0');
    if (!Number.isSafeInteger(after) || after < 0) return refuse(response, 400, 'malformed');
    if (what === 'waiting') {
      send(response, 200, { waiting: await routes.store.waiting(study, after) });
      return true;
    }
    if (what !== 'envelopes') return notFound(response);
    const envelopes = await routes.store.since(study, after, PULL_LIMIT);
    send(response, 200, {
      envelopes: envelopes.map((e) => ({
        seq: e.seq,
        linkId: e.linkId,
        responseId: e.responseId,
        version: e.version,
        receivedAt: e.receivedAt,
        envelope: Buffer.from(e.envelope).toString('base64url'),
      })),
      more: envelopes.length === PULL_LIMIT,
    });
    return true;
  }

  const linkId = parts[1] ?? '';
  if (!LINK_ID.test(linkId)) return notFound(response);

  if (parts.length === 2 && method === 'GET') {
    const link = await routes.store.link(linkId);
    if (!link) return notFound(response);
    const view: LinkView = {
      id: link.id,
      label: link.label,
      studyId: link.studyId,
      publicKey: link.publicKey,
      definition: link.definition,
      opensAt: link.opensAt ?? null,
      closesAt: link.closesAt ?? null,
      open: !link.revoked,
      codes: link.codes !== undefined,
    };
    send(response, 200, view);
    return true;
  }

  if (parts.length === 2 && method === 'PUT') {
    const study = await studyOfKey(request, routes.tokens);
    if (!study) return refuse(response, 401, 'key');
    const held = await routes.store.link(linkId);
    if (held && held.studyId !== study) return refuse(response, 403, 'key');
    const body = await bodyOf(request, MAX_LINK_BYTES);
    const given = body && linkFrom(body, linkId, study, held);
    if (!given) return refuse(response, 400, 'malformed');
    await routes.store.putLink(given);
    send(response, 200, { ok: true });
    return true;
  }

  if (parts.length === 3 && method === 'POST') {
    const responseId = parts[2]!;
    if (!RESPONSE_ID.test(responseId)) return refuse(response, 400, 'malformed');
    const envelope = await bodyOf(request, routes.maxEnvelopeBytes);
    if (!envelope) return refuse(response, 413, 'tooLarge');
    const outcome = await routes.drop.put({
      linkId,
      responseId,
      version: Number(url.searchParams.get('v')),
      token: String(request.headers['x-kring-token'] ?? ''),
      ...(request.headers['x-kring-code'] ? { code: String(request.headers['x-kring-code']) } : {}),
      envelope,
      address: addressOf(request, routes.behindProxy === true),
    });
    if (outcome.ok) send(response, 200, { ok: true });
    else refuse(response, STATUS[outcome.refused], outcome.refused);
    return true;
  }
  return notFound(response);
}

function refuse(response: ServerResponse, status: number, refused: string): true {
  send(response, status, { refused });
  return true;
}

function notFound(response: ServerResponse): true {
  return refuse(response, 404, 'unknownLink');
}

/**
 * A link as a facilitator's laptop sends it, checked field by field. A change of a `held` link
 * brings its label, dates and closing only: its key, questionnaire and codes are kept as made.
 */
function linkFrom(
  body: Uint8Array,
  id: string,
  studyId: string,
  held: OnlineLink | undefined,
): OnlineLink | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder().decode(body));
  } catch {
    return undefined;
  }
  const l = raw as Record<string, unknown> | null;
  if (typeof l !== 'object' || l === null) return undefined;
  const time = (value: unknown) =>
    value === undefined || value === null
      ? undefined
      : Number.isSafeInteger(value)
        ? (value as number)
        : NaN;
  const opensAt = time(l.opensAt);
  const closesAt = time(l.closesAt);
  if (Number.isNaN(opensAt) || Number.isNaN(closesAt)) return undefined;
  if (typeof l.label !== 'string' || !l.label.trim() || l.label.length > 200) return undefined;
  const changed = {
    id,
    studyId,
    label: l.label.trim(),
    revoked: l.revoked === true,
    ...(opensAt === undefined ? {} : { opensAt }),
    ...(closesAt === undefined ? {} : { closesAt }),
  };
  if (held)
    return {
      ...changed,
      publicKey: held.publicKey,
      definition: held.definition,
      ...(held.codes ? { codes: held.codes } : {}),
    };
  if (typeof l.publicKey !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(l.publicKey)) return undefined;
  if (typeof l.definition !== 'string' || !l.definition) return undefined;
  const codes = l.codes;
  if (
    codes !== undefined &&
    codes !== null &&
    (!Array.isArray(codes) ||
      codes.length > 10_000 ||
      !codes.every((c) => typeof c === 'string' && /^[0-9a-f]{64}$/.test(c)))
  )
    return undefined;
  return {
    ...changed,
    publicKey: l.publicKey,
    definition: l.definition,
    ...(Array.isArray(codes) ? { codes: new Set(codes as string[]) } : {}),
  };
}
