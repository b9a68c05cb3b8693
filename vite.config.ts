import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { pyodideAssets } from './src/python/pyodideAssets.node.ts';

// Cross-origin isolation: SharedArrayBuffer + Atomics.wait in workers need COOP/COEP.
// A deployment must send the same two headers (see README, "Deploying").
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react(), pyodideAssets()], // pyodideAssets: Python components' runtime, served as /pyodide/*
  server: { headers: isolation },
  preview: { headers: isolation },
  worker: { format: 'es' },
  optimizeDeps: { include: ['monaco-yaml/yaml.worker.js'] },
  build: { chunkSizeWarningLimit: 5000 },
});
