// Thin React binding of the canvas controller (canvasController.ts holds the behaviour).
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, type DragEvent, type KeyboardEvent, type RefObject } from 'react';
import {
  Background,
  ConnectionMode,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  useReactFlow,
  type Connection,
  type Edge,
  type FinalConnectionState,
  type IsValidConnection,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import './canvas.css';
import { useEditor, useEditorStore } from '../store/EditorStoreContext.tsx';
import { ProbePanel } from '../runner/ProbePanel.tsx';
import { formatProbeValue, runtimeConnectorId } from '../runner/probeStore.ts';
import type { EditorStore } from '../store/createEditorStore.ts';
import type { Position } from '../document/core.ts';
import { ValueEdge } from './ValueEdge.tsx';
import { ComponentNode } from './ComponentNode.tsx';
import type { ComponentFlowNode } from './toFlow.ts';
import { autoLayout } from './autoLayout.ts';
import { createCanvasController, type CanvasController } from './canvasController.ts';
import { CanvasControllerContext } from './canvasContext.ts';
import { NO_CONNECTORS } from '../store/runSlice.ts';

const nodeTypes = { component: ComponentNode };
/** Labelled connectors (a run's last values) draw their label without measuring it (see ValueEdge). */
const edgeTypes = { value: ValueEdge };
export const PALETTE_MIME = 'application/x-plugboard-type';

/** The live controller of each editor store's canvas, so the palette can ask it where to place. */
const controllers = new WeakMap<EditorStore, CanvasController>();

/**
 * Where a new component of `type` goes (the one placement rule: free space near the view centre);
 * undefined when no canvas is drawn (the store then picks a free grid cell).
 */
export function placeNewComponent(store: EditorStore, type: string): Position | undefined {
  return controllers.get(store)?.placeNew(type);
}

/** The Auto layout command, run by the canvas's one layout path (no-op when no canvas is drawn). */
export function autoLayoutCanvas(store: EditorStore): void {
  controllers.get(store)?.autoLayout();
}

/** How often connector labels follow a live run (ms); models with more than LABEL_MANY connectors: LABEL_MANY_MS. */
const LABEL_MS = 250;
const LABEL_MANY = 100;
const LABEL_MANY_MS = 1000;

/** `value`, changing at most once per `ms` (the latest value is shown after the pause). */
function useThrottled<T>(value: T, ms: number): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    if (Object.is(value, shown)) return;
    const wait = last.current + ms - performance.now();
    const show = () => {
      last.current = performance.now();
      setShown(() => value);
    };
    // Always in a task of its own: the first labels of a big model (hundreds of edges) must not add
    // to the render that starts a run.
    const id = setTimeout(show, Math.max(0, wait));
    return () => clearTimeout(id);
  }, [value, shown, ms]);
  return shown;
}

function useController(store: EditorStore, element: RefObject<HTMLDivElement | null>): CanvasController {
  const flow = useReactFlow();
  const [controller] = useState(() => createCanvasController({ store, layout: autoLayout }));
  useEffect(() => {
    controller.update({
      view: {
        fitView: () => void flow.fitView({ padding: 0.12, duration: 0 }),
        center: () => {
          const rect = element.current?.getBoundingClientRect();
          return rect && rect.width > 0 ? flow.screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 }) : undefined;
        },
      },
    });
  }, [controller, flow, element]);
  useEffect(() => {
    controllers.set(store, controller);
    return () => {
      if (controllers.get(store) === controller) controllers.delete(store);
    };
  }, [store, controller]);
  useEffect(() => {
    controller.mount();
    return () => controller.destroy();
  }, [controller]);
  return controller;
}

export function Canvas() {
  const store = useEditorStore();
  const element = useRef<HTMLDivElement>(null);
  const controller = useController(store, element);
  const flow = useReactFlow();
  const snap = useSyncExternalStore(controller.subscribe, controller.getSnapshot);
  // During and after a run each connector shows the last value that passed it (issue 10).
  // Labels follow at most LABEL_MS apart (each label change re-measures its text): with hundreds of
  // connectors a per-batch update would keep the main thread busy.
  const counters = useThrottled(useEditor((s) => s.run.connectors ?? NO_CONNECTORS), snap.edges.length > LABEL_MANY ? LABEL_MANY_MS : LABEL_MS);
  const labelled = useRef(new WeakMap<Edge, { counter: unknown; edge: Edge }>());
  const edges = useMemo(
    () =>
      snap.edges.map((e) => {
        const c = counters[runtimeConnectorId(e.id)];
        if (!c) return e;
        // An edge whose counter did not change keeps its identity (React Flow re-renders changed edges only).
        const cached = labelled.current.get(e);
        if (cached && cached.counter === c) return cached.edge;
        const edge = { ...e, type: 'value', label: formatProbeValue(c.last), ariaLabel: `${e.ariaLabel ?? ''}, last value ${formatProbeValue(c.last, 80)}, ${c.count} values` };
        labelled.current.set(e, { counter: c, edge });
        return edge;
      }),
    [snap.edges, counters],
  );
  // The reason the last hovered handle refused a connection (read when the drag ends; not render state).
  const refusal = useRef<string | null>(null);

  const isValidConnection: IsValidConnection = useCallback(
    (c) => {
      refusal.current = controller.connectionProblem(c);
      return refusal.current === null;
    },
    [controller],
  );
  const onConnectEnd = useCallback(
    (_e: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (!state.isValid && state.toHandle && refusal.current) store.getState().notify('error', refusal.current);
      refusal.current = null;
    },
    [store],
  );
  const onConnect = useCallback((c: Connection) => controller.connect(c), [controller]);
  const onDelete = useCallback(({ nodes, edges }: { nodes: ComponentFlowNode[]; edges: Edge[] }) => controller.remove(nodes, edges), [controller]);

  const onDragOver = useCallback((e: DragEvent) => {
    if (e.dataTransfer.types.includes(PALETTE_MIME)) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    }
  }, []);
  // A drop places the component where the user dropped it (their choice, not the placement rule).
  const onDrop = useCallback(
    (e: DragEvent) => {
      const type = e.dataTransfer.getData(PALETTE_MIME);
      if (!type) return;
      e.preventDefault();
      const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      store.getState().addComponent(type, { x: p.x - 90, y: p.y - 30 });
    },
    [flow, store],
  );

  const onKeyDown = useCallback(
    (e: KeyboardEvent) => {
      if (e.key === 'Escape' && controller.getSnapshot().pending) {
        controller.portKey('', 'input', 'Escape');
        return;
      }
      const mod = e.ctrlKey || e.metaKey;
      if (!mod) return;
      const key = e.key.toLowerCase();
      if (key === 'c') store.getState().copySelection();
      else if (key === 'v') controller.paste();
      else if (key === 'a') {
        e.preventDefault();
        store.getState().select(store.getState().config?.process.components.map((c) => c.name) ?? []);
      }
    },
    [store, controller],
  );

  return (
    <CanvasControllerContext.Provider value={controller}>
      <div ref={element} className="canvas" onDragOver={onDragOver} onDrop={onDrop} onKeyDown={onKeyDown} data-readonly={snap.readOnly} data-settled={snap.settled}>
        {snap.readOnly && (
          <div className="canvas__banner" role="status">
            Canvas is read-only: the YAML has errors (see Problems). It shows the last valid model.
          </div>
        )}
        {snap.pending && (
          <div className="canvas__banner canvas__banner--info" role="status" aria-live="polite">
            Connecting from {snap.pending.ref} ({snap.pending.side}): focus {snap.pending.side === 'output' ? 'an input' : 'an output'} port and press Enter. Esc cancels.
          </div>
        )}
        <ReactFlow<ComponentFlowNode>
          nodes={snap.nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={controller.onNodesChange}
          onEdgesChange={controller.onEdgesChange}
          onConnect={onConnect}
          onConnectEnd={onConnectEnd}
          onDelete={onDelete}
          isValidConnection={isValidConnection}
          connectionMode={ConnectionMode.Loose}
          deleteKeyCode={['Backspace', 'Delete']}
          nodesDraggable={!snap.readOnly}
          nodesConnectable={!snap.readOnly}
          nodesFocusable
          colorMode={snap.theme}
          fitView
          minZoom={0.1}
          proOptions={{ hideAttribution: true }}
        >
          <Background gap={16} />
          <MiniMap pannable zoomable ariaLabel="Minimap" style={{ width: 150, height: 96 }} />
          <Controls />
          <Panel position="top-right">
            <ProbePanel edges={snap.edges} />
          </Panel>
        </ReactFlow>
      </div>
    </CanvasControllerContext.Provider>
  );
}
