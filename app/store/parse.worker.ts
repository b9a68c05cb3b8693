// Parses typed YAML off the page's main thread (see `parseInWorker`), and applies model edits to big
// texts here too. Runs no user code: module types arrive as plain data. Replies in the small form of
// `parseWire.ts` (only what changed).
import * as Comlink from 'comlink';
import type { ComponentTypeInfo } from '../../src/index.ts';
import { applyDocEdits, builtinCatalog, createCatalog, EDIT_NEEDS_VALID_TEXT, parseAfterEdit, type DocumentEdit, type IncrementalRead, type Layout, type ParseResult } from '../document/core.ts';
import { toWire, type SentModel, type WireResult } from './parseWire.ts';

let last: SentModel | null = null;
/** The read of the text last parsed: a typed edit inside one component re-reads that component only. */
let lastRead: IncrementalRead | null = null;
/** The text last parsed and whether it had a model (an edit of it needs no second parse). */
let lastText: string | null = null;
let lastValid = false;
let catalogKey = '';
let catalog = createCatalog([], builtinCatalog());

function catalogFor(moduleTypes: readonly ComponentTypeInfo[]) {
  const key = JSON.stringify(moduleTypes);
  if (key !== catalogKey) {
    catalogKey = key;
    catalog = createCatalog(moduleTypes, builtinCatalog());
    lastText = null;
  }
  return catalog;
}

function parseText(text: string, cat: ReturnType<typeof catalogFor>): ParseResult {
  const { result, read } = parseAfterEdit(lastRead, text, cat);
  lastRead = read;
  return result;
}

function reply(text: string, result: ParseResult, baseId: number | null): WireResult {
  const { wire, sent } = toWire(result, baseId, last, (last?.id ?? 0) + 1);
  last = sent;
  lastText = text;
  lastValid = !!result.config;
  return wire;
}

Comlink.expose({
  parse(text: string, moduleTypes: readonly ComponentTypeInfo[], baseId: number | null): WireResult {
    return reply(text, parseText(text, catalogFor(moduleTypes)), baseId);
  },
  edit(text: string, edits: readonly DocumentEdit[], layout: Layout | undefined, moduleTypes: readonly ComponentTypeInfo[], baseId: number | null) {
    const cat = catalogFor(moduleTypes);
    const valid = text === lastText ? lastValid : !!parseText(text, cat).config;
    if (!valid) return { ok: false as const, message: EDIT_NEEDS_VALID_TEXT };
    const r = applyDocEdits(text, edits, layout);
    if (!r.ok) return r;
    return { ok: true as const, text: r.text, wire: reply(r.text, parseText(r.text, cat), baseId) };
  },
});
