import { defineConfig } from '@playwright/test';

/** Debian's Chromium (a test tool's own browser download fails here), quiet on a closed network. */
export const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
  ],
};

export const E2E_PORT = 4173;

export default defineConfig({
  projects: [
    { name: 'chromium', testDir: 'tests/e2e' },
    // Attacks by a second client of the kit server on the school network, with real tablets.
    { name: 'attacks', testDir: 'tests/attacks', testMatch: /\.spec\.ts$/ },
    // Tablets in Firefox and WebKit (each with a Chromium facilitator where there is one).
    { name: 'engines', testDir: 'tests/engines', timeout: 90_000 },
  ],
  timeout: 60_000,
  fullyParallel: false,
  workers: 1,
  // No retries: a flaky test is a bug to find (the last one was WebRTC glare, issue 19).
  retries: 0,
  forbidOnly: true,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    launchOptions: CHROMIUM,
    viewport: { width: 820, height: 1180 },
    locale: 'nl-BE',
    trace: 'off',
  },
  webServer: {
    command: `tsx src/server/main.ts --port ${E2E_PORT}`,
    url: `http://localhost:${E2E_PORT}/kit.json`,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
