import type { TypeCatalog } from './catalog.ts';
import { STOP_EVENT } from './constants.ts';
import { builtConnectors } from './plugboardRules.ts';
import { portsOf } from './ports.ts';
import type { ComponentSpec, ProcessSpec } from './spec.ts';

/** `high_event` → `HighEvent`: the class-name fallback when the catalog does not name an event class. */
export function eventClassName(type: string, catalog?: TypeCatalog, component?: ComponentSpec): string {
  const named = component && catalog?.lookup(component.type)?.eventClasses?.[type];
  if (named) return named;
  return type
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
}

/**
 * Mermaid flowchart of a process exactly as Plugboard's `process diagram` prints it (spec §8):
 * connector lines in connector-id order, then input-event and output-event lines; no trailing newline.
 * @example toMermaid(config.process, catalog) // 'flowchart LR\n  a@{ shape: rounded, label: A<br>**a** } --> b@{ ... }'
 */
export function toMermaid(process: ProcessSpec, catalog?: TypeCatalog): string {
  // process.components is a dict keyed by name upstream: a duplicate keeps the first position, last value.
  const byName = new Map<string, ComponentSpec>();
  for (const c of process.components) byName.set(c.name, c);
  const node = (c: ComponentSpec): string => {
    const cls = catalog?.lookup(c.type)?.className ?? c.type.slice(c.type.lastIndexOf('.') + 1);
    return `${c.name}@{ shape: rounded, label: ${cls}<br>**${c.name}** }`;
  };
  const eventNode = (type: string, c: ComponentSpec): string => `${type}@{ shape: hex, label: ${eventClassName(type, catalog, c)} }`;
  const lines: string[] = [];
  for (const conn of builtConnectors(process, catalog)) {
    const s = byName.get(conn.source.entity);
    const t = byName.get(conn.target.entity);
    if (s && t) lines.push(`${node(s)} --> ${node(t)}`);
  }
  for (const c of byName.values()) {
    for (const e of portsOf(c, catalog)?.inputEvents ?? []) if (!isSystemEvent(e)) lines.push(`${eventNode(e, c)} -.-> ${node(c)}`);
  }
  for (const c of byName.values()) {
    for (const e of portsOf(c, catalog)?.outputEvents ?? []) if (!isSystemEvent(e)) lines.push(`${node(c)} -.-> ${eventNode(e, c)}`);
  }
  return ['flowchart LR', ...lines].join('\n  ');
}

function isSystemEvent(type: string): boolean {
  return type === STOP_EVENT || type === 'system' || type.startsWith('system.');
}

/**
 * The diagram in a fenced `mermaid` block (Plugboard's `markdown_diagram`).
 * @example markdownDiagram(process, catalog).startsWith('```mermaid')
 */
export function markdownDiagram(process: ProcessSpec, catalog?: TypeCatalog): string {
  return `\`\`\`mermaid\n${toMermaid(process, catalog)}\n\`\`\``;
}
