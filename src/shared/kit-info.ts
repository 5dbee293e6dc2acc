/**
 * What the kit server tells every page of its origin at `/kit.json`: the addresses tablets join
 * at, and the ICE servers it was started with. Written by the server and read by the pages, so
 * both sides share this one shape; a page reads it as untrusted (an older server, a proxy).
 */
export const KIT_INFO_PATH = '/kit.json';

export interface IceServer {
  urls: string | string[];
}

export interface KitInfo {
  /** `http://<lan-ip>:<port>/` per network interface, for the QR codes; none when offline. */
  participantUrls: string[];
  iceServers: IceServer[];
}

export const NO_KIT_INFO: KitInfo = { participantUrls: [], iceServers: [] };

/** The kit's info as a page reads it: whatever is malformed is left out. */
export function parseKitInfo(value: unknown): KitInfo {
  const info = (typeof value === 'object' && value !== null ? value : {}) as Record<
    string,
    unknown
  >;
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  return {
    participantUrls: list(info.participantUrls).filter(
      (url): url is string => typeof url === 'string',
    ),
    iceServers: list(info.iceServers).filter(isIceServer),
  };
}

function isIceServer(value: unknown): value is IceServer {
  const urls = (value as { urls?: unknown } | null)?.urls;
  return (
    typeof urls === 'string' || (Array.isArray(urls) && urls.every((u) => typeof u === 'string'))
  );
}
