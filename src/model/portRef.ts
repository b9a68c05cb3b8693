import { PORT_REF_PATTERN } from './constants.ts';
import type { ConnectorSpec, PortRef } from './spec.ts';

/**
 * Makes a port address.
 * @example portRef('stockpile', 'size') // { entity: 'stockpile', descriptor: 'size' }
 */
export function portRef(entity: string, descriptor: string): PortRef {
  return { entity, descriptor };
}

/**
 * Reads `entity.descriptor` (spec §2.6 pattern); undefined when the text does not match.
 * @example parsePortRef('a.out_1') // { entity: 'a', descriptor: 'out_1' }
 */
export function parsePortRef(text: string): PortRef | undefined {
  const m = PORT_REF_PATTERN.exec(text);
  return m ? { entity: m[1] ?? '', descriptor: m[2] ?? '' } : undefined;
}

/**
 * @example formatPortRef({ entity: 'a', descriptor: 'x' }) // 'a.x'
 */
export function formatPortRef(ref: PortRef): string {
  return `${ref.entity}.${ref.descriptor}`;
}

/**
 * Plugboard's connector id: `<source>..<target>` (two dots between the halves).
 * @example connectorId(c) // 'a.out_1..b.in_1'
 */
export function connectorId(c: Pick<ConnectorSpec, 'source' | 'target'>): string {
  return `${formatPortRef(c.source)}..${formatPortRef(c.target)}`;
}

/**
 * Event safe type: `.` and `-` replaced by `_`.
 * @example safeEventType('system.stop') // 'system_stop'
 */
export function safeEventType(type: string): string {
  return type.replace(/[.-]/g, '_');
}

/** Python-style `str < str` (code point order), as used by `sorted()`. */
export function pyCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Connectors de-duplicated by id (later wins) and sorted by id, as ProcessBuilder does (spec §2.7).
 * @example sortConnectors(process.connectors).map(connectorId)
 */
export function sortConnectors(connectors: readonly ConnectorSpec[]): ConnectorSpec[] {
  const byId = new Map<string, ConnectorSpec>();
  for (const c of connectors) byId.set(connectorId(c), c);
  return [...byId.entries()].sort(([a], [b]) => pyCompare(a, b)).map(([, c]) => c);
}
