import * as Comlink from 'comlink';
import type { ComponentTypeInfo } from '../../src/index.ts';
import type { ParseResult } from '../document/core.ts';
import { fromWire, type HeldModel, type WireResult } from './parseWire.ts';

interface ParseApi {
  parse(text: string, moduleTypes: readonly ComponentTypeInfo[], baseId: number | null): WireResult;
}

let api: Comlink.Remote<ParseApi> | null = null;
/** The model of the worker's last reply, which the next reply patches. */
let held: HeldModel | null = null;
/** Parses run one at a time, so each asks for a patch on the model the page holds. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Parses YAML in a worker (started on first use, kept for later edits): the store's `parseAsync`.
 * The reply carries only what changed since the last one (`parseWire.ts`); unchanged components
 * keep their objects.
 * @example createEditorStore({ parseAsync: parseInWorker })
 */
export function parseInWorker(text: string, moduleTypes: readonly ComponentTypeInfo[]): Promise<ParseResult> {
  api ??= Comlink.wrap<ParseApi>(new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module', name: 'parse' }));
  const remote = api;
  const run = async (): Promise<ParseResult> => {
    const wire = await remote.parse(text, moduleTypes, held?.id ?? null);
    const result = fromWire(wire, held);
    held = { id: wire.id, config: result.config, diagnostics: result.diagnostics };
    return result;
  };
  const next = queue.then(run, run);
  queue = next.catch(() => undefined);
  return next;
}
