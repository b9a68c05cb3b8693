import * as Comlink from 'comlink';
import type { ComponentTypeInfo } from '../../src/index.ts';
import type { ParseResult } from '../document/core.ts';

interface ParseApi {
  parse(text: string, moduleTypes: readonly ComponentTypeInfo[]): ParseResult;
}

let api: Comlink.Remote<ParseApi> | null = null;

/**
 * Parses YAML in a worker (started on first use, kept for later edits): the store's `parseAsync`.
 * @example createEditorStore({ parseAsync: parseInWorker })
 */
export function parseInWorker(text: string, moduleTypes: readonly ComponentTypeInfo[]): Promise<ParseResult> {
  api ??= Comlink.wrap<ParseApi>(new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module', name: 'parse' }));
  return api.parse(text, moduleTypes);
}
