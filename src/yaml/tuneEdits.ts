/**
 * Edits of the `tune` section (issue 9), applied to YAML text like {@link applyEdit}: only the
 * lines they must change, comments elsewhere kept. A new tune section is written in block style
 * after `plugboard.process`, in the shape of Plugboard's tutorial, so Plugboard's schema accepts it.
 */
import { isMap, isSeq, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Diagnostic } from '../model/spec.ts';
import { editError } from './editTarget.ts';
import type { EditResult } from './applyEdit.ts';
import { readDocument } from './readDocument.ts';
import { appendPair, appendSeqItem, applySplices, columnOf, findPair, isPlainObject, lastLineEnd, removePair, removeSeqItems, renderBlockMap, renderInline, replacePairValue, type Splice } from './textOps.ts';

/** A tune parameter as written in YAML (`type`, `object_type`, `object_name`, `field_type`, `field_name`, bounds or categories). */
export type TuneParameterData = Readonly<Record<string, unknown>>;
/** `{object_name, field_type: field, field_name}`. */
export type TuneObjectiveData = Readonly<Record<string, unknown>>;

export type TuneEdit =
  /** Writes a new tune section (fails when one exists). */
  | { readonly kind: 'create-tune'; readonly objective: TuneObjectiveData; readonly parameters: readonly TuneParameterData[]; readonly numSamples?: number; readonly mode?: 'max' | 'min'; readonly maxConcurrent?: number }
  | { readonly kind: 'add-tune-parameter'; readonly parameter: TuneParameterData }
  /** Replaces the parameter at `index` (`parameter: undefined` removes it). */
  | { readonly kind: 'set-tune-parameter'; readonly index: number; readonly parameter: TuneParameterData | undefined }
  | { readonly kind: 'set-tune-objective'; readonly objective: TuneObjectiveData }
  /** Sets (or with `undefined` removes) `num_samples`, `mode` or `max_concurrent`. */
  | { readonly kind: 'set-tune-arg'; readonly key: 'num_samples' | 'mode' | 'max_concurrent'; readonly value: unknown };

const blockItem = (value: TuneParameterData): string[] => renderBlockMap(value, '');

/**
 * @example applyTuneEdit(text, { kind: 'add-tune-parameter', parameter: { type: 'ray.tune.uniform', object_type: 'component', object_name: 'trajectory', field_type: 'arg', field_name: 'angle', lower: 0, upper: 90 } })
 */
export function applyTuneEdit(text: string, edit: TuneEdit): EditResult {
  const read = readDocument(text);
  const syntax = read.diagnostics.filter((d) => d.code === 'yaml-syntax');
  if (syntax.length > 0) return { ok: false, diagnostics: syntax };
  const root = read.doc.get('plugboard', true);
  if (!isMap(root)) return editError('edit-no-process', "No 'plugboard' mapping to edit; fix the document first.", 'plugboard');
  const tunePair = findPair(root, 'tune');
  const args = isMap(tunePair?.value) ? (tunePair.value as YAMLMap).get('args', true) : undefined;
  let splices: Splice[] | { ok: false; diagnostics: Diagnostic[] };
  if (edit.kind === 'create-tune') {
    if (tunePair) return editError('tune-exists', 'The document already has a tune section.', 'plugboard.tune');
    const processPair = findPair(root, 'process');
    if (!processPair?.value) return editError('edit-no-process', "No 'plugboard.process' to tune.", 'plugboard.process');
    const indent = ' '.repeat(columnOf(text, (processPair.key as Node).range![0]));
    const lines = [
      'tune:',
      '  args:',
      '    objective:',
      ...renderBlockMap(edit.objective, '      '),
      // No parameters yet (objective chosen first): `[]`, which the first add turns into a block list.
      edit.parameters.length === 0 ? '    parameters: []' : '    parameters:',
      ...edit.parameters.flatMap((p) => blockItem(p).map((l, i) => `    ${i === 0 ? '- ' : '  '}${l}`)),
      `    num_samples: ${edit.numSamples ?? 20}`,
      `    mode: ${edit.mode ?? 'max'}`,
      ...(edit.maxConcurrent !== undefined ? [`    max_concurrent: ${edit.maxConcurrent}`] : []),
    ];
    const at = lastLineEnd(text, processPair.value as Node);
    splices = [{ from: at, to: at, insert: `\n${lines.map((l) => indent + l).join('\n')}` }];
  } else {
    if (!isMap(args)) return editError('tune-missing', 'The document has no tune section (plugboard.tune.args) to edit.', 'plugboard.tune');
    splices = planOnArgs(text, args, edit);
  }
  if (!Array.isArray(splices)) return splices;
  const crlf = text.includes('\r\n');
  const out = applySplices(text, crlf ? splices.map((s) => ({ ...s, insert: s.insert.replace(/\r?\n/g, '\r\n') })) : splices);
  const check = readDocument(out).diagnostics.filter((d) => d.code === 'yaml-syntax');
  if (check.length > 0) return editError('edit-failed', `The edit would produce invalid YAML (${check[0]?.message ?? ''}); edit the text directly.`);
  return { ok: true, text: out };
}

function planOnArgs(text: string, args: YAMLMap, edit: Exclude<TuneEdit, { kind: 'create-tune' }>): Splice[] | { ok: false; diagnostics: Diagnostic[] } {
  const current = args.toJSON() as Record<string, unknown>;
  switch (edit.kind) {
    case 'add-tune-parameter': {
      const pair = findPair(args, 'parameters');
      if (pair && isSeq(pair.value) && (pair.value as YAMLSeq).items.length > 0) return [appendSeqItem(text, pair.value as YAMLSeq, blockItem(edit.parameter), columnOf(text, (pair.key as Node).range![0]))];
      const empty = pair && isSeq(pair.value) && (pair.value as YAMLSeq).flow && (pair.value as YAMLSeq).items.length === 0 && !(pair.value as YAMLSeq).comment;
      if (pair && empty && !args.flow && (pair.value as YAMLSeq).range && text[(pair.value as YAMLSeq).range![0] - 1] === ' ') {
        // `parameters: []` in a block map becomes a block list at the key's indentation.
        const col = columnOf(text, (pair.key as Node).range![0]);
        const lines = blockItem(edit.parameter).map((l, i) => `${' '.repeat(col)}${i === 0 ? '- ' : '  '}${l}`);
        return [{ from: (pair.value as YAMLSeq).range![0] - 1, to: (pair.value as YAMLSeq).range![1], insert: `\n${lines.join('\n')}` }];
      }
      if (pair) return [replacePairValue(text, pair, [edit.parameter])];
      return [appendPair(text, args, 'parameters', [edit.parameter], current)];
    }
    case 'set-tune-parameter': {
      const pair = findPair(args, 'parameters');
      const seq = pair && isSeq(pair.value) ? (pair.value as YAMLSeq) : undefined;
      const item = seq?.items[edit.index] as Node | undefined;
      if (!seq || !item?.range) return editError('not-found', `No tune parameter #${edit.index + 1}.`, 'plugboard.tune.args.parameters');
      if (edit.parameter === undefined) return removeSeqItems(text, seq, new Set([edit.index]));
      if (isMap(item) && !item.flow) {
        // Keep the item's block shape: rewrite its lines at the same indentation.
        const col = columnOf(text, item.range[0]);
        const lines = blockItem(edit.parameter);
        return [{ from: item.range[0], to: lastLineEnd(text, item), insert: lines.map((l, i) => (i === 0 ? l : `${' '.repeat(col)}${l}`)).join('\n') }];
      }
      return [{ from: item.range[0], to: item.range[1], insert: renderInline(edit.parameter) }];
    }
    case 'set-tune-objective': {
      const pair = findPair(args, 'objective');
      if (pair && isMap(pair.value) && !(pair.value as YAMLMap).flow && isPlainObject(edit.objective)) {
        const map = pair.value as YAMLMap;
        const indent = ' '.repeat(columnOf(text, (map.items[0]!.key as Node).range![0]));
        const start = (map.items[0]!.key as Node).range![0];
        return [{ from: start, to: lastLineEnd(text, map), insert: renderBlockMap(edit.objective, indent).join('\n').slice(indent.length) }];
      }
      return [pair ? replacePairValue(text, pair, edit.objective) : appendPair(text, args, 'objective', edit.objective, current)];
    }
    case 'set-tune-arg': {
      const pair = findPair(args, edit.key);
      if (edit.value === undefined) return pair ? [removePair(text, args, pair, current)] : [];
      return [pair ? replacePairValue(text, pair, edit.value) : appendPair(text, args, edit.key, edit.value, current)];
    }
  }
}
