import { memo, useCallback, useLayoutEffect, useRef, useSyncExternalStore, type KeyboardEvent } from 'react';
import { breakpointStore } from '../runner/breakpointStore.ts';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { useCanvas, useCanvasController } from './canvasContext.ts';
import { useEditor, useEditorStore } from '../store/EditorStoreContext.tsx';
import type { EditorState } from '../store/createEditorStore.ts';
import { firstErrorOf, inHandle, outHandle, type ComponentFlowNode } from './toFlow.ts';
import { displayText } from '../store/names.ts'; // invisible and right-to-left characters shown escaped (issue 11)
import { useNodeRun } from './nodeRunView.ts';
import { stepsRun, STEPS_RUN_HELP } from '../runner/stepLabels.ts';

const STATUS_LABEL: Record<string, string> = {
  created: 'waiting',
  init: 'waiting',
  waiting: 'waiting',
  running: 'running',
  completed: 'completed',
  failed: 'failed',
  stopped: 'stopped',
  paused: 'paused',
};

const stepsText = (steps: number | undefined) => (steps ? ` · ${stepsRun(steps)}` : '');

/**
 * The step count, written straight into its span as batches arrive: during a run every node's count
 * changes with every batch, and re-rendering hundreds of nodes for it kept the main thread busy.
 */
const StepCount = memo(function StepCount({ name }: { name: string }) {
  const store = useEditorStore();
  const span = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    const el = span.current;
    if (!el) return;
    const paint = (s: EditorState) => {
      const text = stepsText(s.run.components[name]?.steps);
      if (el.textContent !== text) el.textContent = text;
    };
    paint(store.getState());
    return store.subscribe((s, prev) => {
      if (s.run.components !== prev.run.components) paint(s);
    });
  }, [store, name]);
  return <span ref={span} data-testid="node-steps" />;
});

/** A node's ports (handles): memoized, so a run's status changes do not re-render them. */
const NodePorts = memo(function NodePorts({ name, inputs, outputs }: { name: string; inputs: readonly string[]; outputs: readonly string[] }) {
  // Keyboard connections: Enter on an output handle, then Enter on an input handle (or the reverse).
  const controller = useCanvasController();
  const pending = useCanvas(useCallback((s) => (s.pending?.ref.startsWith(`${name}.`) ? s.pending.ref : null), [name]));
  const portKey = (ref: string, side: 'input' | 'output') => (e: KeyboardEvent) => {
    if (controller.portKey(ref, side, e.key)) {
      e.preventDefault();
      e.stopPropagation(); // not React Flow's node selection keys
    }
  };
  const rows = Math.max(inputs.length, outputs.length);
  return (
    <div className="component-node__ports" style={{ minHeight: rows * 22 }}>
      <div className="component-node__inputs">
        {inputs.map((p) => (
          <div key={p} className="component-node__port is-input">
            <Handle
              type="target"
              position={Position.Left}
              id={inHandle(p)}
              aria-label={`${name}.${p} input`}
              role="button"
              tabIndex={0}
              aria-pressed={pending === `${name}.${p}`}
              className={pending === `${name}.${p}` ? 'is-pending' : undefined}
              onKeyDown={portKey(`${name}.${p}`, 'input')}
            />
            <span>{p}</span>
          </div>
        ))}
      </div>
      <div className="component-node__outputs">
        {outputs.map((p) => (
          <div key={p} className="component-node__port is-output">
            <span>{p}</span>
            <Handle
              type="source"
              position={Position.Right}
              id={outHandle(p)}
              aria-label={`${name}.${p} output`}
              role="button"
              tabIndex={0}
              aria-pressed={pending === `${name}.${p}`}
              className={pending === `${name}.${p}` ? 'is-pending' : undefined}
              onKeyDown={portKey(`${name}.${p}`, 'output')}
            />
          </div>
        ))}
      </div>
    </div>
  );
});

function ComponentNodeView({ data, selected }: NodeProps<ComponentFlowNode>) {
  // Status, worker and error re-render the node (handed out in slices, see nodeRunView); the step
  // count does not (StepCount).
  const view = useNodeRun(useEditorStore(), data.name);
  const run = view.status === undefined ? undefined : { ...view, status: view.status };
  const problem = useEditor(useCallback((s: EditorState) => firstErrorOf(s.diagnostics, data.name), [data.name]));
  const status = run ? (STATUS_LABEL[run.status] ?? run.status) : null;
  const breakpoint = useSyncExternalStore(breakpointStore.subscribe, () => breakpointStore.has(data.name));
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
          <span className="component-node__status" data-testid="node-status" title={STEPS_RUN_HELP}>
            {status}
            <StepCount name={data.name} />
          </span>
        )}
        {run?.worker && run.worker !== 'worker:local' && (
          <span className="component-node__worker" data-testid="node-worker" style={{ marginLeft: 6, opacity: 0.75 }} title="The worker this component runs on (its Timeline lane)">
            {run.worker.replace(/^worker:/, 'worker ')}
          </span>
        )}
      </div>
      <NodePorts name={data.name} inputs={data.inputs} outputs={data.outputs} />
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
