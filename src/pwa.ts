/**
 * Registers the service worker that precaches the app, where the browser allows one: only in a
 * secure context (https, localhost). Tablets on plain http over the LAN have none and skip this.
 */
export function registerServiceWorker(): void {
  if (!window.isSecureContext || !('serviceWorker' in navigator)) return;
  void import('virtual:pwa-register')
    .then(({ registerSW }) => registerSW({ immediate: true }))
    .catch((error: unknown) => console.warn('Service worker not registered', error));
}
