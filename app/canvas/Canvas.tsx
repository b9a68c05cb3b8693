import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import {
  Background,
  ConnectionMode,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  applyNodeChanges,
  type Connection,
  type Edge,
  type EdgeChange,
  type FinalConnectionState,
  type NodeChange,
  type IsValidConnection,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useEditor, useEditorStore } from '../store/EditorStoreContext.tsx';
import type { EditorState } from '../store/createEditorStore.ts';
import { ComponentNode } from './ComponentNode.tsx';
import { createFlowCache, isInputHandle, portOfHandle, toFlowEdges, toFlowNodes, type ComponentFlowNode } from './toFlow.ts';
import { autoLayout, estimateSize } from './autoLayout.ts';

const nodeTypes = { component: ComponentNode };
export const PALETTE_MIME = 'application/x-plugboard-type';

const selConfig = (s: EditorState) => s.config;
const selLayout = (s: EditorState) => s.layout;
const selAuto = (s: EditorState) => s.autoPositions;
const selSelection = (s: EditorState) => s.selection;
const selCatalog = (s: EditorState) => s.catalog;
const selValid = (s: EditorState) => s.isTextValid;
const selTheme = (s: EditorState) => s.theme;
const selLayoutRequest = (s: EditorState) => s.layoutRequest;

/** Decides whether a drag between two handles may become a connector; returns the reason if not. */
function connectionProblem(c: Connection | Edge): string | null {
  const fromInput = isInputHandle(c.sourceHandle);
  const toInput = isInputHandle(c.targetHandle);
  if (fromInput && toInput) return 'Cannot connect an input to an input: drag from an output (right side) to an input (left side).';
  if (!fromInput && !toInput) return 'Cannot connect an output to an output: drag from an output (right side) to an input (left side).';
  return null;
}

/** Normalises a loose-mode connection to source = output, target = input, as `entity.field` refs. */
function toRefs(c: Connection | Edge): { source: string; target: string } {
  const fromInput = isInputHandle(c.sourceHandle);
  const out = fromInput ? { node: c.target, handle: c.targetHandle } : { node: c.source, handle: c.sourceHandle };
  const inp = fromInput ? { node: c.source, handle: c.sourceHandle } : { node: c.target, handle: c.targetHandle };
  return { source: `${out.node}.${portOfHandle(out.handle)}`, target: `${inp.node}.${portOfHandle(inp.handle)}` };
}

export function Canvas() {
  const store = useEditorStore();
  const config = useEditor(selConfig);
  const layout = useEditor(selLayout);
  const autoPositions = useEditor(selAuto);
  const selection = useEditor(selSelection);
  const catalog = useEditor(selCatalog);
  const isValid = useEditor(selValid);
  const theme = useEditor(selTheme);
  const layoutRequest = useEditor(selLayoutRequest);
  const flow = useReactFlow();
  const cache = useRef(createFlowCache());
  const [drag, setDrag] = useState<Record<string, { x: number; y: number }> | null>(null);
  const [selectedEdges, setSelectedEdges] = useState<ReadonlySet<string>>(new Set());
  const refusal = useRef<string | null>(null);
  // Auto-layouts in flight or a pending fit: the view is about to move (tests wait for 'settled').
  const [busy, setBusy] = useState(0);

  const positions = useMemo(() => ({ ...autoPositions, ...layout, ...drag }), [autoPositions, layout, drag]);
  const selectionSet = useMemo(() => new Set(selection), [selection]);
  const nodes = useMemo(
    () => toFlowNodes(config, positions, selectionSet, catalog, cache.current, (i) => ({ x: 80 + (i % 4) * 260, y: 80 + Math.floor(i / 4) * 180 })),
    [config, positions, selectionSet, catalog],
  );
  const edges = useMemo(() => toFlowEdges(config, cache.current, selectedEdges), [config, selectedEdges]);
  const [measuredNodes, setMeasuredNodes] = useState<ComponentFlowNode[]>(nodes);
  useEffect(() => setMeasuredNodes(nodes), [nodes]);
  // Fit the view once React Flow has the laid-out nodes (after an auto-layout).
  const pendingFit = useRef(false);
  useEffect(() => {
    if (!pendingFit.current) return;
    pendingFit.current = false;
    let fired = false;
    const id = setTimeout(() => {
      fired = true;
      void flow.fitView({ padding: 0.12, duration: 0 });
      setBusy((n) => n - 1);
    }, 30);
    return () => {
      if (fired) return;
      clearTimeout(id);
      pendingFit.current = true; // nodes changed again first: fit after the next render
    };
  }, [measuredNodes, flow]);

  const sizeOf = useCallback(
    (name: string) => {
      const n = flow.getNode(name);
      if (n?.measured?.width && n.measured.height) return { width: n.measured.width, height: n.measured.height };
      const d = cache.current.nodes.get(name)?.node.data;
      return estimateSize(d?.inputs.length ?? 1, d?.outputs.length ?? 1);
    },
    [flow],
  );

  // A model without a layout block (pasted or opened YAML) gets laid out automatically (view only).
  const missing = useMemo(() => (config ? config.process.components.filter((c) => !(c.name in layout) && !(c.name in autoPositions)).map((c) => c.name) : []), [config, layout, autoPositions]);
  useEffect(() => {
    if (!config || missing.length === 0) return;
    let cancelled = false;
    if (Object.keys(layout).length === 0) {
      setBusy((n) => n + 1);
      void autoLayout(config, sizeOf)
        .then((p) => {
          if (!cancelled) {
            pendingFit.current = true;
            setBusy((n) => n + 1);
            store.getState().setAutoPositions(p, false);
          }
        })
        .finally(() => setBusy((n) => n - 1));
    } else {
      const xs = Object.values(layout).map((p) => p.x);
      const right = Math.max(...xs) + 260;
      store.getState().setAutoPositions(Object.fromEntries(missing.map((n, i) => [n, { x: right, y: 80 + i * 160 }])), false);
    }
    return () => {
      cancelled = true;
    };
  }, [config, missing, layout, sizeOf, store, flow]);

  // The "Auto layout" command: lay out everything and write it into the layout block (one undo step).
  const lastRequest = useRef(layoutRequest);
  useEffect(() => {
    if (layoutRequest === lastRequest.current || !config) return;
    lastRequest.current = layoutRequest;
    setBusy((n) => n + 1);
    void autoLayout(config, sizeOf)
      .then((p) => {
        pendingFit.current = true;
        setBusy((n) => n + 1);
        store.getState().setAutoPositions(p, true);
      })
      .finally(() => setBusy((n) => n - 1));
  }, [layoutRequest, config, sizeOf, store, flow]);

  const onNodesChange = useCallback(
    (changes: NodeChange<ComponentFlowNode>[]) => {
      const kept = changes.filter((c) => c.type === 'dimensions');
      if (kept.length) {
        for (const c of kept) {
          const hit = c.type === 'dimensions' && c.dimensions ? cache.current.nodes.get(c.id) : undefined;
          if (hit && c.type === 'dimensions' && c.dimensions) hit.node.measured = { ...c.dimensions };
        }
        setMeasuredNodes((ns) => applyNodeChanges(kept, ns));
      }
      const moves: Record<string, { x: number; y: number }> = {};
      let dragging = false;
      let dropped = false;
      let selectionChanged = false;
      const sel = new Set(store.getState().selection);
      for (const c of changes) {
        if (c.type === 'position' && c.position) {
          moves[c.id] = c.position;
          if (c.dragging) dragging = true;
          else dropped = true;
        } else if (c.type === 'position' && c.dragging === false) dropped = true;
        else if (c.type === 'select') {
          selectionChanged = true;
          if (c.selected) sel.add(c.id);
          else sel.delete(c.id);
        }
      }
      if (dragging) setDrag((d) => ({ ...d, ...moves }));
      if (dropped) {
        setDrag((d) => {
          const final = { ...d, ...moves };
          if (Object.keys(final).length) store.getState().moveComponents(final);
          return null;
        });
      }
      if (selectionChanged) store.getState().select([...sel]);
    },
    [store],
  );

  const onEdgesChange = useCallback((changes: EdgeChange[]) => {
    const sel = changes.filter((c) => c.type === 'select');
    if (sel.length === 0) return;
    setSelectedEdges((prev) => {
      const next = new Set(prev);
      for (const c of sel) if (c.type === 'select') (c.selected ? next.add(c.id) : next.delete(c.id));
      return next;
    });
  }, []);

  const isValidConnection: IsValidConnection = useCallback((c) => {
    refusal.current = connectionProblem(c);
    return refusal.current === null;
  }, []);

  const onConnect = useCallback(
    (c: Connection) => {
      const { source, target } = toRefs(c);
      store.getState().connect(source, target);
    },
    [store],
  );

  const onConnectEnd = useCallback(
    (_e: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      if (!state.isValid && state.toHandle && refusal.current) store.getState().notify('error', refusal.current);
      refusal.current = null;
    },
    [store],
  );

  const onDelete = useCallback(
    ({ nodes: ns, edges: es }: { nodes: ComponentFlowNode[]; edges: Edge[] }) => {
      const connectors = es.map((e) => e.data as { source: string; target: string });
      store.getState().removeComponents(ns.map((n) => n.id), connectors);
      setSelectedEdges(new Set());
    },
    [store],
  );

  const onDragOver = useCallback((e: DragEvent) => {
    if (e.dataTransfer.types.includes(PALETTE_MIME)) {
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    }
  }, []);
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
      const mod = e.ctrlKey || e.metaKey;
      if (!mod) return;
      const key = e.key.toLowerCase();
      if (key === 'c') store.getState().copySelection();
      else if (key === 'v') store.getState().paste();
      else if (key === 'a') {
        e.preventDefault();
        store.getState().select(store.getState().config?.process.components.map((c) => c.name) ?? []);
      } else return;
    },
    [store],
  );

  return (
    <div className="canvas" onDragOver={onDragOver} onDrop={onDrop} onKeyDown={onKeyDown} data-readonly={!isValid} data-settled={busy <= 0 && missing.length === 0}>
      {!isValid && (
        <div className="canvas__banner" role="status">
          Canvas is read-only: the YAML has errors (see Problems). It shows the last valid model.
        </div>
      )}
      <ReactFlow<ComponentFlowNode>
        nodes={measuredNodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        onDelete={onDelete}
        isValidConnection={isValidConnection}
        connectionMode={ConnectionMode.Loose}
        deleteKeyCode={['Backspace', 'Delete']}
        nodesDraggable={isValid}
        nodesConnectable={isValid}
        colorMode={theme}
        fitView
        minZoom={0.1}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={16} />
        <MiniMap pannable zoomable ariaLabel="Minimap" style={{ width: 150, height: 96 }} />
        <Controls />
      </ReactFlow>
    </div>
  );
}
