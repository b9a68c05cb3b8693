/**
 * Vite plugin: the app serves Pyodide's runtime files itself, under `<base>pyodide/` (no CDN, same
 * origin, so cross-origin isolation holds). They are fetched only by workers whose run uses a
 * Python module; the page never loads them. Fixed names, because Pyodide finds its files by name
 * next to `indexURL`.
 */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Pyodide's files a run needs (the interpreter, its wasm, the standard library, the package lock). */
export const PYODIDE_FILES = ['pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide-lock.json'] as const;

const TYPES: Record<string, string> = { '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.zip': 'application/zip', '.json': 'application/json' };

interface MiddlewareServer {
  middlewares: { use(path: string, handler: (req: { url?: string }, res: ResponseLike, next: () => void) => void): void };
}
interface ResponseLike {
  setHeader(name: string, value: string | number): void;
  end(): void;
}
interface EmitContext {
  emitFile(file: { type: 'asset'; fileName: string; source: Uint8Array }): string;
}

function pyodideDir(): string {
  return dirname(createRequire(import.meta.url).resolve('pyodide/package.json'));
}

/** @example plugins: [react(), pyodideAssets()] */
export function pyodideAssets() {
  const dir = pyodideDir();
  const serve = (server: MiddlewareServer): void => {
    server.middlewares.use('/pyodide/', (req, res, next) => {
      const name = (req.url ?? '').replace(/^\//, '').split('?')[0]!;
      if (!(PYODIDE_FILES as readonly string[]).includes(name)) return next();
      const path = join(dir, name);
      res.setHeader('Content-Type', TYPES[name.slice(name.lastIndexOf('.'))] ?? 'application/octet-stream');
      res.setHeader('Content-Length', statSync(path).size);
      res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
      createReadStream(path).pipe(res as unknown as NodeJS.WritableStream);
    });
  };
  return {
    name: 'plugboard-pyodide-assets',
    configureServer: serve,
    generateBundle(this: EmitContext) {
      for (const name of PYODIDE_FILES) this.emitFile({ type: 'asset', fileName: `pyodide/${name}`, source: readFileSync(join(dir, name)) });
    },
  };
}
