/**
 * Run telemetry across the worker boundary. Each worker batches its RunEvents on a MessagePort at a
 * bounded rate; the page side merges the streams of all workers, keeps the written files, and hands
 * events to the UI at most once per frame.
 */
import { now } from '../lib/clock.ts';
import type { RunEvent } from '../protocol/events.ts';
import type { WaitInfo } from '../runtime/runComponent.ts';
import { type PortLike, type PortMessageEvent, scheduleAfter } from './PortLike.ts';
import { fileKeepLimit } from '../runtime/files.ts';

/** Messages on a telemetry port. */
export type TelemetryMessage =
  | { readonly k: 'events'; readonly events: readonly RunEvent[] }
  /** The worker's last message of a run: the page may stop listening once every port said so. */
  | { readonly k: 'end' }
  | WaitReport;

/**
 * Out of band, from a group worker to the pool's watchdog: every member of group `worker` has been
 * waiting (`waits`: component → what it waits for, some of it for another group), or something
 * moved again (`null`). `progress` counts the group's ended waits (a changed count = it moved).
 */
export interface WaitReport {
  readonly k: 'wait';
  readonly worker: number;
  readonly waits: Readonly<Record<string, WaitInfo>> | null;
  readonly progress: number;
}

/** Posts the end-of-run marker on a telemetry port (after the last events). */
export function postTelemetryEnd(port: PortLike): void {
  port.postMessage({ k: 'end' } satisfies TelemetryMessage);
}

/** ~60 messages a second in total. */
export const FRAME_MS = 1000 / 60;

export interface TelemetrySender {
  emit(event: RunEvent): void;
  /** Posts everything pending now (before reporting a result, so no event is lost). */
  flush(): void;
  /** Flushes, then posts the end-of-run marker the page's `EventSink.drain` waits for. */
  end(): void;
}

/**
 * Worker side: posts at most one batch per `intervalMs`. A worker blocked in a synchronous step
 * cannot post; its events go out at the next turn of its event loop.
 * @example const telemetry = createTelemetrySender(port, FRAME_MS * workerCount);
 */
export function createTelemetrySender(port: PortLike, intervalMs = FRAME_MS): TelemetrySender {
  let pending: RunEvent[] = [];
  let lastPost = -Infinity;
  let scheduled = false;
  const flush = (): void => {
    if (pending.length === 0) return;
    const events = pending;
    pending = [];
    lastPost = now();
    port.postMessage({ k: 'events', events } satisfies TelemetryMessage);
  };
  const schedule = (): void => {
    if (scheduled || pending.length === 0) return;
    scheduled = true;
    scheduleAfter(lastPost + intervalMs - now(), () => {
      scheduled = false;
      if (now() - lastPost >= intervalMs) flush();
      else schedule();
    });
  };
  return {
    emit(event) {
      pending.push(event);
      // Post at once when due: a worker whose steps block without yielding never runs its timers.
      if (now() - lastPost >= intervalMs) flush();
      else schedule();
    },
    flush,
    end() {
      flush();
      postTelemetryEnd(port);
    },
  };
}

export interface EventSink {
  /** Events from any source (a worker port, or the host itself). */
  push(events: readonly RunEvent[]): void;
  /** Listens to a telemetry port. */
  attach(port: PortLike): void;
  /** Delivers everything pending to `onEvents` now. */
  flush(): void;
  /** Files written so far (path → full text), rebuilt from 'file' events. */
  files(): Record<string, string>;
  /**
   * Waits until every attached port has posted its end marker (its last events are in), or until
   * `timeoutMs` passes (a worker that crashed or was stopped never says so). Messages on different
   * ports are not ordered, so a worker's result can arrive before its last telemetry.
   */
  drain(timeoutMs: number): Promise<void>;
  /** Stops timers and detaches from every port. */
  close(): void;
  /** Receives the workers' wait reports (the watchdog). */
  onWaitReport(listener: (report: WaitReport) => void): void;
}

/**
 * Page side: merges telemetry, calls `onEvents` at most once per `intervalMs`.
 * @example const sink = createEventSink(onEvents); sink.attach(port1);
 */
export function createEventSink(onEvents: (events: readonly RunEvent[]) => void, intervalMs = FRAME_MS): EventSink {
  let pending: RunEvent[] = [];
  let scheduled = false;
  let closed = false;
  const files = new Map<string, string>();
  const ports: { port: PortLike; listener: (e: PortMessageEvent) => void; ended: boolean }[] = [];
  let onEnded: (() => void) | undefined;
  let onWait: ((report: WaitReport) => void) | undefined;
  const flush = (): void => {
    if (pending.length === 0) return;
    const events = pending;
    pending = [];
    onEvents(events);
  };
  const push = (events: readonly RunEvent[]): void => {
    if (closed) return;
    for (const event of events) {
      if (event.kind === 'file') {
        const text = event.mode === 'truncate' ? event.text : (files.get(event.path) ?? '') + event.text;
        files.set(event.path, text.length > fileKeepLimit() ? '' : text); // past the limit the CLI has it on disk (issue 13)
      }
      pending.push(event);
    }
    if (scheduled) return;
    scheduled = true;
    scheduleAfter(intervalMs, () => {
      scheduled = false;
      if (!closed) flush();
    });
  };
  return {
    push,
    attach(port) {
      const entry = { port, listener: (_: PortMessageEvent): void => undefined, ended: false };
      entry.listener = (e: PortMessageEvent): void => {
        const message = e.data as TelemetryMessage;
        if (message.k === 'events') push(message.events);
        else if (message.k === 'wait') onWait?.(message);
        else if (message.k === 'end') {
          entry.ended = true;
          onEnded?.();
        }
      };
      port.addEventListener('message', entry.listener);
      port.start?.();
      ports.push(entry);
    },
    drain(timeoutMs) {
      return new Promise<void>((resolve) => {
        const check = (): void => {
          if (ports.every((p) => p.ended)) {
            onEnded = undefined;
            resolve();
          }
        };
        onEnded = check;
        scheduleAfter(timeoutMs, () => {
          onEnded = undefined;
          resolve();
        });
        check();
      });
    },
    flush,
    onWaitReport(listener) {
      onWait = listener;
    },
    files: () => Object.fromEntries(files),
    close() {
      flush();
      closed = true;
      for (const { port, listener } of ports) {
        port.removeEventListener('message', listener);
        port.close();
      }
      ports.length = 0;
    },
  };
}
