import { networkInterfaces } from 'node:os';

/** The machine's IPv4 addresses on its networks (not loopback), e.g. the school Wi-Fi. */
export function lanAddresses(interfaces = networkInterfaces()): string[] {
  const addresses: string[] = [];
  for (const entries of Object.values(interfaces)) {
    for (const entry of entries ?? []) {
      if (entry.family === 'IPv4' && !entry.internal) addresses.push(entry.address);
    }
  }
  return addresses;
}
