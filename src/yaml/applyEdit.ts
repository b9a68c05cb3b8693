import { isMap, isScalar, Scalar, type Node, type YAMLMap } from 'yaml';
import { NAME_PATTERN, PORT_REF_PATTERN } from '../model/constants.ts';
import type { ModelEdit } from '../model/modelEdit.ts';
import { formatPortRef } from '../model/portRef.ts';
import type { Diagnostic } from '../model/spec.ts';
import { componentArgs, componentIndexes, connectorIndexes, editError, locate, socketOf, type EditTarget } from './editTarget.ts';
import { readLayout, renameInLayout, writeLayout, type Point } from './layout.ts';
import { setProcessMode, setProcessName } from './processEdits.ts';
import { readDocument } from './readDocument.ts';
import { appendPair, appendSeqItem, applySplices, columnOf, findPair, isPlainObject, lastLineEnd, removePair, removeSeqItems, renderBlockMap, renderInline, replacePairValue, type Splice } from './textOps.ts';

/** Options of {@link applyEdit}. */
export interface ApplyEditOptions {
  /**
   * Layout block to write after the edit (replacing the one the edit leaves), so a caller that moves
   * nodes with the edit gets one checked text — and one parse — instead of editing twice.
   */
  readonly layout?: Readonly<Record<string, Point>>;
}

/** Result of {@link applyEdit}. */
export type EditResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly diagnostics: Diagnostic[] };

/**
 * Applies a model edit to YAML text, changing only the lines it must (comments, key order and
 * quoting elsewhere are kept). Renames and removals also update the layout comment block.
 * @example applyEdit(text, { kind: 'rename-component', from: 'a', to: 'source' })
 */
export function applyEdit(text: string, edit: ModelEdit, options: ApplyEditOptions = {}): EditResult {
  const read = readDocument(text);
  const syntax = read.diagnostics.filter((d) => d.code === 'yaml-syntax');
  if (syntax.length > 0) return { ok: false, diagnostics: syntax };
  // With a duplicate key, the text has a hidden copy an edit could change to no effect: refuse.
  const duplicate = read.diagnostics.find((d) => d.code === 'duplicate-key' && d.path.startsWith('plugboard'));
  if (duplicate) {
    const at = duplicate.range ? ` (line ${duplicate.range.start.line})` : '';
    return editError('duplicate-key', `The YAML repeats the key '${duplicate.path}'${at}; remove the duplicate in the text before editing here.`);
  }
  const t = locate(text, read.doc);
  if ('ok' in t) return t;
  const planned = plan(t, edit);
  if (!Array.isArray(planned)) return planned;
  // Inserted text follows the document's line breaks (CRLF files stay CRLF).
  const crlf = text.includes('\r\n');
  let out = applySplices(text, crlf ? planned.map((s) => ({ ...s, insert: s.insert.replace(/\r?\n/g, '\r\n') })) : planned);
  if (edit.kind === 'rename-component' || edit.kind === 'remove-component') {
    const layout = readLayout(out);
    const from = edit.kind === 'rename-component' ? edit.from : edit.name;
    if (from in layout) out = writeLayout(out, renameInLayout(layout, from, edit.kind === 'rename-component' ? edit.to : undefined));
  }
  if (options.layout) out = writeLayout(out, options.layout);
  const check = readDocument(out).diagnostics.filter((d) => d.code === 'yaml-syntax');
  if (check.length > 0) return editError('edit-failed', `The edit would produce invalid YAML (${check[0]?.message ?? ''}); edit the text directly.`);
  return { ok: true, text: out };
}

/**
 * Applies edits in order (e.g. deleting a multi-selection); stops at the first that fails.
 * @example applyEdits(text, names.map((name) => ({ kind: 'remove-component', name })))
 */
export function applyEdits(text: string, edits: readonly ModelEdit[]): EditResult {
  let current = text;
  for (const edit of edits) {
    const r = applyEdit(current, edit);
    if (!r.ok) return r;
    current = r.text;
  }
  return { ok: true, text: current };
}

type Plan = Splice[] | { ok: false; diagnostics: Diagnostic[] };

function plan(t: EditTarget, edit: ModelEdit): Plan {
  switch (edit.kind) {
    case 'add-component':
      return addComponent(t, edit.type, edit.args);
    case 'remove-component': {
      const idx = componentIndexes(t, edit.name);
      if (idx.length === 0 || !t.components) return editError('not-found', `No component named '${edit.name}'.`);
      const conns = connectorIndexes(t, (s, tg) => s.entity === edit.name || tg.entity === edit.name);
      return [...removeSeqItems(t.text, t.components, new Set(idx)), ...(t.connectors ? removeSeqItems(t.text, t.connectors, new Set(conns)) : [])];
    }
    case 'rename-component':
      return renameComponent(t, edit.from, edit.to);
    case 'set-arg':
      return setArg(t, edit.component, edit.key, edit.value);
    case 'add-connector': {
      for (const r of [edit.source, edit.target]) if (!PORT_REF_PATTERN.test(formatPortRef(r))) return editError('invalid-port-ref', `'${formatPortRef(r)}' is not a valid 'component.field' reference.`);
      if (connectorIndexes(t, (s, tg) => same(s, edit.source) && same(tg, edit.target)).length > 0) return editError('duplicate-connector', `${formatPortRef(edit.source)} is already connected to ${formatPortRef(edit.target)}.`);
      const like = socketOf(t.connectors?.items[0], 'source')?.node;
      const q = (s: string): string => (isScalar(like) && like.type === Scalar.QUOTE_DOUBLE ? JSON.stringify(s) : renderInline(s));
      return [appendItem(t, 'connectors', [`source: ${q(formatPortRef(edit.source))}`, `target: ${q(formatPortRef(edit.target))}`])];
    }
    case 'remove-connector': {
      const idx = connectorIndexes(t, (s, tg) => same(s, edit.source) && same(tg, edit.target));
      if (idx.length === 0 || !t.connectors) return editError('not-found', `No connector from ${formatPortRef(edit.source)} to ${formatPortRef(edit.target)}.`);
      return removeSeqItems(t.text, t.connectors, new Set(idx));
    }
    case 'set-process-mode':
      return setProcessMode(t, edit.mode);
    case 'set-process-name':
      return setProcessName(t, edit.name);
  }
}

function same(a: { entity: string; descriptor: string }, b: { entity: string; descriptor: string }): boolean {
  return a.entity === b.entity && a.descriptor === b.descriptor;
}

/** Appends a block item to `components`/`connectors`, creating the key when absent. */
function appendItem(t: EditTarget, key: 'components' | 'connectors', lines: string[]): Splice {
  const seq = key === 'components' ? t.components : t.connectors;
  const pair = findPair(t.args, key);
  if (seq && pair) return appendSeqItem(t.text, seq, lines, columnOf(t.text, pair.key.range![0]));
  const first = t.args.items[0]?.key as Node | undefined;
  const indent = ' '.repeat(first?.range ? columnOf(t.text, first.range[0]) : 6);
  const body = lines.map((l, i) => `${indent}${i === 0 ? '- ' : '  '}${l}`).join('\n');
  if (pair) return { ...replacePairValue(t.text, pair, null), insert: `\n${body}` };
  const at = lastLineEnd(t.text, t.args);
  return { from: at, to: at, insert: `\n${indent}${key}:\n${body}` };
}

function addComponent(t: EditTarget, type: string, args: Readonly<Record<string, unknown>>): Plan {
  const name = args['name'];
  if (typeof name !== 'string' || !NAME_PATTERN.test(name)) return editError('invalid-name', `A new component needs a valid 'name' (letters, digits, '_' and '-', not starting with a digit), got ${JSON.stringify(name)}.`);
  if (componentIndexes(t, name).length > 0) return editError('duplicate-component-name', `A component named '${name}' already exists; choose another name.`);
  const ordered = { name, ...args };
  return [appendItem(t, 'components', [`type: ${renderInline(type)}`, 'args:', ...renderBlockMap(ordered, '  ')])];
}

function renameComponent(t: EditTarget, from: string, to: string): Plan {
  if (!NAME_PATTERN.test(to)) return editError('invalid-name', `'${to}' is not a valid component name: use letters, digits, '_' and '-', not starting with a digit.`);
  const idx = componentIndexes(t, from);
  if (idx.length === 0) return editError('not-found', `No component named '${from}'.`);
  if (from === to) return [];
  if (componentIndexes(t, to).length > 0) return editError('duplicate-component-name', `A component named '${to}' already exists; choose another name.`);
  const splices: Splice[] = [];
  for (const i of idx) {
    const v = findPair(componentArgs(t.components?.items[i])!, 'name')?.value;
    if (v?.range) splices.push({ from: v.range[0], to: v.range[1], insert: renderInline(to, v) });
  }
  t.connectors?.items.forEach((item) => {
    for (const side of ['source', 'target'] as const) {
      const s = socketOf(item, side);
      if (!s || s.ref.entity !== from || !s.entityNode.range) continue;
      const value = s.stringForm ? `${to}.${s.ref.descriptor}` : to;
      splices.push({ from: s.entityNode.range[0], to: s.entityNode.range[1], insert: renderInline(value, s.entityNode) });
    }
  });
  // Tune objectives and parameters name components by object_name.
  const tune = t.doc.getIn(['plugboard', 'tune'], true);
  const visit = (n: unknown): void => {
    if (isMap(n)) {
      for (const p of n.items) {
        const k = isScalar(p.key) ? p.key.value : undefined;
        if (k === 'object_name' && isScalar(p.value) && p.value.value === from && p.value.range && n.get('object_type') !== 'process') splices.push({ from: p.value.range[0], to: p.value.range[1], insert: renderInline(to, p.value) });
        else visit(p.value);
      }
    } else if (n && typeof n === 'object' && 'items' in n) for (const it of (n as { items: unknown[] }).items) visit(it);
  };
  visit(tune);
  return splices;
}

function setArg(t: EditTarget, component: string, key: string, value: unknown): Plan {
  const idx = componentIndexes(t, component);
  const args = idx.length > 0 ? componentArgs(t.components?.items[idx[idx.length - 1]!]) : undefined;
  if (!args) return editError('not-found', `No component named '${component}'.`);
  const path = key.split('.');
  if (path[0] === 'name') return editError('invalid-edit', "Use 'rename-component' to change a name.");
  return setIn(t.text, args, path, value);
}

/** Sets or deletes a nested key in a mapping node. */
export function setIn(text: string, map: YAMLMap, path: readonly string[], value: unknown): Splice[] {
  const [head, ...rest] = path;
  if (head === undefined) return [];
  const pair = findPair(map, head);
  const current = map.toJSON() as Record<string, unknown>;
  if (rest.length === 0) {
    if (value === undefined) return pair ? [removePair(text, map, pair, current)] : [];
    return [pair ? replacePairValue(text, pair, value) : appendPair(text, map, head, value, current)];
  }
  const nested = rest.reduceRight<unknown>((acc, k) => ({ [k]: acc }), value);
  if (pair && isMap(pair.value)) {
    const inner = pair.value;
    const only = inner.items.length === 1 && findPair(inner, rest[0]!) !== undefined;
    if (value === undefined && only && rest.length === 1) return [removePair(text, map, pair, current)];
    return setIn(text, inner, rest, value);
  }
  if (value === undefined) return [];
  if (!isPlainObject(nested)) return [];
  return [pair ? replacePairValue(text, pair, nested) : appendPair(text, map, head, nested, current)];
}
