import fs from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './vite-precompress';

const api = process.env.REXIAN_API_URL ?? 'http://localhost:4000';

// Vendor code changes far less often than ours: separate chunks keep reloads cheap after an upgrade. Only libraries
// the first screen needs whole are grouped. MUI and react-admin are not: a group takes every module of the library
// that any page uses into one chunk the first screen must download (+165 kB gzip), while ungrouped, the components
// only some pages use travel with those pages' lazy chunks (App.tsx). echarts, exceljs and the datasheet grid
// must stay out of the first download too (admin/test/initial-load.test.ts checks it).
const vendorGroups: Array<[string, RegExp]> = [
  ['react', /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/],
  ['graphql', /node_modules[\\/](graphql|@apollo|@wry|optimism|zen-observable[a-z-]*|graphql-[a-z-]+|ts-invariant|symbol-observable)[\\/]/],
];

/** The static schema (src/introspection.json) without descriptions, deprecation notes, default values and
 * directive definitions: the admin (ra-data-graphql, src/schema.ts) reads names, types and arguments only, and the
 * rest is 60% of its bytes (35 → 16 kB gzip in the first download). */
const UNUSED_INTROSPECTION_KEYS = new Set(['description', 'isDeprecated', 'deprecationReason', 'defaultValue']);
function leanIntrospection(): Plugin {
  return {
    name: 'rexian-lean-introspection',
    enforce: 'pre',
    load(id) {
      if (!/[\\/]src[\\/]introspection\.json$/.test(id)) return null;
      return JSON.stringify(JSON.parse(fs.readFileSync(id, 'utf8')), (key, value) =>
        UNUSED_INTROSPECTION_KEYS.has(key) ? undefined : key === 'directives' && Array.isArray(value) ? [] : value);
    },
  };
}

export default defineConfig({
  plugins: [leanIntrospection(), react(), precompress()],
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
