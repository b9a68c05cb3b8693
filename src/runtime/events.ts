/**
 * Plugboard events (spec §6): typed messages broadcast publish/subscribe to every component that
 * declares the event type as an input event. Plain data only, so events cross worker boundaries.
 */

/** An event as it travels between components (the fields of Plugboard's pydantic Event model). */
export interface PlugboardEvent<Data = unknown> {
  readonly id: string;
  /** Event type, e.g. 'high_event' or 'system.stop'. */
  readonly type: string;
  /** Epoch milliseconds (src/lib/clock.ts). */
  readonly timestamp: number;
  readonly source: string;
  readonly version: string;
  readonly data: Data;
  readonly metadata: Readonly<Record<string, string>>;
}

/** The data-independent part of an event type (what component declarations list). */
export interface EventTypeInfo {
  readonly type: string;
  /** Plugboard's `safe_type`: `.` and `-` replaced by `_` (used in connector ids). */
  readonly safeType: string;
  /** Class name shown in diagrams (e.g. 'HighEvent'). */
  readonly className: string;
}

/** A declared event type: its type string and a typed constructor. */
export interface EventType<Data = unknown> extends EventTypeInfo {
  create(source: string, data: Data, metadata?: Record<string, string>): PlugboardEvent<Data>;
  /** Narrows an incoming event to this type. */
  is(event: PlugboardEvent): event is PlugboardEvent<Data>;
}

const EVENT_TYPE_PATTERN = /^[a-zA-Z][a-zA-Z0-9_\-.]*$/;

let counter = 0;
function eventId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (c?.randomUUID) return c.randomUUID();
  counter += 1;
  return `evt-${Date.now().toString(16)}-${counter.toString(16)}`;
}

/** `system.stop` → `system_stop` (spec §2.7). */
export function safeEventType(type: string): string {
  return type.replace(/[.-]/g, '_');
}

/**
 * Declares an event type with typed data.
 *
 * @example
 * export const HighEvent = defineEvent<{ value: number }>('high_event', 'HighEvent');
 * this.io.queueEvent(HighEvent.create(this.name, { value: 0.9 }));
 */
export function defineEvent<Data = Record<string, unknown>>(type: string, className: string): EventType<Data> {
  if (!EVENT_TYPE_PATTERN.test(type)) throw new Error(`Invalid event type '${type}'`);
  return {
    type,
    safeType: safeEventType(type),
    className,
    create: (source, data, metadata = {}) => ({
      id: eventId(),
      type,
      timestamp: Date.now(),
      source,
      version: '0.1.0',
      data,
      metadata,
    }),
    is: (event): event is PlugboardEvent<Data> => event.type === type,
  };
}

/** The system stop event every component subscribes to and may publish (spec §6.4). */
export const StopEvent: EventType<Record<string, never>> = defineEvent<Record<string, never>>('system.stop', 'StopEvent');
