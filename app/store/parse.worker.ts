// Parses typed YAML of big models off the page's main thread (see `parseInWorker`). Runs no user
// code: module types arrive as plain data.
import * as Comlink from 'comlink';
import type { ComponentTypeInfo } from '../../src/index.ts';
import { builtinCatalog, createCatalog, parse } from '../document/core.ts';

Comlink.expose({
  parse: (text: string, moduleTypes: readonly ComponentTypeInfo[]) => parse(text, createCatalog(moduleTypes, builtinCatalog())),
});
