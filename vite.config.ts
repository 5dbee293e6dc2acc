import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { precompress } from './scripts/vite-precompress.ts';
import { signaling } from './scripts/vite-signaling.ts';
import { bundleAliases } from './scripts/bundle-aliases.ts';
import { ywebrtcFixes } from './scripts/ywebrtc-fixes.ts';

export default defineConfig({
  publicDir: 'static',
  resolve: { alias: bundleAliases },
  plugins: [
    ywebrtcFixes(),
    svelte(),
    VitePWA({
      // Registration is done by hand (src/pwa.ts): plain-http LAN origins have no service worker.
      injectRegister: null,
      registerType: 'autoUpdate',
      manifest: {
        name: 'Kring',
        short_name: 'Kring',
        description: 'Vragenlijsten en focusgesprekken op school, zonder internet',
        lang: 'nl',
        theme_color: '#1f4e79',
        background_color: '#ffffff',
        display: 'standalone',
        start_url: '/',
        icons: [
          { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,json,woff2}'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/signal/, /^\/online\//],
        cleanupOutdatedCaches: true,
      },
    }),
    precompress(),
    signaling(),
  ],
  build: {
    target: 'es2022',
    sourcemap: false,
  },
  server: { port: 5173 },
});
