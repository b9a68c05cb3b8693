import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { pyodideAssets } from './src/python/pyodideAssets.node.ts';

// Cross-origin isolation: SharedArrayBuffer + Atomics.wait in workers need COOP/COEP.
// A deployment must send the same two headers (see README, "Deploying").
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * The page's policy: everything from this origin only. Inline styles are needed by Monaco and React
 * Flow (style attributes); images may be data:/blob: (Monaco's icons), nothing remote, no eval.
 */
export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Workers that run user code (a run's workers, the module analyser, tune trials): their own script
 * and this origin's chunks only, `new Function` for compiled modules, and no network of any kind.
 */
export const WORKER_CSP = ["default-src 'none'", "script-src 'self' 'unsafe-eval'", "connect-src 'none'", "worker-src 'none'", "img-src 'none'"].join('; ');

/**
 * The worker policy for one request: the same, except that the app's own Pyodide files
 * (`<origin>/pyodide/`, Python components) may be fetched — static files of this origin, nothing else.
 */
export function workerCsp(host: string | undefined): string {
  return host ? WORKER_CSP.replace("connect-src 'none'", `connect-src http://${host}/pyodide/ https://${host}/pyodide/`) : WORKER_CSP;
}

/** Worker entries that run user code: `local.worker-abc123.js` when built, `src/worker/local.worker.ts` in dev. */
export const USER_CODE_WORKER = /(?:^|\/)(?:local|component|modules|tune)\.worker(?:-[\w-]+)?\.(?:js|ts)(?:\?|$)/;

function setPolicy(req: IncomingMessage, res: ServerResponse, next: () => void, page: boolean): void {
  const url = req.url ?? '';
  if (USER_CODE_WORKER.test(url)) res.setHeader('Content-Security-Policy', workerCsp(req.headers.host));
  else if (page) res.setHeader('Content-Security-Policy', PAGE_CSP);
  next();
}

/**
 * Sends the policies from `vite preview` (headers) and `vite` dev (worker headers; the page's policy
 * as a <meta> that also allows, by hash, the inline scripts the dev server adds for React refresh).
 */
export function contentSecurityPolicy(): Plugin {
  return {
    name: 'plugboard-studio:csp',
    configureServer(server) {
      server.middlewares.use((req, res, next) => setPolicy(req, res, next, false));
    },
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => setPolicy(req, res, next, true));
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.server) return html;
        const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`);
        const policy = PAGE_CSP.replace("; frame-ancestors 'none'", '').replace("script-src 'self'", `script-src 'self' ${hashes.join(' ')}`);
        return html.replace(/<head>/, `<head>\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`);
      },
    },
  };
}

export default defineConfig({
  plugins: [react(), contentSecurityPolicy(), pyodideAssets()], // pyodideAssets: Python components' runtime, served as /pyodide/*
  server: { headers: isolation },
  preview: { headers: isolation },
  worker: { format: 'es' },
  optimizeDeps: { include: ['monaco-yaml/yaml.worker.js'] },
  build: { chunkSizeWarningLimit: 5000 },
});
