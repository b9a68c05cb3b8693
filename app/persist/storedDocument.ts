// What the app keeps in the browser between visits, checked with a schema when it is read back:
// storage is outside the app's control (an older version, another tab, a browser extension, a crash
// mid-write), so a bad field must cost that field, never the page.
import * as v from 'valibot';
import type { ModuleSource } from '../../src/index.ts';
import type { Theme } from '../store/createEditorStore.ts';

export const ModuleSchema = v.object({ file: v.string(), source: v.string() });

export const StoredDocumentSchema = v.object({
  text: v.string(),
  fileName: v.string(),
  modules: v.array(ModuleSchema),
  theme: v.picklist(['light', 'dark']),
  /** True when the text or modules differ from the last file opened or saved. */
  unsaved: v.boolean(),
  /** Which tab wrote it, and its write counter: another tab's newer text is never overwritten unasked. */
  stamp: v.string(),
  savedAt: v.number(),
});

export type StoredDocument = v.InferOutput<typeof StoredDocumentSchema>;

export interface Recovered {
  /** The usable document, or null when there is no text to show. */
  readonly doc: StoredDocument | null;
  /** Parts that did not fit the schema, as JSON for the user to download; null when all was fine. */
  readonly rejected: string | null;
  /** What was dropped, for the notice ("modules[0]: expected an object"). */
  readonly problems: readonly string[];
}

const DEFAULTS = { fileName: 'model.yaml', theme: 'light' as Theme, unsaved: true, stamp: '', savedAt: 0 };

function describe(issues: readonly v.BaseIssue<unknown>[]): string[] {
  return issues.map((i) => `${v.getDotPath(i) ?? 'document'}: ${i.message}`);
}

/**
 * Reads a stored document field by field: valid fields are kept, a module that does not fit is
 * dropped (the others stay), missing or broken small fields get defaults, and everything dropped is
 * returned as `rejected` JSON so nothing the user wrote is thrown away.
 * @example const { doc, rejected } = recoverDocument(JSON.parse(localStorage.getItem(key)!))
 */
export function recoverDocument(raw: unknown): Recovered {
  if (raw === null || raw === undefined) return { doc: null, rejected: null, problems: [] };
  const whole = v.safeParse(StoredDocumentSchema, raw);
  if (whole.success) return { doc: whole.output, rejected: null, problems: [] };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { doc: null, rejected: safeJson(raw), problems: ['document: not an object'] };
  const r = raw as Record<string, unknown>;
  const rejected: Record<string, unknown> = {};
  const problems: string[] = [];
  const field = <T,>(key: keyof typeof DEFAULTS | 'text', schema: v.GenericSchema<unknown, T>, fallback: T): T => {
    if (!(key in r)) return fallback;
    const p = v.safeParse(schema, r[key]);
    if (p.success) return p.output;
    rejected[key] = r[key];
    problems.push(...describe(p.issues).map((m) => `${key}${m.startsWith('document') ? m.slice('document'.length) : `.${m}`}`));
    return fallback;
  };
  const text = field('text', v.string(), null as string | null);
  if (text === null) return { doc: null, rejected: safeJson(raw), problems: problems.length > 0 ? problems : ['text: missing'] };
  const modules: ModuleSource[] = [];
  if ('modules' in r) {
    const list = Array.isArray(r['modules']) ? r['modules'] : null;
    if (!list) {
      rejected['modules'] = r['modules'];
      problems.push('modules: not a list');
    }
    const bad: unknown[] = [];
    list?.forEach((m, i) => {
      const p = v.safeParse(ModuleSchema, m);
      if (p.success) modules.push(p.output);
      else {
        bad.push(m);
        problems.push(`modules[${i}]: ${describe(p.issues).join('; ')}`);
      }
    });
    if (bad.length > 0) rejected['modules'] = bad;
  }
  const doc: StoredDocument = {
    text,
    modules,
    fileName: field('fileName', v.string(), DEFAULTS.fileName),
    theme: field('theme', v.picklist(['light', 'dark']), DEFAULTS.theme),
    unsaved: field('unsaved', v.boolean(), DEFAULTS.unsaved),
    stamp: field('stamp', v.string(), DEFAULTS.stamp),
    savedAt: field('savedAt', v.number(), DEFAULTS.savedAt),
  };
  return { doc, rejected: Object.keys(rejected).length > 0 ? safeJson(rejected) : null, problems };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}
