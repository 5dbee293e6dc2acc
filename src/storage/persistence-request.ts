/**
 * Asks the browser not to evict Kring's storage under pressure. Only secure contexts have
 * `navigator.storage.persist()`; on a plain-http LAN origin this does nothing and says so.
 */
export async function requestPersistentStorage(
  scope: { isSecureContext?: boolean; navigator?: Navigator } = globalThis,
): Promise<boolean> {
  const storage = scope.navigator?.storage;
  if (!scope.isSecureContext || typeof storage?.persist !== 'function') return false;
  try {
    return (await storage.persisted()) || (await storage.persist());
  } catch {
    return false;
  }
}
