import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  plugins: [svelte()],
  resolve: {
    // Mammoth's Node build reads files and Buffers only; the page gets its browser build (the
    // package's "browser" field), which reads an ArrayBuffer. The tests read as the page does.
    alias: { mammoth: 'mammoth/mammoth.browser.js' },
  },
  test: {
    environment: 'node',
    setupFiles: ['tests/unit/setup.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/attacks/**/*.test.ts'],
          exclude: ['tests/unit/**/*.svelte.test.ts'],
        },
      },
      {
        // Tests of reactivity: Svelte's client runtime, where effects run (the server build,
        // Node's default, never runs them).
        extends: true,
        resolve: { conditions: ['browser'] },
        test: {
          name: 'runes',
          include: ['tests/unit/**/*.svelte.test.ts'],
          environment: './tests/fixtures/client-environment.ts',
        },
      },
    ],
  },
});
