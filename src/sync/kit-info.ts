/** Reads the kit server's info; apart from the network so that a page without one stays small. */
import { KIT_INFO_PATH, NO_KIT_INFO, parseKitInfo, type KitInfo } from '../shared/kit-info';

/**
 * The kit server's info (`/kit.json`); none when it cannot be read (offline start, older
 * server), which suits one local network: no LAN addresses to show, no ICE servers.
 */
export async function fetchKitInfo(fetcher: typeof fetch = fetch): Promise<KitInfo> {
  try {
    // A dropped Wi-Fi can leave a request hanging: the tablet must not wait for it.
    const response = await fetcher(KIT_INFO_PATH, {
      cache: 'no-store',
      signal: AbortSignal.timeout(3000),
    });
    if (!response.ok) return NO_KIT_INFO;
    return parseKitInfo(await response.json());
  } catch {
    return NO_KIT_INFO;
  }
}
