/**
 * The inspector's run section (issue 10): during and after a run, the selected component's step
 * count and the last value on each of its input and output connectors.
 */
import { useEditor } from '../store/EditorStoreContext.tsx';
import { formatProbeValue } from '../runner/probeStore.ts';
import { NO_CONNECTORS } from '../store/runSlice.ts';

export function ComponentRunValues({ name }: { name: string }) {
  const comp = useEditor((s) => s.run.components[name]);
  const phase = useEditor((s) => s.run.phase);
  const connectors = useEditor((s) => s.run.connectors ?? NO_CONNECTORS);
  if (phase === 'idle' || !comp) return null;
  const rows: { dir: 'in' | 'out'; port: string; other: string; count: number; last: unknown }[] = [];
  for (const c of Object.values(connectors)) {
    const [source, target] = c.key.split('..') as [string, string];
    if (target.startsWith(`${name}.`)) rows.push({ dir: 'in', port: target.slice(name.length + 1), other: source, count: c.count, last: c.last });
    if (source.startsWith(`${name}.`)) rows.push({ dir: 'out', port: source.slice(name.length + 1), other: target, count: c.count, last: c.last });
  }
  rows.sort((a, b) => (a.dir === b.dir ? a.port.localeCompare(b.port) : a.dir === 'in' ? -1 : 1));
  return (
    <div className="inspector__run" role="group" aria-label="Run values">
      <p>
        Steps: <span aria-label="Step count">{comp.steps}</span> <span className="muted">({comp.status})</span>
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
