import { isMap, isScalar, type Node, type YAMLMap } from 'yaml';
import { DICT_STATE, RAY_STATE } from '../model/constants.ts';
import { ASYNCIO_CONNECTOR, LOCAL_PROCESS, RAY_CONNECTOR, RAY_PROCESS } from '../model/spec.ts';
import type { EditTarget } from './editTarget.ts';
import { columnOf, findPair, lineStart, removePair, renderInline, replacePairValue, type Splice } from './textOps.ts';

/** Inserts block lines before a map's first key (so `type:` lands above `args:`). */
function prependLines(text: string, map: YAMLMap, lines: readonly string[]): Splice {
  const first = map.items[0]?.key as Node | undefined;
  const at = first?.range ? lineStart(text, first.range[0]) : 0;
  const indent = ' '.repeat(first?.range ? columnOf(text, first.range[0]) : 0);
  return { from: at, to: at, insert: lines.map((l) => `${indent}${l}\n`).join('') };
}

/** Replaces the scalar value of `key` in `map` when it equals `from`. */
function swapType(text: string, map: unknown, from: string, to: string): Splice[] {
  if (!isMap(map)) return [];
  const pair = findPair(map, 'type');
  return pair && isScalar(pair.value) && pair.value.value === from ? [replacePairValue(text, pair, to)] : [];
}

/**
 * Plans `set-process-mode`: local ⇒ LocalProcess, parallel ⇒ RayProcess + RayConnector. Connector and
 * state types are swapped only when they are the other mode's default (spec §2.3(3)); absent keys
 * are added only where the mode needs them (absent `type` already means LocalProcess).
 */
export function setProcessMode(t: EditTarget, mode: 'local' | 'parallel'): Splice[] {
  const { text, process } = t;
  const typePair = findPair(process, 'type');
  const cbPair = findPair(process, 'connector_builder');
  const state = t.args.get('state', true);
  const out: Splice[] = [];
  const lines: string[] = [];
  if (mode === 'parallel') {
    if (typePair) {
      if (!(isScalar(typePair.value) && typePair.value.value === RAY_PROCESS)) out.push(replacePairValue(text, typePair, RAY_PROCESS));
    } else lines.push(`type: ${RAY_PROCESS}`);
    if (!cbPair) lines.push('connector_builder:', `  type: ${RAY_CONNECTOR}`);
    else if (isMap(cbPair.value)) {
      const cbType = findPair(cbPair.value, 'type');
      if (!cbType) out.push(prependLines(text, cbPair.value, [`type: ${RAY_CONNECTOR}`]));
      else out.push(...swapType(text, cbPair.value, ASYNCIO_CONNECTOR, RAY_CONNECTOR));
    } else out.push(replacePairValue(text, cbPair, { type: RAY_CONNECTOR }));
    out.push(...swapType(text, state, DICT_STATE, RAY_STATE));
  } else {
    if (typePair && !(isScalar(typePair.value) && typePair.value.value === LOCAL_PROCESS)) out.push(replacePairValue(text, typePair, LOCAL_PROCESS));
    if (cbPair && isMap(cbPair.value)) out.push(...swapType(text, cbPair.value, RAY_CONNECTOR, ASYNCIO_CONNECTOR));
    out.push(...swapType(text, state, RAY_STATE, DICT_STATE));
  }
  if (lines.length > 0) out.push(prependLines(text, process, lines));
  return out;
}

/** Plans `set-process-name` (`null` removes the key; a new key goes first in args). */
export function setProcessName(t: EditTarget, name: string | null): Splice[] {
  const pair = findPair(t.args, 'name');
  if (name === null) return pair ? [removePair(t.text, t.args, pair, t.args.toJSON() as Record<string, unknown>)] : [];
  if (pair) return [replacePairValue(t.text, pair, name)];
  return [prependLines(t.text, t.args, [`name: ${renderInline(name)}`])];
}
