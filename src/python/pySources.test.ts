import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { PYTHON_SOURCES } from './pySources.generated.ts';

const root = fileURLToPath(new URL('./py/', import.meta.url));
const target = fileURLToPath(new URL('./pySources.generated.ts', import.meta.url));

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === '__pycache__' ? [] : walk(path);
    return name.endsWith('.py') ? [path] : [];
  });
}

function render(): string {
  const files = walk(root).sort().map((path) => [relative(root, path).split('\\').join('/'), readFileSync(path, 'utf8')] as const);
  const body = files.map(([path, text]) => `  ${JSON.stringify(path)}: ${JSON.stringify(text)},`).join('\n');
  return `// Generated from src/python/py/** by \`UPDATE_PYTHON_SOURCES=1 npx vitest run src/python/pySources.test.ts\`. Do not edit.\n/** The Python files installed into Pyodide (path under site-packages → text). */\nexport const PYTHON_SOURCES: Readonly<Record<string, string>> = {\n${body}\n};\n`;
}

test('the shipped Python sources match src/python/py', () => {
  const text = render();
  if (process.env['UPDATE_PYTHON_SOURCES']) writeFileSync(target, text);
  const current = readFileSync(target, 'utf8');
  expect(current).toBe(text);
  expect(Object.keys(PYTHON_SOURCES)).toContain('plugboard/component/__init__.py');
});
