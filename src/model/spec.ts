/**
 * Typed, normalised view of a Plugboard YAML config (spec §2). This is what validation, the runtime
 * and the editor consume. The YAML text (with comments, key order, layout block) stays the source of
 * truth for the document; `src/yaml` turns text into these specs and applies edits back to text.
 *
 * Field names follow Plugboard's YAML keys where they are user-visible (component `args` stay raw).
 */

export const LOCAL_PROCESS = 'plugboard.process.LocalProcess';
export const RAY_PROCESS = 'plugboard.process.RayProcess';
export const ASYNCIO_CONNECTOR = 'plugboard.connector.AsyncioConnector';
export const RAY_CONNECTOR = 'plugboard.connector.RayConnector';

export type ProcessType = typeof LOCAL_PROCESS | typeof RAY_PROCESS;

/** 1-based line and column, 0-based offset. */
export interface SourcePos {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}
export interface SourceRange {
  readonly start: SourcePos;
  readonly end: SourcePos;
}

export type Severity = 'error' | 'warning' | 'info';

/** A problem found in user input. Never thrown; always returned in a list. */
export interface Diagnostic {
  /** Stable machine code, e.g. 'unknown-port', 'yaml-syntax', 'cycle-without-initial-values'. */
  readonly code: string;
  readonly severity: Severity;
  /** Says what is wrong and how to fix it. */
  readonly message: string;
  /** Dotted path into the YAML, e.g. 'plugboard.process.args.connectors[3].target'. */
  readonly path: string;
  readonly range?: SourceRange;
  /** Component name the problem concerns, when there is one (lets the canvas mark the node). */
  readonly component?: string;
  readonly field?: string;
  /** File the problem is in (YAML file name, or a module file such as 'hello_ray.ts'). */
  readonly file?: string;
}

/** `entity.descriptor`: a component name and a field name (or an event safe type and publishers/subscribers). */
export interface PortRef {
  readonly entity: string;
  readonly descriptor: string;
}

export interface ConnectorSpec {
  readonly source: PortRef;
  readonly target: PortRef;
  readonly mode: 'pipeline' | 'pubsub';
}

export interface ComponentSpec {
  /** Type string exactly as written in the YAML, e.g. 'hello_ray.Sleep'. */
  readonly type: string;
  readonly name: string;
  /** Every key of `args` as written (including name, initial_values, parameters, ...). */
  readonly args: Readonly<Record<string, unknown>>;
  readonly initialValues: Readonly<Record<string, readonly unknown[]>>;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly constraints: Readonly<Record<string, unknown>>;
  readonly resources: unknown;
}

export interface ProcessSpec {
  readonly type: ProcessType;
  readonly connectorBuilder: { readonly type: string; readonly args: Readonly<Record<string, unknown>> };
  readonly name: string | null;
  readonly components: readonly ComponentSpec[];
  readonly connectors: readonly ConnectorSpec[];
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly state: { readonly type: string; readonly args: Readonly<Record<string, unknown>> };
}

export interface ConfigSpec {
  readonly process: ProcessSpec;
  /** The `tune` section, kept as parsed data (parse/validate/round-trip only). */
  readonly tune: unknown;
  /** Set when `plugboard.process` was a file reference string (spec §2.8). */
  readonly processRef?: string;
}
