import { isMap, isScalar, isSeq, type Document, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Diagnostic, PortRef } from '../model/spec.ts';
import { parsePortRef } from '../model/portRef.ts';
import { findPair } from './textOps.ts';

/** The nodes of a document that edits touch. */
export interface EditTarget {
  readonly text: string;
  readonly doc: Document.Parsed;
  readonly process: YAMLMap;
  readonly args: YAMLMap;
  readonly components: YAMLSeq | undefined;
  readonly connectors: YAMLSeq | undefined;
}

/** A failed edit. */
export function editError(code: string, message: string, path = ''): { ok: false; diagnostics: Diagnostic[] } {
  return { ok: false, diagnostics: [{ code, severity: 'error', message, path }] };
}

/** Locates process, args, components and connectors; a string `process:` cannot be edited here. */
export function locate(text: string, doc: Document.Parsed): EditTarget | { ok: false; diagnostics: Diagnostic[] } {
  const process = doc.getIn(['plugboard', 'process'], true);
  if (isScalar(process)) return editError('edit-process-ref', `The process is defined in '${String(process.value)}'; open that file to edit it.`, 'plugboard.process');
  if (!isMap(process)) return editError('edit-no-process', "No 'plugboard.process' mapping to edit; fix the document first.", 'plugboard.process');
  const args = process.get('args', true);
  if (!isMap(args)) return editError('edit-no-process', "No 'plugboard.process.args' mapping to edit; fix the document first.", 'plugboard.process.args');
  const components = args.get('components', true);
  const connectors = args.get('connectors', true);
  return { text, doc, process, args, components: isSeq(components) ? components : undefined, connectors: isSeq(connectors) ? connectors : undefined };
}

/** `args` mapping of a component item. */
export function componentArgs(item: unknown): YAMLMap | undefined {
  if (!isMap(item)) return undefined;
  const args = item.get('args', true);
  return isMap(args) ? args : undefined;
}

/** Indexes of component items whose `args.name` is `name`. */
export function componentIndexes(t: EditTarget, name: string): number[] {
  const out: number[] = [];
  t.components?.items.forEach((item, i) => {
    if (componentArgs(item)?.get('name') === name) out.push(i);
  });
  return out;
}

/** The socket node of a connector item and the port it names. */
export interface SocketRef {
  readonly node: Node;
  /** The scalar holding the entity: the whole `a.x` string, or the `entity` value. */
  readonly entityNode: Node;
  readonly stringForm: boolean;
  readonly ref: PortRef;
}

export function socketOf(item: unknown, side: 'source' | 'target'): SocketRef | undefined {
  if (!isMap(item)) return undefined;
  const node = item.get(side, true) as Node | undefined;
  if (isScalar(node) && typeof node.value === 'string') {
    const ref = parsePortRef(node.value);
    return ref ? { node, entityNode: node, stringForm: true, ref } : undefined;
  }
  if (isMap(node)) {
    const e = findPair(node, 'entity')?.value;
    const d = node.get('descriptor');
    if (isScalar(e) && typeof e.value === 'string' && typeof d === 'string') return { node, entityNode: e, stringForm: false, ref: { entity: e.value, descriptor: d } };
  }
  return undefined;
}

/** Indexes of connectors matching a predicate on (source, target). */
export function connectorIndexes(t: EditTarget, pred: (s: PortRef, tg: PortRef) => boolean): number[] {
  const out: number[] = [];
  t.connectors?.items.forEach((item, i) => {
    const s = socketOf(item, 'source');
    const tg = socketOf(item, 'target');
    if (s && tg && pred(s.ref, tg.ref)) out.push(i);
  });
  return out;
}
