// The semantics document is the target of the "spec §N.M" and "Qn" citations in code comments:
// every citation must name a section or quirk the document has, so a renumbering shows up here.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const doc = readFileSync(join(root, 'docs', 'plugboard-semantics.md'), 'utf8');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

function documentedSections(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/^#{2,3} (\d+(?:\.\d+)?)\.? /gm)) out.add(m[1]!);
  return out;
}

function documentedQuirks(text: string): Set<string> {
  return new Set([...text.matchAll(/^\| (Q\d+) \|/gm)].map((m) => m[1]!));
}

describe('docs/plugboard-semantics.md', () => {
  const sections = documentedSections(doc);
  const quirks = documentedQuirks(doc);

  it('numbers sections 1 to 15 in order and quirks Q1 to Q23', () => {
    const top = [...doc.matchAll(/^## (\d+)\. /gm)].map((m) => Number(m[1]));
    expect(top).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect([...quirks]).toEqual(Array.from({ length: 23 }, (_, i) => `Q${i + 1}`));
  });

  it('has every section and quirk that a code comment cites', () => {
    const missing: string[] = [];
    for (const file of [...sourceFiles(join(root, 'src')), ...sourceFiles(join(root, 'app'))]) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/spec §(\d+(?:\.\d+)?)/g)) {
        if (!sections.has(m[1]!)) missing.push(`${file}: §${m[1]}`);
      }
      for (const m of text.matchAll(/\b(Q\d+)\b/g)) {
        if (!quirks.has(m[1]!)) missing.push(`${file}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('detects a citation of a section it lacks', () => {
    expect(documentedSections('## 3. A\n### 3.4 B\n').has('3.5')).toBe(false);
    expect(documentedSections('## 3. A\n### 3.4 B\n').has('3.4')).toBe(true);
  });
});
