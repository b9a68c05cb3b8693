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

/** Last path segment: `./out/b.txt` -> `b.txt`. */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}
