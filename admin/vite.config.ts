import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './vite-precompress';

const api = process.env.REXIAN_API_URL ?? 'http://localhost:4000';

// Vendor code changes far less often than ours: separate chunks keep reloads cheap after an upgrade.
const vendorGroups: Array<[string, RegExp]> = [
  ['react', /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/],
  ['mui', /node_modules[\\/](@mui|@emotion|@popperjs|react-transition-group|stylis)[\\/]/],
  ['react-admin', /node_modules[\\/](react-admin|ra-[a-z-]+|react-hook-form|@tanstack|lodash|inflection|date-fns|node-polyglot)[\\/]/],
  ['graphql', /node_modules[\\/](graphql|@apollo|@wry|optimism|zen-observable[a-z-]*|graphql-[a-z-]+|ts-invariant|symbol-observable)[\\/]/],
];

export default defineConfig({
  plugins: [react(), precompress()],
  base: '/',
  server: {
    port: 5173,
    proxy: { '/graphql': { target: api, changeOrigin: false } },
  },
  preview: {
    proxy: { '/graphql': { target: api, changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: vendorGroups.map(([name, test]) => ({ name, test })),
        },
      },
    },
  },
});
