import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

/** The benchmarks that use the app's state classes (Svelte runes): `npm run bench:hub`. */
export default defineConfig({
  plugins: [svelte()],
  test: { include: ['bench/**/*.run.ts'], environment: 'node', testTimeout: 900_000 },
});
