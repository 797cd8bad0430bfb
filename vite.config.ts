import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { decksPlugin } from './src/deck/node/vite-plugin.ts';

export default defineConfig({
  plugins: [
    decksPlugin(),
    svelte(),
    VitePWA({
      // Prompt flow: a new version waits until the learner chooses to apply it.
      registerType: 'prompt',
      includeAssets: ['robots.txt', 'apple-touch-icon.png'],
      manifest: {
        name: 'KCNA Reconcile: Kubernetes study',
        short_name: 'KCNA Study',
        description: 'Study for the KCNA exam offline: spaced-repetition cards and a simulated Kubernetes cluster.',
        lang: 'en',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        background_color: '#ffffff',
        theme_color: '#326ce5',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // Precache the shell, every lazy chunk (decks, sandbox, formats) and the sql.js wasm.
        globPatterns: ['**/*.{js,css,html,svg,wasm,txt}'],
        maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
        navigateFallback: 'index.html',
        // The first visit is controlled at once; later versions still wait for the prompt.
        clientsClaim: true,
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  build: {
    target: 'es2022',
    sourcemap: false,
  },
  worker: {
    format: 'es',
  },
  preview: {
    host: '127.0.0.1',
    port: 4173,
    strictPort: true,
  },
});
