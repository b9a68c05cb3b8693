/**
 * Runs one trial as a LocalProcess in the current thread: init → run → destroy, then reads each
 * objective from its component (the field's final value). Used by tests and inside tune workers.
 */
import type { ErrorInfo } from '../protocol/events.ts';
import type { Component } from '../runtime/Component.ts';
import { createLocalProcess, ProcessInitError } from '../runtime/LocalProcess.ts';
import type { ComponentRegistry } from '../runtime/registry.ts';
import type { CancelSignal } from '../runtime/scheduler.ts';
import { toErrorInfo } from '../runtime/errors.ts';
import type { TrialExecutor, TrialOutcome, TrialRequest } from './executor.ts';

/** Name of the error a step raises when a constraint is violated (Plugboard's ConstraintError). */
export const CONSTRAINT_ERROR = 'ConstraintError';

/**
 * Thrown by a component step to end a trial with a given objective (spec §10). Any error whose
 * `name` is 'ConstraintError' counts; `objective_value` (a number, or one per objective) is optional.
 * @example throw new ConstraintError('stock below zero', 1e6)
 */
export class ConstraintError extends Error {
  override name = CONSTRAINT_ERROR;
  constructor(
    message: string,
    readonly objective_value?: number | readonly number[],
  ) {
    super(message);
  }
}

/** A component's field after the run: output, else input, else a plain attribute. */
export function readField(component: Component, field: string): unknown {
  if (component.io.outputs.includes(field)) return (component.out as Record<string, unknown>)[field];
  if (component.io.inputs.includes(field)) return component.inputValues[field];
  return (component as unknown as Record<string, unknown>)[field];
}

const fail = (message: string, name = 'TuneError', component?: string): TrialOutcome => ({
  status: 'failed',
  error: { name, message, ...(component ? { component } : {}) },
});

/**
 * @example const outcome = await runTrialInThread(request, createRegistry(), signal);
 */
export async function runTrialInThread(
  request: TrialRequest,
  registry: ComponentRegistry,
  signal: CancelSignal,
  options: { readonly files?: Readonly<Record<string, string>> } = {},
): Promise<TrialOutcome> {
  const process = createLocalProcess(request.spec, registry, { recordSteps: false, ...(options.files ? { files: options.files } : {}) });
  let raw: unknown;
  try {
    await process.init();
  } catch (error) {
    await process.destroy();
    const info = toErrorInfo(error, error instanceof ProcessInitError ? error.component : undefined);
    return { status: 'failed', error: info };
  }
  for (const c of process.components.values()) {
    const listener = c.statusListener;
    c.statusListener = (status, error) => {
      if (status === 'failed' && raw === undefined) raw = error;
      listener?.(status, error);
    };
  }
  const offCancel = { done: false };
  signal.onCancel(() => {
    if (!offCancel.done) process.cancel();
  });
  const result = await process.run();
  offCancel.done = true;
  await process.destroy();
  if (result.status === 'stopped') return { status: 'stopped' };
  if (result.status === 'failed') {
    const error: ErrorInfo = result.error ?? { name: 'Error', message: 'trial failed' };
    if (error.name !== CONSTRAINT_ERROR) return { status: 'failed', error };
    const thrown = raw as { objective_value?: unknown; cause?: { objective_value?: unknown } } | undefined;
    const given = thrown?.objective_value ?? thrown?.cause?.objective_value;
    const values = request.modes.map((mode, i) => {
      const v = Array.isArray(given) ? given[i] : given;
      return typeof v === 'number' ? v : mode === 'max' ? -Infinity : Infinity;
    });
    return { status: 'constraint', values, error };
  }
  const values: number[] = [];
  for (const o of request.objectives) {
    const c = process.component(o.component);
    if (!c) return fail(`Objective component '${o.component}' is not in the process.`, 'TuneError', o.component);
    const v = readField(c, o.field);
    if (typeof v !== 'number' || Number.isNaN(v)) return fail(`Objective ${o.component}.${o.field} is ${v === null || v === undefined ? 'null' : Number.isNaN(v) ? 'NaN' : JSON.stringify(v)} after the run, not a number.`, 'TuneError', o.component);
    values.push(v);
  }
  return { status: 'completed', values };
}

/** An executor that runs trials in this thread (concurrent trials interleave on one thread). */
export function createInThreadExecutor(registry: ComponentRegistry, capacity = 1): TrialExecutor {
  return { capacity, runTrial: (request, signal) => runTrialInThread(request, registry, signal) };
}
