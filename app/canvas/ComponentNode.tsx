import { memo, useCallback } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { useEditor } from '../store/EditorStoreContext.tsx';
import type { EditorState } from '../store/createEditorStore.ts';
import { inHandle, outHandle, type ComponentFlowNode } from './toFlow.ts';
import { displayText } from '../store/names.ts'; // invisible and right-to-left characters shown escaped (issue 11)

const STATUS_LABEL: Record<string, string> = {
  created: 'waiting',
  init: 'waiting',
  waiting: 'waiting',
  running: 'running',
  completed: 'completed',
  failed: 'failed',
  stopped: 'stopped',
};

function ComponentNodeView({ data, selected }: NodeProps<ComponentFlowNode>) {
  const run = useEditor(useCallback((s: EditorState) => s.run.components[data.name], [data.name]));
  const problem = useEditor(
    useCallback((s: EditorState) => s.diagnostics.find((d) => d.component === data.name && d.severity === 'error')?.message, [data.name]),
  );
  const status = run ? (STATUS_LABEL[run.status] ?? run.status) : null;
  const rows = Math.max(data.inputs.length, data.outputs.length);
  return (
    <div
      className={`component-node${selected ? ' is-selected' : ''}${status ? ` status-${status}` : ''}${data.resolved ? '' : ' is-unresolved'}`}
      data-status={status ?? 'idle'}
      title={run?.error?.message ?? problem ?? data.type}
    >
      <header className="component-node__header">
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
          <span className="component-node__status" data-testid="node-status">
            {status}
            {run && run.steps > 0 ? ` · ${run.steps} step${run.steps === 1 ? '' : 's'}` : ''}
          </span>
        )}
      </div>
      <div className="component-node__ports" style={{ minHeight: rows * 22 }}>
        <div className="component-node__inputs">
          {data.inputs.map((p) => (
            <div key={p} className="component-node__port is-input">
              <Handle type="target" position={Position.Left} id={inHandle(p)} aria-label={`${data.name}.${p} input`} />
              <span>{p}</span>
            </div>
          ))}
        </div>
        <div className="component-node__outputs">
          {data.outputs.map((p) => (
            <div key={p} className="component-node__port is-output">
              <span>{p}</span>
              <Handle type="source" position={Position.Right} id={outHandle(p)} aria-label={`${data.name}.${p} output`} />
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
