// Parses typed YAML off the page's main thread (see `parseInWorker`). Runs no user code: module
// types arrive as plain data. Replies in the small form of `parseWire.ts` (only what changed).
import * as Comlink from 'comlink';
import type { ComponentTypeInfo } from '../../src/index.ts';
import { builtinCatalog, createCatalog, parse } from '../document/core.ts';
import { toWire, type SentModel, type WireResult } from './parseWire.ts';

let last: SentModel | null = null;
let catalogKey = '';
let catalog = createCatalog([], builtinCatalog());

Comlink.expose({
  parse(text: string, moduleTypes: readonly ComponentTypeInfo[], baseId: number | null): WireResult {
    const key = JSON.stringify(moduleTypes);
    if (key !== catalogKey) {
      catalogKey = key;
      catalog = createCatalog(moduleTypes, builtinCatalog());
    }
    const { wire, sent } = toWire(parse(text, catalog), baseId, last, (last?.id ?? 0) + 1);
    last = sent;
    return wire;
  },
});
