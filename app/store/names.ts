import { escapeInvisible } from '../../src/model/nameRules.ts';

/** A component name that follows Plugboard's regex and is not yet taken: `sleep`, `sleep-2`, ... */
export function uniqueName(base: string, taken: ReadonlySet<string>): string {
  const clean =
    base
      .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, '-')
      .replace(/^[^a-z_]+/, '')
      .replace(/-+$/, '') || 'component';
  if (!taken.has(clean)) return clean;
  for (let i = 2; ; i++) {
    const candidate = `${clean}-${i}`;
    if (!taken.has(candidate)) return candidate;
  }
}

export const NAME_RE = /^[a-zA-Z_][a-zA-Z0-9_-]*$/;

/**
 * Text from a document or a run (names, paths, types) as a label shows it: invisible and
 * direction-changing characters escaped (`\u{202E}`), so a label cannot read differently from
 * what it is (a download button reading `…vsc.xls`).
 */
export function displayText(text: string): string {
  // Line breaks and tabs read as spaces in a one-line label; every other control is shown escaped.
  return escapeInvisible(text.replace(/[\t\n\r]+/g, ' '));
}

/** Last path segment, for labels and download names: `./out/b.txt` -> `b.txt` (see `displayText`). */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return displayText(parts[parts.length - 1] || path);
}
