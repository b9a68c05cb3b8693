// Same as ../playwright.config.ts but on its own port and build directory, so the editor's specs can
// run while other work builds or serves `dist/` (build with `npx vite build --outDir /tmp/editor-dist`).
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import base from '../playwright.config.ts';

const PORT = Number(process.env.EDITOR_E2E_PORT ?? 4183);
const OUT = process.env.EDITOR_E2E_DIST ?? '/tmp/editor-dist';

export default defineConfig({
  ...base,
  testDir: '.',
  use: { ...base.use, baseURL: `http://localhost:${PORT}` },
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort --outDir ${OUT}`,
    // From the repository root, so vite.config.ts (COOP/COEP headers) applies.
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    url: `http://localhost:${PORT}`,
    reuseExistingServer: true,
    timeout: 60_000,
  },
});
