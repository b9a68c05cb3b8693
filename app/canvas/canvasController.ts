/**
 * The canvas's behaviour, framework-free (the @xyflow/system idea): one controller per canvas with
 * `mount`/`update`/`destroy`, a snapshot for the thin React binding (`Canvas.tsx`), and one subscription to
 * the editor store with a shallow selector. It owns what is only the view's: drag previews, selected
 * connectors, measured node sizes, the keyboard connection in progress, and whether the view is
 * settled (no layout or fit about to move nodes; e2e waits for `data-settled`).
 *
 * Node identity: `toFlowNodes` reuses node objects whose signature is unchanged and builds new ones
 * otherwise; measured sizes live in a map here, so no node object is ever mutated.
 *
 * Placement: every new node without a chosen position (palette add, paste, components the YAML adds
 * without one) goes to the free spot nearest the view centre (`placement.ts`). Layout: one path,
 * `runLayout`, for a model without a layout block (view only) and for the Auto layout command
 * (written into the layout block as one undo step).
 */
import type { Connection, Edge, EdgeChange, NodeChange } from '@xyflow/react';
import type { ConfigSpec, TypeCatalog } from '../../src/index.ts';
import type { Layout, Position } from '../document/core.ts';
import type { EditorState, EditorStore } from '../store/createEditorStore.ts';
import { estimateSize } from './autoLayout.ts';
import { boundsOf, placeAll, type Rect, type Size } from './placement.ts';
import { createFlowCache, isInputHandle, portOfHandle, toFlowEdges, toFlowNodes, type ComponentFlowNode, type MeasuredSizes } from './toFlow.ts';

/** What the controller needs from the drawn view (React Flow), given once it exists. */
export interface CanvasView {
  /** Fits the view to all nodes. */
  fitView(): void;
  /** The centre of the visible canvas in flow coordinates (undefined before the first layout). */
  center(): Position | undefined;
}

export interface CanvasDeps {
  readonly store: EditorStore;
  /** Lays out a whole model (elkjs in a worker in the app; a stub in tests). */
  readonly layout: (config: ConfigSpec, sizeOf: (name: string) => Size) => Promise<Layout>;
  readonly view?: CanvasView;
  /** Runs `fn` once the view has drawn the current nodes (default: after 30 ms). */
  readonly afterRender?: (fn: () => void) => () => void;
}

/** A port the user started a keyboard connection from. */
export interface PendingPort {
  readonly ref: string;
  readonly side: 'input' | 'output';
}

export interface CanvasSnapshot {
  readonly nodes: ComponentFlowNode[];
  readonly edges: Edge[];
  /** True when no auto-layout or fit is pending and every component has a position. */
  readonly settled: boolean;
  readonly readOnly: boolean;
  readonly theme: EditorState['theme'];
  readonly pending: PendingPort | null;
}

export interface CanvasController {
  getSnapshot(): CanvasSnapshot;
  subscribe(listener: () => void): () => void;
  update(deps: Partial<Pick<CanvasDeps, 'view' | 'afterRender'>>): void;
  /** Stops listening to the store and drops pending layout results. */
  destroy(): void;
  /** Starts listening to the store (again after `destroy`: React effects may re-run); no-op while live. */
  mount(): void;
  onNodesChange(changes: NodeChange<ComponentFlowNode>[]): void;
  onEdgesChange(changes: EdgeChange[]): void;
  /** Why a drag between two handles may not become a connector, or null. */
  connectionProblem(c: Connection | Edge): string | null;
  connect(c: Connection): void;
  remove(nodes: readonly ComponentFlowNode[], edges: readonly Edge[]): void;
  /** Keyboard on a port handle: Enter/Space starts a connection or completes it; Escape cancels. */
  portKey(ref: string, side: 'input' | 'output', key: string): boolean;
  /** Where a new component of `type` goes (the placement rule). */
  placeNew(type: string): Position | undefined;
  /** Pastes the clipboard into free space near the view centre. */
  paste(): void;
  /** The Auto layout command: lays out everything and writes it into the layout block (one undo step). */
  autoLayout(): void;
}

/** The store fields the canvas draws from; compared shallowly. */
interface Inputs {
  readonly config: ConfigSpec | null;
  readonly layout: Layout;
  readonly autoPositions: Layout;
  readonly selection: readonly string[];
  readonly catalog: TypeCatalog;
  readonly isTextValid: boolean;
  readonly theme: EditorState['theme'];
}

const pick = (s: EditorState): Inputs => ({
  config: s.config,
  layout: s.layout,
  autoPositions: s.autoPositions,
  selection: s.selection,
  catalog: s.catalog,
  isTextValid: s.isTextValid,
  theme: s.theme,
});

function shallowEqual<T extends object>(a: T, b: T): boolean {
  return (Object.keys(a) as (keyof T)[]).every((k) => Object.is(a[k], b[k]));
}

/** Grid for components drawn before any layout exists (only until the first layout arrives). */
const gridPosition = (i: number): Position => ({ x: 80 + (i % 4) * 260, y: 80 + Math.floor(i / 4) * 180 });

/** Normalises a loose-mode connection to source = output, target = input, as `entity.field` refs. */
function toRefs(c: Connection | Edge): { source: string; target: string } {
  const fromInput = isInputHandle(c.sourceHandle);
  const out = fromInput ? { node: c.target, handle: c.targetHandle } : { node: c.source, handle: c.sourceHandle };
  const inp = fromInput ? { node: c.source, handle: c.sourceHandle } : { node: c.target, handle: c.targetHandle };
  return { source: `${out.node}.${portOfHandle(out.handle)}`, target: `${inp.node}.${portOfHandle(inp.handle)}` };
}

const defaultAfterRender = (fn: () => void) => {
  const id = setTimeout(fn, 30);
  return () => clearTimeout(id);
};

export function createCanvasController(initial: CanvasDeps): CanvasController {
  const { store } = initial;
  let deps: CanvasDeps = initial;
  const cache = createFlowCache();
  let inputs = pick(store.getState());
  let drag: Layout | null = null;
  let selectedEdges: ReadonlySet<string> = new Set();
  let measured: MeasuredSizes = new Map();
  /** 'layout': a layout is computing; 'fit': positions arrived, the view fits once they are drawn. */
  let phase: 'idle' | 'layout' | 'fit' = 'idle';
  let pending: PendingPort | null = null;
  let layoutToken = 0;
  let cancelFit: (() => void) | null = null;
  /** Not listening (before `mount`, after `destroy`): creating a controller has no side effects. */
  let destroyed = true;
  let placing = false;
  const listeners = new Set<() => void>();
  let snapshot: CanvasSnapshot;

  const positions = (): Layout => ({ ...inputs.autoPositions, ...inputs.layout, ...drag });
  const missing = (): string[] => {
    const placed = { ...inputs.autoPositions, ...inputs.layout };
    return inputs.config ? inputs.config.process.components.map((c) => c.name).filter((n) => !(n in placed)) : [];
  };

  function sizeOf(name: string): Size {
    const m = measured.get(name);
    if (m) return m;
    const d = cache.nodes.get(name)?.node.data;
    return estimateSize(d?.inputs.length ?? 1, d?.outputs.length ?? 1);
  }

  function occupied(except: ReadonlySet<string> = new Set()): Rect[] {
    return Object.entries(positions())
      .filter(([name]) => !except.has(name))
      .map(([name, p]) => ({ ...p, ...sizeOf(name) }));
  }

  function center(): Position {
    const c = deps.view?.center();
    if (c) return c;
    const b = boundsOf(occupied());
    return b ? { x: b.x + b.width / 2, y: b.y + b.height / 2 } : { x: 300, y: 200 };
  }

  function build(): CanvasSnapshot {
    const nodes = toFlowNodes(inputs.config, positions(), new Set(inputs.selection), inputs.catalog, cache, gridPosition, measured);
    const edges = toFlowEdges(inputs.config, cache, selectedEdges);
    const settled = phase === 'idle' && missing().length === 0;
    const next = { nodes, edges, settled, readOnly: !inputs.isTextValid, theme: inputs.theme, pending };
    return snapshot && shallowEqual(next, snapshot) ? snapshot : next;
  }

  function emit(): void {
    const next = build();
    if (next === snapshot) return;
    snapshot = next;
    for (const l of listeners) l();
  }

  /**
   * Positions for components renamed in the text: a missing name at the index where the previous
   * model had a name that is gone keeps that name's place (typing a name must not move the node, nor
   * lay out the whole model again).
   */
  function renamedPositions(names: readonly string[], before: ConfigSpec | null): Record<string, Position> {
    const now = inputs.config;
    if (!before || !now) return {};
    const placed = positions();
    const present = new Set(now.process.components.map((c) => c.name));
    const want = new Set(names);
    const out: Record<string, Position> = {};
    let sizes: Map<string, { width: number; height: number }> | null = null;
    now.process.components.forEach((c, i) => {
      const old = before.process.components[i]?.name;
      if (!want.has(c.name) || old === undefined || present.has(old) || !placed[old]) return;
      out[c.name] = placed[old];
      // Its measured size too: the node is drawn at its size at once, and React Flow, finding the
      // size it was given, reports no change (no second pass over every node).
      const size = measured.get(old);
      if (size && !measured.has(c.name)) (sizes ??= new Map(measured)).set(c.name, size);
    });
    if (sizes) measured = sizes;
    return out;
  }

  /** Gives every component without a position one: a full layout when nothing is placed yet, else the placement rule. */
  function ensurePositions(): void {
    if (placing || phase !== 'idle' || !inputs.config) return;
    const names = missing();
    if (names.length === 0) return;
    if (Object.keys(inputs.layout).length === 0) {
      runLayout(false);
      return;
    }
    placing = true;
    queueMicrotask(() => {
      placing = false;
      if (destroyed) return;
      const still = missing();
      if (still.length === 0) return;
      const spots = placeAll(still.map(sizeOf), center(), occupied(new Set(still)));
      store.getState().setAutoPositions(Object.fromEntries(still.map((n, i) => [n, spots[i]!])), false);
    });
  }

  /** The one layout path: lay out the whole model; `commit` writes it into the layout block. */
  function runLayout(commit: boolean): void {
    const config = inputs.config;
    if (!config) return;
    const token = ++layoutToken;
    cancelFit?.();
    phase = 'layout';
    emit();
    deps
      .layout(config, sizeOf)
      .then((p) => {
        if (destroyed || token !== layoutToken) return;
        phase = 'fit';
        store.getState().setAutoPositions(p, commit);
        cancelFit = (deps.afterRender ?? defaultAfterRender)(() => {
          cancelFit = null;
          if (destroyed || token !== layoutToken) return;
          deps.view?.fitView();
          phase = 'idle';
          emit();
        });
      })
      .catch((e: unknown) => {
        if (destroyed || token !== layoutToken) return;
        phase = 'idle';
        store.getState().notify('error', `Auto layout failed: ${e instanceof Error ? e.message : String(e)}`);
        emit();
      });
  }

  function onStore(state: EditorState): void {
    const next = pick(state);
    if (shallowEqual(next, inputs)) return;
    const before = inputs.config;
    if (next.config !== before) pending = null;
    inputs = next;
    if (next.config !== before && next.config) {
      // A renamed component takes its old place before anything is drawn (no jump, no re-layout).
      // (Set after this store update has reached every listener; drawn in the same frame.)
      const kept = renamedPositions(missing(), before);
      if (Object.keys(kept).length > 0) {
        queueMicrotask(() => {
          if (destroyed) return;
          const still = Object.fromEntries(Object.entries(kept).filter(([n]) => missing().includes(n)));
          if (Object.keys(still).length > 0) store.getState().setAutoPositions(still, false);
          else ensurePositions();
        });
        return;
      }
    }
    emit();
    ensurePositions();
  }

  let unsubscribe = () => {};
  snapshot = build();

  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    update(partial) {
      deps = { ...deps, ...partial };
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      layoutToken++;
      cancelFit?.();
      cancelFit = null;
      phase = 'idle';
      unsubscribe();
    },
    mount() {
      if (!destroyed) return;
      destroyed = false;
      unsubscribe = store.subscribe(onStore);
      onStore(store.getState());
      emit();
      ensurePositions();
    },

    onNodesChange(changes) {
      let sizes: Map<string, { width: number; height: number }> | null = null;
      const moves: Record<string, Position> = {};
      let dragging = false;
      let dropped = false;
      let selectionChanged = false;
      const sel = new Set(store.getState().selection);
      for (const c of changes) {
        if (c.type === 'dimensions' && c.dimensions) {
          const old = measured.get(c.id);
          if (old?.width === c.dimensions.width && old.height === c.dimensions.height) continue;
          sizes ??= new Map(measured);
          sizes.set(c.id, { width: c.dimensions.width, height: c.dimensions.height });
        } else if (c.type === 'position' && (c.position || c.dragging === false)) {
          if (c.position) moves[c.id] = c.position;
          if (c.dragging) dragging = true;
          else dropped = true;
        } else if (c.type === 'select') {
          selectionChanged = true;
          if (c.selected) sel.add(c.id);
          else sel.delete(c.id);
        }
      }
      if (sizes) measured = sizes;
      if (dragging) drag = { ...drag, ...moves };
      if (dropped) {
        const final = { ...drag, ...moves };
        drag = null;
        if (Object.keys(final).length) store.getState().moveComponents(final);
      }
      if (selectionChanged) store.getState().select([...sel]);
      emit();
    },

    onEdgesChange(changes) {
      const sel = changes.filter((c) => c.type === 'select');
      if (sel.length === 0) return;
      const next = new Set(selectedEdges);
      for (const c of sel) if (c.type === 'select') (c.selected ? next.add(c.id) : next.delete(c.id));
      selectedEdges = next;
      emit();
    },

    connectionProblem(c) {
      const fromInput = isInputHandle(c.sourceHandle);
      const toInput = isInputHandle(c.targetHandle);
      if (fromInput && toInput) return 'Cannot connect an input to an input: drag from an output (right side) to an input (left side).';
      if (!fromInput && !toInput) return 'Cannot connect an output to an output: drag from an output (right side) to an input (left side).';
      return null;
    },

    connect(c) {
      const { source, target } = toRefs(c);
      store.getState().connect(source, target);
    },

    remove(nodes, edges) {
      const connectors = edges.map((e) => e.data as { source: string; target: string });
      store.getState().removeComponents(
        nodes.map((n) => n.id),
        connectors,
      );
      selectedEdges = new Set();
      emit();
    },

    portKey(ref, side, key) {
      if (key === 'Escape') {
        if (!pending) return false;
        pending = null;
        emit();
        return true;
      }
      if (key !== 'Enter' && key !== ' ') return false;
      if (!inputs.isTextValid) return false;
      if (pending && pending.side !== side) {
        const [source, target] = side === 'input' ? [pending.ref, ref] : [ref, pending.ref];
        pending = null;
        emit();
        store.getState().connect(source, target);
        return true;
      }
      pending = pending?.ref === ref ? null : { ref, side };
      emit();
      return true;
    },

    placeNew(type) {
      const info = inputs.catalog.lookup(type);
      const size = estimateSize(info?.inputs.length ?? 1, info?.outputs.length ?? 1);
      return placeAll([size], center(), occupied())[0];
    },

    autoLayout() {
      runLayout(true); // setAutoPositions refuses (and says why) when the YAML has errors
    },

    paste() {
      const clip = store.getState().clipboard;
      if (!clip || clip.components.length === 0) return;
      const sizes = clip.components.map((c) => {
        const info = inputs.catalog.lookup(c.type);
        return { ...c.position, ...estimateSize(info?.inputs.length ?? 1, info?.outputs.length ?? 1) };
      });
      const group = boundsOf(sizes)!;
      const [spot] = placeAll([group], center(), occupied());
      store.getState().paste({ x: spot!.x - group.x, y: spot!.y - group.y });
    },
  };
}
