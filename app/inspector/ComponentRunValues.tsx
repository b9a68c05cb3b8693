/**
 * The inspector's run section (issue 10): during and after a run, the selected component's step
 * count and the last value on each of its input and output connectors.
 */
import { useEditor } from '../store/EditorStoreContext.tsx';
import { useSyncExternalStore } from 'react';
import { formatProbeValue, probeStore } from '../runner/probeStore.ts';
import { NO_CONNECTORS } from '../store/runSlice.ts';
import { STEPS_RUN_HELP } from '../runner/stepLabels.ts';

/** "Probe" per connected port of the component (records the port's values from the next run). */
function PortProbes({ name }: { name: string }) {
  const keys = useSyncExternalStore(probeStore.subscribe, probeStore.keys);
  const connectors = useEditor((s) => s.config?.process.connectors);
  const ports = new Set<string>();
  for (const c of connectors ?? []) {
    if (c.mode !== 'pipeline') continue;
    if (c.source.entity === name) ports.add(`${name}.${c.source.descriptor}`);
    if (c.target.entity === name) ports.add(`${name}.${c.target.descriptor}`);
  }
  if (ports.size === 0) return null;
  return (
    <div className="inspector__probes" role="group" aria-label="Probe ports">
      {[...ports].sort().map((port) => {
        const on = keys.includes(port);
        return (
          <button key={port} type="button" aria-pressed={on} aria-label={`${on ? 'Unprobe' : 'Probe'} ${port}`} onClick={() => probeStore.toggle(port)}>
            {on ? '◉' : '○'} {port.slice(name.length + 1)}
          </button>
        );
      })}
    </div>
  );
}

export function ComponentRunValues({ name }: { name: string }) {
  const comp = useEditor((s) => s.run.components[name]);
  const phase = useEditor((s) => s.run.phase);
  const connectors = useEditor((s) => s.run.connectors ?? NO_CONNECTORS);
  if (phase === 'idle' || !comp) return <PortProbes name={name} />;
  const rows: { dir: 'in' | 'out'; port: string; other: string; count: number; last: unknown }[] = [];
  for (const c of Object.values(connectors)) {
    const [source, target] = c.key.split('..') as [string, string];
    if (target.startsWith(`${name}.`)) rows.push({ dir: 'in', port: target.slice(name.length + 1), other: source, count: c.count, last: c.last });
    if (source.startsWith(`${name}.`)) rows.push({ dir: 'out', port: source.slice(name.length + 1), other: target, count: c.count, last: c.last });
  }
  rows.sort((a, b) => (a.dir === b.dir ? a.port.localeCompare(b.port) : a.dir === 'in' ? -1 : 1));
  return (
    <div className="inspector__run" role="group" aria-label="Run values">
      <PortProbes name={name} />
      <p>
        <span title={STEPS_RUN_HELP}>Steps run:</span> <span aria-label="Step count">{comp.steps.toLocaleString('en')}</span> <span className="muted">({comp.status})</span>
      </p>
      {rows.length > 0 && (
        <table className="probe__table">
          <thead>
            <tr>
              <th>port</th>
              <th>{'from / to'}</th>
              <th>count</th>
              <th>last value</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.dir}:${r.port}:${r.other}`}>
                <td>
                  {r.dir === 'in' ? '← ' : '→ '}
                  {r.port}
                </td>
                <td>{r.other}</td>
                <td>{r.count}</td>
                <td>{formatProbeValue(r.last, 32)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
