// Vite config of the Chromium benchmark page (bench/browser/index.html), separate from the app's so
// the app config needs no bench entry. Same COOP/COEP headers as the app (cross-origin isolation), same
// worker Content-Security-Policy, and Pyodide served as /pyodide/* (the Python benchmark), as in the app.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { pyodideAssets } from '../src/python/pyodideAssets.node.ts';
import { contentSecurityPolicy } from '../vite.config.ts';

const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export const BENCH_OUT_DIR = 'node_modules/.cache/plugboard-bench';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  logLevel: 'warn',
  plugins: [contentSecurityPolicy(), pyodideAssets()],
  server: { headers: isolation },
  preview: { headers: isolation },
  worker: { format: 'es' },
  build: {
    outDir: BENCH_OUT_DIR,
    emptyOutDir: true,
    chunkSizeWarningLimit: 5000,
    rollupOptions: { input: { bench: fileURLToPath(new URL('./browser/index.html', import.meta.url)) } },
  },
});
