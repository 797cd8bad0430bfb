import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';
import { decksPlugin } from './src/deck/node/vite-plugin.ts';

// Unit and component tests. VitePWA stays out of this config (TOOLCHAIN.md gotcha 5).
export default defineConfig({
  plugins: [decksPlugin(), svelte(), svelteTesting()],
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'test/bench/**', 'node_modules/**'],
    environment: 'node',
    setupFiles: ['test/setup.ts'],
    pool: 'threads',
    testTimeout: 20000,
  },
});
