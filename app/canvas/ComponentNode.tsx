import { memo, useCallback, useSyncExternalStore, type KeyboardEvent } from 'react';
import { breakpointStore } from '../runner/breakpointStore.ts';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { useCanvas, useCanvasController } from './canvasContext.ts';
import { useEditor } from '../store/EditorStoreContext.tsx';
import type { EditorState } from '../store/createEditorStore.ts';
import { firstErrorOf, inHandle, outHandle, type ComponentFlowNode } from './toFlow.ts';
import { displayText } from '../store/names.ts'; // invisible and right-to-left characters shown escaped (issue 11)
import { stepsRun, STEPS_RUN_HELP } from '../runner/stepLabels.ts';

const STATUS_LABEL: Record<string, string> = {
  created: 'waiting',
  init: 'waiting',
  waiting: 'waiting',
  running: 'running',
  paused: 'paused',
  completed: 'completed',
  failed: 'failed',
  stopped: 'stopped',
};

function ComponentNodeView({ data, selected }: NodeProps<ComponentFlowNode>) {
  const run = useEditor(useCallback((s: EditorState) => s.run.components[data.name], [data.name]));
  const problem = useEditor(useCallback((s: EditorState) => firstErrorOf(s.diagnostics, data.name), [data.name]));
  const status = run ? (STATUS_LABEL[run.status] ?? run.status) : null;
  const breakpoint = useSyncExternalStore(breakpointStore.subscribe, () => breakpointStore.has(data.name));
  // Keyboard connections: Enter on an output handle, then Enter on an input handle (or the reverse).
  const controller = useCanvasController();
  const pending = useCanvas(useCallback((s) => (s.pending?.ref.startsWith(`${data.name}.`) ? s.pending.ref : null), [data.name]));
  const portKey = (ref: string, side: 'input' | 'output') => (e: KeyboardEvent) => {
    if (controller.portKey(ref, side, e.key)) {
      e.preventDefault();
      e.stopPropagation(); // not React Flow's node selection keys
    }
  };
  const rows = Math.max(data.inputs.length, data.outputs.length);
  return (
    <div
      className={`component-node${selected ? ' is-selected' : ''}${status ? ` status-${status}` : ''}${data.resolved ? '' : ' is-unresolved'}`}
      data-status={status ?? 'idle'}
      title={run?.error?.message ?? problem ?? data.type}
    >
      <header className="component-node__header">
        {breakpoint && (
          <span className="component-node__breakpoint" aria-label="Breakpoint" title="Breakpoint: the run pauses before this component steps">
            ●
          </span>
        )}
        <span className="component-node__name">{displayText(data.name)}</span>
        {problem && !run && (
          <span className="component-node__warn" title={problem} aria-label={`Problem: ${problem}`}>
            ⚠
          </span>
        )}
      </header>
      <div className="component-node__type">
        <span className="component-node__class" title={data.type}>
          {displayText(data.className)}
          {!data.resolved && <span className="component-node__badge">unresolved</span>}
        </span>
        {status && (
          <span className="component-node__status" data-testid="node-status" title={run && run.steps > 0 ? STEPS_RUN_HELP : undefined}>
            {status}
            {run && run.steps > 0 ? ` · ${stepsRun(run.steps)}` : ''}
          </span>
        )}
        {run?.worker && run.worker !== 'worker:local' && (
          <span className="component-node__worker" data-testid="node-worker" style={{ marginLeft: 6, opacity: 0.75 }} title="The worker this component runs on (its Timeline lane)">
            {run.worker.replace(/^worker:/, 'worker ')}
          </span>
        )}
      </div>
      <div className="component-node__ports" style={{ minHeight: rows * 22 }}>
        <div className="component-node__inputs">
          {data.inputs.map((p) => (
            <div key={p} className="component-node__port is-input">
              <Handle
                type="target"
                position={Position.Left}
                id={inHandle(p)}
                aria-label={`${data.name}.${p} input`}
                role="button"
                tabIndex={0}
                aria-pressed={pending === `${data.name}.${p}`}
                className={pending === `${data.name}.${p}` ? 'is-pending' : undefined}
                onKeyDown={portKey(`${data.name}.${p}`, 'input')}
              />
              <span>{p}</span>
            </div>
          ))}
        </div>
        <div className="component-node__outputs">
          {data.outputs.map((p) => (
            <div key={p} className="component-node__port is-output">
              <span>{p}</span>
              <Handle
                type="source"
                position={Position.Right}
                id={outHandle(p)}
                aria-label={`${data.name}.${p} output`}
                role="button"
                tabIndex={0}
                aria-pressed={pending === `${data.name}.${p}`}
                className={pending === `${data.name}.${p}` ? 'is-pending' : undefined}
                onKeyDown={portKey(`${data.name}.${p}`, 'output')}
              />
            </div>
          ))}
        </div>
      </div>
      {run?.error && (
        <div className="component-node__error" role="alert">
          {run.error.name && run.error.name !== 'Error' ? `${run.error.name}: ` : ''}
          {run.error.message}
          {run.error.file ? ` (${run.error.file}${run.error.line ? `:${run.error.line}` : ''})` : ''}
        </div>
      )}
    </div>
  );
}

export const ComponentNode = memo(ComponentNodeView);
