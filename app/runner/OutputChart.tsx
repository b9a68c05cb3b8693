import { useMemo, useState } from 'react';
import { useEditor, useEditorStore } from '../store/EditorStoreContext.tsx';
import type { EditorState } from '../store/createEditorStore.ts';
import { baseName } from '../store/names.ts';
import { Chart } from '../charts/Chart.tsx';
import './outputChart.css';
import { numericColumns, outputColumnsOf, seriesOf, type XAxis } from './outputColumns.ts';

const selVersion = (s: EditorState) => s.run.version;
const selDark = (s: EditorState) => s.theme === 'dark';

/** The Output chart: numeric FileWriter columns of the current run against time or row number. */
export function OutputChart() {
  const store = useEditorStore();
  const version = useEditor(selVersion);
  const dark = useEditor(selDark);
  const [x, setX] = useState<XAxis>('time');
  const [picked, setPicked] = useState<string | null>(null);
  const [ownScales, setOwnScales] = useState(true);
  const files = outputColumnsOf(store.getState().run);
  const plottable = [...files.values()].filter((f) => numericColumns(f).length > 0);
  const file = plottable.find((f) => f.path === picked) ?? plottable[0];
  const columnsKey = file ? `${file.path}|${numericColumns(file).map((c) => c.name).join(',')}` : '';
  // New series objects only when the file, axis or set of columns changes; growth bumps `revision`.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const series = useMemo(() => (file ? seriesOf(file, x) : []), [columnsKey, x, file?.row.data, file?.time.data]);

  return (
    <div className="output-chart">
      <div className="output-chart__controls">
        {plottable.length > 1 && (
          <label>
            File{' '}
            <select value={file?.path ?? ''} onChange={(e) => setPicked(e.target.value)}>
              {plottable.map((f) => (
                <option key={f.path} value={f.path}>
                  {baseName(f.path)}
                </option>
              ))}
            </select>
          </label>
        )}
        {plottable.length === 1 && file && <span className="muted">{baseName(file.path)}</span>}
        <label>
          X axis{' '}
          <select value={x} onChange={(e) => setX(e.target.value as XAxis)}>
            <option value="time">time (s)</option>
            <option value="row">row</option>
          </select>
        </label>
        {series.length > 1 && (
          <label title="Each line gets its own y range: left axis for the first, right axis for the second">
            <input type="checkbox" checked={ownScales} onChange={(e) => setOwnScales(e.target.checked)} /> Own y range per line
          </label>
        )}
      </div>
      {file ? (
        <Chart label="Output chart" series={series} revision={version} xLabel={x === 'time' ? 'time (s)' : 'row'} dark={dark} ownScales={ownScales} />
      ) : (
        <p className="muted pad">No numeric columns yet: FileWriter columns holding numbers are plotted here.</p>
      )}
    </div>
  );
}
