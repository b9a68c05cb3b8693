/**
 * The small form a worker parse travels in. The worker keeps the model it last sent; when the page
 * still holds that one (same `id`), the reply carries only what changed: the components and
 * connectors between an unchanged head and an unchanged tail, the small process fields, and the
 * diagnostics only when they differ. The page rebuilds the model from the one it holds, so
 * unchanged components keep their object identity (nodes skip work) and a one-line edit of a
 * multi-megabyte model copies a few hundred bytes between threads instead of the whole model.
 */
import type { ComponentSpec, ConfigSpec, ConnectorSpec, Diagnostic, ProcessSpec } from '../../src/index.ts';
import type { ParseResult } from '../document/core.ts';

/** A list as `prev[0, keep) ++ items ++ prev[prev.length - tail, prev.length)`. */
export interface ListPatch<T> {
  readonly keep: number;
  readonly tail: number;
  readonly items: readonly T[];
}

export interface ConfigPatch {
  readonly process: Omit<ProcessSpec, 'components' | 'connectors'>;
  readonly components: ListPatch<ComponentSpec>;
  readonly connectors: ListPatch<ConnectorSpec>;
  readonly tune: unknown;
  readonly processRef?: string;
}

/** One worker reply. `base` is the id the patch applies to (null: nothing is reused). */
export interface WireResult {
  readonly id: number;
  readonly base: number | null;
  /** 'none': the text has no usable model. */
  readonly config: { readonly kind: 'none' } | { readonly kind: 'patch'; readonly patch: ConfigPatch };
  /** 'same': the diagnostics of `base`. */
  readonly diagnostics: readonly Diagnostic[] | 'same';
}

/** What the worker remembers of the model it last sent. */
export interface SentModel {
  readonly id: number;
  readonly componentKeys: readonly string[];
  readonly connectorKeys: readonly string[];
  readonly diagnosticsKey: string;
}

/** The changed middle of `next` against `prevKeys` (keys compare items by value). */
export function diffList<T>(prevKeys: readonly string[], nextKeys: readonly string[], next: readonly T[]): ListPatch<T> {
  const max = Math.min(prevKeys.length, nextKeys.length);
  let keep = 0;
  while (keep < max && prevKeys[keep] === nextKeys[keep]) keep++;
  let tail = 0;
  while (tail < max - keep && prevKeys[prevKeys.length - 1 - tail] === nextKeys[nextKeys.length - 1 - tail]) tail++;
  return { keep, tail, items: next.slice(keep, next.length - tail) };
}

/** The list a patch stands for; the very `prev` array when nothing changed (views keyed on it skip work). */
export function applyList<T>(prev: readonly T[], patch: ListPatch<T>): readonly T[] {
  if (patch.items.length === 0 && patch.keep + patch.tail === prev.length) return prev;
  return [...prev.slice(0, patch.keep), ...patch.items, ...prev.slice(prev.length - patch.tail)];
}

/**
 * Worker side: the reply for `result` given the page's `baseId`, and what to remember for the next one.
 * @example const { wire, sent } = toWire(parse(text, catalog), baseId, last, last.id + 1)
 */
export function toWire(result: ParseResult, baseId: number | null, last: SentModel | null, id: number): { wire: WireResult; sent: SentModel } {
  const usable = last !== null && baseId === last.id ? last : null;
  const diagnosticsKey = JSON.stringify(result.diagnostics);
  const diagnostics = usable && usable.diagnosticsKey === diagnosticsKey ? 'same' : result.diagnostics;
  const config = result.config;
  if (!config) {
    return { wire: { id, base: usable?.id ?? null, config: { kind: 'none' }, diagnostics }, sent: { id, componentKeys: [], connectorKeys: [], diagnosticsKey } };
  }
  const { components, connectors, ...process } = config.process;
  const componentKeys = components.map((c) => JSON.stringify(c));
  const connectorKeys = connectors.map((c) => JSON.stringify(c));
  const patch: ConfigPatch = {
    process,
    components: diffList(usable?.componentKeys ?? [], componentKeys, components),
    connectors: diffList(usable?.connectorKeys ?? [], connectorKeys, connectors),
    tune: config.tune,
    ...(config.processRef !== undefined ? { processRef: config.processRef } : {}),
  };
  return { wire: { id, base: usable?.id ?? null, config: { kind: 'patch', patch }, diagnostics }, sent: { id, componentKeys, connectorKeys, diagnosticsKey } };
}

/** What the page holds of the worker's last reply. */
export interface HeldModel {
  readonly id: number;
  readonly config: ConfigSpec | undefined;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Page side: the parse result a reply stands for, rebuilt on `held` (which must be the reply's base).
 * @example const result = fromWire(wire, held)
 */
export function fromWire(wire: WireResult, held: HeldModel | null): ParseResult {
  const base = held && wire.base === held.id ? held : null;
  if (wire.base !== null && !base) throw new Error(`parse reply for model ${wire.base}, but the page holds ${held?.id ?? 'none'}`);
  const diagnostics = wire.diagnostics === 'same' ? base!.diagnostics : wire.diagnostics;
  if (wire.config.kind === 'none') return { diagnostics };
  const { patch } = wire.config;
  const prev = base?.config?.process;
  const process: ProcessSpec = {
    ...patch.process,
    components: applyList(prev?.components ?? [], patch.components),
    connectors: applyList(prev?.connectors ?? [], patch.connectors),
  };
  const config: ConfigSpec = { process, tune: patch.tune, ...(patch.processRef !== undefined ? { processRef: patch.processRef } : {}) };
  return { config, diagnostics };
}
