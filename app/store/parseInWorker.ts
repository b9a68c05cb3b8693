import * as Comlink from 'comlink';
import type { ComponentTypeInfo } from '../../src/index.ts';
import type { DocumentEdit, Layout, ParseResult } from '../document/core.ts';
import { fromWire, type HeldModel, type WireResult } from './parseWire.ts';
import type { AsyncEditResult } from './storeTypes.ts';

interface ParseApi {
  parse(text: string, moduleTypes: readonly ComponentTypeInfo[], baseId: number | null): WireResult;
  edit(
    text: string,
    edits: readonly DocumentEdit[],
    layout: Layout | undefined,
    moduleTypes: readonly ComponentTypeInfo[],
    baseId: number | null,
  ): { ok: true; text: string; wire: WireResult } | { ok: false; message: string };
}

let api: Comlink.Remote<ParseApi> | null = null;
/** The model of the worker's last reply, which the next reply patches. */
let held: HeldModel | null = null;
/** Requests run one at a time, so each asks for a patch on the model the page holds. */
let queue: Promise<unknown> = Promise.resolve();

function worker(): Comlink.Remote<ParseApi> {
  api ??= Comlink.wrap<ParseApi>(new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module', name: 'parse' }));
  return api;
}

function enqueue<T>(run: () => Promise<T>): Promise<T> {
  const next = queue.then(run, run);
  queue = next.catch(() => undefined);
  return next;
}

function receive(wire: WireResult): ParseResult {
  const result = fromWire(wire, held);
  held = { id: wire.id, config: result.config, diagnostics: result.diagnostics };
  return result;
}

/**
 * Parses YAML in a worker (started on first use, kept for later edits): the store's `parseAsync`.
 * The reply carries only what changed since the last one (`parseWire.ts`); unchanged components
 * keep their objects.
 * @example createEditorStore({ parseAsync: parseInWorker })
 */
export function parseInWorker(text: string, moduleTypes: readonly ComponentTypeInfo[]): Promise<ParseResult> {
  const remote = worker();
  return enqueue(async () => receive(await remote.parse(text, moduleTypes, held?.id ?? null)));
}

/**
 * Applies model edits to a big text in the worker and parses the result there: the store's `editAsync`.
 * @example createEditorStore({ editAsync: editInWorker })
 */
export function editInWorker(text: string, edits: readonly DocumentEdit[], layout: Layout | undefined, moduleTypes: readonly ComponentTypeInfo[]): Promise<AsyncEditResult> {
  const remote = worker();
  return enqueue(async () => {
    const r = await remote.edit(text, edits, layout, moduleTypes, held?.id ?? null);
    return r.ok ? { ok: true, text: r.text, result: receive(r.wire) } : r;
  });
}
