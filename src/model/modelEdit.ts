import type { PortRef } from './spec.ts';

/**
 * A change to a model, applied to YAML text by `applyEdit` (src/yaml) so only the lines that must
 * change do. Discriminated on `kind`.
 */
export type ModelEdit =
  /** Appends a component; `args` must include `name`. */
  | { readonly kind: 'add-component'; readonly type: string; readonly args: Readonly<Record<string, unknown>> }
  /** Removes a component and every connector that names it. */
  | { readonly kind: 'remove-component'; readonly name: string }
  /** Renames a component; connectors (string and mapping forms) follow. */
  | { readonly kind: 'rename-component'; readonly from: string; readonly to: string }
  /**
   * Sets (or, with `value: undefined`, deletes) a component arg. A dotted key reaches into a mapping
   * arg: `initial_values.a`, `parameters.scale`.
   */
  | { readonly kind: 'set-arg'; readonly component: string; readonly key: string; readonly value: unknown }
  /** Appends a connector in string form (`a.x`). */
  | { readonly kind: 'add-connector'; readonly source: PortRef; readonly target: PortRef }
  /** Removes every connector from `source` to `target` (either form). */
  | { readonly kind: 'remove-connector'; readonly source: PortRef; readonly target: PortRef }
  /** local ⇒ LocalProcess (+ AsyncioConnector); parallel ⇒ RayProcess + RayConnector (swap rules of §2.3(3)). */
  | { readonly kind: 'set-process-mode'; readonly mode: 'local' | 'parallel' }
  /** Sets the process name (`null` removes it). */
  | { readonly kind: 'set-process-name'; readonly name: string | null };

/** The kinds of {@link ModelEdit}. */
export type ModelEditKind = ModelEdit['kind'];
