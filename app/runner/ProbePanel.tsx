/**
 * Probes on the canvas (issue 10): the selected connector offers "Probe" (recorded from the next
 * run's start); each probed connector shows its count, a sparkline of its numbers or a table of its
 * latest values. Values come from the run slice (`run.buffers.probes`, `run.connectors`).
 */
import { useSyncExternalStore } from 'react';
import type { Edge } from '@xyflow/react';
import { useEditor } from '../store/EditorStoreContext.tsx';
import type { ProbeBuffer } from '../store/runSlice.ts';
import { formatProbeValue, probeStore, runtimeConnectorId } from './probeStore.ts';
import { NO_CONNECTORS } from '../store/runSlice.ts';
import { breakpointStore, conditionProblem } from './breakpointStore.ts';

const TABLE_ROWS = 10;

function Sparkline({ values }: { values: readonly number[] }) {
  const w = 180;
  const h = 36;
  if (values.length < 2) return null;
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const span = hi - lo || 1;
  const step = Math.max(1, Math.floor(values.length / w)); // at most ~one point per pixel
  const points: string[] = [];
  for (let i = 0; i < values.length; i += step) points.push(`${((i / (values.length - 1)) * w).toFixed(1)},${(h - ((values[i]! - lo) / span) * h).toFixed(1)}`);
  return (
    <svg className="probe__sparkline" width={w} height={h} viewBox={`0 0 ${w} ${h}`} role="img" aria-label={`Sparkline of ${values.length} values from ${formatProbeValue(lo)} to ${formatProbeValue(hi)}`}>
      <polyline points={points.join(' ')} fill="none" stroke="currentColor" strokeWidth={1.5} />
    </svg>
  );
}

function ProbeValues({ name, buffer }: { name: string; buffer: ProbeBuffer | undefined }) {
  const values = buffer?.values.toArray() ?? [];
  if (values.length === 0) return <p className="muted">No values yet: they are recorded from the start of the next run.</p>;
  if (values.every((v) => typeof v === 'number')) return <Sparkline values={values as number[]} />;
  const times = buffer!.times.toArray();
  const first = Math.max(0, values.length - TABLE_ROWS);
  return (
    <table className="probe__table" aria-label={`Values of ${name}`}>
      <thead>
        <tr>
          <th>#</th>
          <th>time</th>
          <th>value</th>
        </tr>
      </thead>
      <tbody>
        {values.slice(first).map((v, i) => (
          <tr key={first + i}>
            <td>{first + i + 1}</td>
            <td>{new Date(times[first + i]!).toISOString().slice(11, 23)}</td>
            <td>{formatProbeValue(v, 40)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * "Pause when" a value on the probe meets a condition (issue 10): checked as typed (a located error
 * under the field), sent with the next run and evaluated in the worker for each value.
 */
function ConditionField({ probeKey }: { probeKey: string }) {
  const { conditions } = useSyncExternalStore(breakpointStore.subscribe, breakpointStore.snapshot);
  const text = conditions[probeKey] ?? '';
  const problem = conditionProblem(text);
  const id = `cond-${probeKey.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  return (
    <div className="probe__condition">
      <label htmlFor={id}>Pause when</label>
      <input
        id={id}
        type="text"
        spellCheck={false}
        placeholder="e.g. value > 3"
        aria-label={`Breakpoint condition on ${probeKey}`}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-error` : undefined}
        value={text}
        onChange={(e) => breakpointStore.setCondition(probeKey, e.target.value)}
        title="A condition over value (e.g. value > 3 && value < 10, abs(value - 2) >= 0.5, value == &quot;done&quot;); applies from the next run"
      />
      {problem && (
        <span id={`${id}-error`} className="field__error" role="alert">
          {problem.line}:{problem.column}: {problem.message}
        </span>
      )}
    </div>
  );
}

export function ProbePanel({ edges }: { edges: readonly Edge[] }) {
  const keys = useSyncExternalStore(probeStore.subscribe, probeStore.keys);
  const connectors = useEditor((s) => s.run.connectors ?? NO_CONNECTORS);
  const probes = useEditor((s) => s.run.buffers.probes);
  useEditor((s) => s.run.version); // re-render as values arrive
  const phase = useEditor((s) => s.run.phase);
  const selected = edges.filter((e) => e.selected);
  if (selected.length === 0 && keys.length === 0) return null;
  return (
    <section className="probe-panel" aria-label="Probes">
      {selected.map((e) => {
        const key = runtimeConnectorId(e.id);
        const on = keys.includes(key);
        return (
          <div key={e.id} className="probe-panel__selected">
            <span className="probe-panel__name">{e.id}</span>
            <button type="button" aria-pressed={on} onClick={() => probeStore.toggle(key)} title={phase === 'running' && !on ? 'Records from the start of the next run' : undefined}>
              {on ? 'Unprobe' : 'Probe'}
            </button>
          </div>
        );
      })}
      {keys.map((key) => {
        const counter = connectors[key];
        const buffer = probes.get(key);
        return (
          <div key={key} className="probe" role="group" aria-label={`Probe ${key}`}>
            <div className="probe__head">
              <span className="probe-panel__name">{key.replace('..', ' → ')}</span>
              <span className="muted" aria-label="Values recorded">
                {buffer?.values.length ?? 0} values{counter ? ` (${counter.count} passed)` : ''}
              </span>
            </div>
            <ConditionField probeKey={key} />
            <ProbeValues name={key} buffer={buffer} />
          </div>
        );
      })}
    </section>
  );
}
