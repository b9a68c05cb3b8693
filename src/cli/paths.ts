/**
 * Where a model may write and read on disk. Every output file lands inside `--out-dir`: relative
 * paths only, no `..` out of it, no symlink leading out of it, no special file systems (/proc, /sys,
 * /dev) and no special files (devices, FIFOs). Inputs (FileReader, `process:` references) are read
 * only inside the YAML's folder, `--out-dir` and the `--allow-read` folders.
 */
import { lstatSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

export type PathCheck = { readonly ok: true; readonly target: string } | { readonly ok: false; readonly reason: string };

/** Folders whose files are not ordinary files (writing there can hang or do harm). */
const SPECIAL_ROOTS = ['/proc', '/sys', '/dev'];

function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** realpath of the path, or of its deepest existing ancestor joined with the rest. */
function realpathOfExisting(path: string): string {
  let current = path;
  const rest: string[] = [];
  for (;;) {
    try {
      return resolve(realpathSync(current), ...rest.reverse());
    } catch {
      const parent = dirname(current);
      if (parent === current) return path;
      rest.push(current.slice(parent.length + (parent.endsWith(sep) ? 0 : 1)));
      current = parent;
    }
  }
}

/** Refuses an out-dir on a special file system. */
export function checkOutDir(outDir: string): PathCheck {
  const real = realpathOfExisting(resolve(outDir));
  const special = SPECIAL_ROOTS.find((root) => isInside(root, real));
  if (special) return { ok: false, reason: `--out-dir '${outDir}' is under ${special}, which holds no ordinary files; choose another folder` };
  return { ok: true, target: real };
}

/**
 * Resolves a path a component writes to a file inside `outDir`, or says why it may not.
 * @example checkOutputPath('/tmp/out', 'a/b.csv') // { ok: true, target: '/tmp/out/a/b.csv' }
 */
export function checkOutputPath(outDir: string, path: unknown): PathCheck {
  if (typeof path !== 'string' || path.trim() === '') return { ok: false, reason: 'the output path must be a non-empty string' };
  if (path.includes('\0')) return { ok: false, reason: 'the output path contains a NUL byte' };
  if (isAbsolute(path) || /^[A-Za-z]:[\\/]/.test(path)) return { ok: false, reason: `the output path '${path}' is absolute; give a path relative to --out-dir` };
  const root = resolve(outDir);
  const target = resolve(root, path);
  if (target === root || !isInside(root, target)) return { ok: false, reason: `the output path '${path}' leaves --out-dir; give a path inside it (no '..' out of the folder)` };
  const out = checkOutDir(root);
  if (!out.ok) return out;
  const real = realpathOfExisting(target);
  if (!isInside(out.target, real)) return { ok: false, reason: `the output path '${path}' goes through a symlink that leads out of --out-dir` };
  try {
    const stat = lstatSync(target);
    if (stat.isSymbolicLink()) return { ok: false, reason: `the output path '${path}' is a symlink; symlinks in --out-dir are not followed` };
    if (stat.isDirectory()) return { ok: false, reason: `the output path '${path}' is a folder` };
    if (!stat.isFile()) return { ok: false, reason: `the output path '${path}' is not an ordinary file (device, FIFO or socket)` };
  } catch {
    // Does not exist yet: it will be created.
  }
  return { ok: true, target };
}

/**
 * Resolves a path a model reads (FileReader input, `process:` reference) inside one of `roots`:
 * the first of `bases` (folders a relative path is tried against) where it exists and is allowed.
 * The reason never quotes the file's content.
 * @example checkReadPath(['/m'], ['/m'], 'in.csv') // { ok: true, target: '/m/in.csv' }
 */
export function checkReadPath(roots: readonly string[], bases: readonly string[], path: string): PathCheck {
  if (typeof path !== 'string' || path === '' || path.includes('\0')) return { ok: false, reason: 'the input path must be a non-empty string without NUL bytes' };
  const realRoots = roots.map((r) => realpathOfExisting(resolve(r)));
  let refused: string | undefined;
  for (const base of isAbsolute(path) ? ['/'] : bases) {
    const target = resolve(base, path);
    let real: string;
    try {
      real = realpathSync(target);
    } catch {
      continue;
    }
    if (!realRoots.some((root) => isInside(root, real))) {
      refused = `'${path}' is outside the folders this model may read (the YAML's folder and --out-dir); pass --allow-read DIR to allow another folder`;
      continue;
    }
    try {
      if (!statSync(real).isFile()) {
        refused = `'${path}' is not an ordinary file`;
        continue;
      }
    } catch {
      continue;
    }
    return { ok: true, target: real };
  }
  return { ok: false, reason: refused ?? `'${path}' was not found` };
}
