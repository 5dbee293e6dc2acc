/** Whether a page's host is this computer itself (the facilitator's laptop), not a LAN address. */
export function isThisComputer(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}
