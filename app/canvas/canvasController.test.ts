// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { createEditorStore, initEditorStore } from '../store/createEditorStore.ts';
import type { Layout } from '../document/core.ts';
import { createCanvasController, type CanvasDeps } from './canvasController.ts';
import { estimateSize } from './autoLayout.ts';

const MODEL = `plugboard:
  process:
    args:
      components:
      - type: hello_world.A
        args: {name: a, iters: 3}
      - type: hello_world.B
        args: {name: b, path: b.txt}
      connectors:
      - {source: a.out_1, target: b.in_1}
`;

function setup(text = MODEL, options: { layout?: CanvasDeps['layout'] } = {}) {
  const store = initEditorStore(createEditorStore({ initialText: text, parseDelayMs: 0 }));
  let release: ((l: Layout) => void) | null = null;
  const layout = vi.fn(options.layout ?? (() => new Promise<Layout>((r) => (release = r))));
  const renders: (() => void)[] = [];
  const fitView = vi.fn();
  const controller = createCanvasController({
    store,
    layout,
    view: { fitView, center: () => ({ x: 300, y: 100 }) },
    afterRender: (fn) => {
      renders.push(fn);
      return () => undefined;
    },
  });
  controller.mount();
  return { store, controller, layout, fitView, release: (l: Layout) => release!(l), drawn: () => renders.splice(0).forEach((f) => f()) };
}

const tick = () => new Promise((r) => setTimeout(r, 0));
type R = { x: number; y: number; width: number; height: number };
const overlap = (a: R, b: R) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const rects = (nodes: { id: string; position: { x: number; y: number }; data: { inputs: readonly string[]; outputs: readonly string[] } }[]) =>
  nodes.map((n) => ({ id: n.id, ...n.position, ...estimateSize(n.data.inputs.length, n.data.outputs.length) }));
function expectNoOverlap(nodes: Parameters<typeof rects>[0]) {
  const rs = rects(nodes);
  for (let i = 0; i < rs.length; i++) for (let j = i + 1; j < rs.length; j++) expect(overlap(rs[i]!, rs[j]!), `${rs[i]!.id} overlaps ${rs[j]!.id}`).toBe(false);
}

describe('canvas controller', () => {
  it('is settled only after the layout arrived and the view was fitted (state, not a counter)', async () => {
    const t = setup();
    expect(t.layout).toHaveBeenCalledTimes(1);
    expect(t.controller.getSnapshot().settled).toBe(false);
    t.release({ a: { x: 0, y: 0 }, b: { x: 300, y: 0 } });
    await tick();
    expect(t.controller.getSnapshot().nodes.map((n) => n.position)).toEqual([{ x: 0, y: 0 }, { x: 300, y: 0 }]);
    expect(t.controller.getSnapshot().settled).toBe(false); // positions arrived, the fit has not run
    expect(t.fitView).not.toHaveBeenCalled();
    t.drawn();
    expect(t.fitView).toHaveBeenCalledTimes(1);
    expect(t.controller.getSnapshot().settled).toBe(true);
    expect(t.store.getState().text).not.toContain('plugboard-studio:layout'); // automatic layout is view-only
  });

  it('runs the Auto layout command through the same path and writes the layout block', async () => {
    const t = setup();
    t.release({ a: { x: 0, y: 0 }, b: { x: 300, y: 0 } });
    await tick();
    t.drawn();
    t.controller.autoLayout();
    expect(t.layout).toHaveBeenCalledTimes(2);
    expect(t.controller.getSnapshot().settled).toBe(false);
    t.release({ a: { x: 10, y: 10 }, b: { x: 400, y: 10 } });
    await tick();
    t.drawn();
    expect(t.controller.getSnapshot().settled).toBe(true);
    expect(t.store.getState().text).toContain('# plugboard-studio:layout {"a":[10,10],"b":[400,10]}');
  });

  it('keeps node identity for unrelated store changes and never mutates a node', async () => {
    const t = setup(MODEL + '# plugboard-studio:layout {"a":[0,0],"b":[300,0]}\n');
    const before = t.controller.getSnapshot();
    t.store.getState().notify('info', 'hello');
    expect(t.controller.getSnapshot()).toBe(before);
    const [a, b] = before.nodes;
    t.controller.onNodesChange([{ type: 'dimensions', id: 'b', dimensions: { width: 190, height: 90 } }]);
    const after = t.controller.getSnapshot().nodes;
    expect(after[0]).toBe(a);
    expect(after[1]).not.toBe(b);
    expect(after[1]!.measured).toEqual({ width: 190, height: 90 });
    expect(b!.measured).toBeUndefined();
  });

  it('places palette additions, pastes and YAML-added components in free space near the view centre', async () => {
    const t = setup(MODEL + '# plugboard-studio:layout {"a":[200,60],"b":[420,60]}\n');
    for (let i = 0; i < 4; i++) t.store.getState().addComponent('hello_world.A', t.controller.placeNew('hello_world.A'));
    expectNoOverlap(t.controller.getSnapshot().nodes);
    t.store.getState().select(['a', 'b']);
    t.store.getState().copySelection();
    t.controller.paste();
    expect(t.controller.getSnapshot().nodes).toHaveLength(8);
    expectNoOverlap(t.controller.getSnapshot().nodes);
    // A component typed into the YAML without a position.
    t.store.getState().setText(t.store.getState().text.replace('      connectors:', '      - type: hello_world.A\n        args: {name: typed, iters: 1}\n      connectors:'), 'yaml');
    t.store.getState().flushParse();
    await tick();
    expect(t.controller.getSnapshot().nodes.map((n) => n.id)).toContain('typed');
    expectNoOverlap(t.controller.getSnapshot().nodes);
    expect(t.controller.getSnapshot().settled).toBe(true);
    expect(t.layout).not.toHaveBeenCalled();
  });

  it('builds a connector from the keyboard: Enter on an output, Enter on an input; Escape cancels', () => {
    const t = setup(MODEL.replace('      connectors:\n      - {source: a.out_1, target: b.in_1}\n', '      connectors: []\n') + '# plugboard-studio:layout {"a":[0,0],"b":[300,0]}\n');
    expect(t.store.getState().config?.process.connectors).toHaveLength(0);
    expect(t.controller.portKey('a.out_1', 'output', 'Enter')).toBe(true);
    expect(t.controller.getSnapshot().pending).toEqual({ ref: 'a.out_1', side: 'output' });
    expect(t.controller.portKey('b.in_1', 'input', 'Escape')).toBe(true);
    expect(t.controller.getSnapshot().pending).toBeNull();
    t.controller.portKey('b.in_1', 'input', 'Enter'); // starting from the input works too
    t.controller.portKey('a.out_1', 'output', ' ');
    expect(t.controller.getSnapshot().pending).toBeNull();
    expect(t.store.getState().config?.process.connectors.map((c) => `${c.source.entity}.${c.source.descriptor}->${c.target.entity}.${c.target.descriptor}`)).toEqual(['a.out_1->b.in_1']);
    expect(t.controller.getSnapshot().edges).toHaveLength(1);
  });

  it('previews a drag in the view and commits one move on drop', () => {
    const t = setup(MODEL + '# plugboard-studio:layout {"a":[0,0],"b":[300,0]}\n');
    const text = t.store.getState().text;
    t.controller.onNodesChange([{ type: 'position', id: 'b', position: { x: 310, y: 40 }, dragging: true }]);
    expect(t.controller.getSnapshot().nodes[1]!.position).toEqual({ x: 310, y: 40 });
    expect(t.store.getState().text).toBe(text); // a preview only
    t.controller.onNodesChange([{ type: 'position', id: 'b', position: { x: 320, y: 80 }, dragging: true }]);
    t.controller.onNodesChange([{ type: 'position', id: 'b', dragging: false }]);
    expect(t.store.getState().layout).toEqual({ a: { x: 0, y: 0 }, b: { x: 320, y: 80 } });
    t.store.getState().undo();
    expect(t.store.getState().layout).toEqual({ a: { x: 0, y: 0 }, b: { x: 300, y: 0 } });
  });

  it('stops listening on destroy and catches up when mounted again (React effects may re-run)', () => {
    const t = setup(MODEL + '# plugboard-studio:layout {"a":[0,0],"b":[300,0]}\n');
    const listener = vi.fn();
    t.controller.subscribe(listener);
    t.controller.destroy();
    t.store.getState().select(['a']);
    expect(listener).not.toHaveBeenCalled();
    t.controller.mount();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(t.controller.getSnapshot().nodes[0]!.selected).toBe(true);
    t.store.getState().select(['b']);
    expect(t.controller.getSnapshot().nodes[1]!.selected).toBe(true);
  });
});

describe('a component renamed in the YAML text keeps its place', () => {
  it('takes the old name\'s position and size: no new layout, no placement elsewhere', async () => {
    const { store, controller, layout, release, drawn } = setup();
    release({ a: { x: 10, y: 20 }, b: { x: 300, y: 20 } });
    await tick();
    drawn();
    expect(layout).toHaveBeenCalledTimes(1);
    controller.onNodesChange([{ type: 'dimensions', id: 'b', dimensions: { width: 210, height: 96 } }]);
    store.getState().setText(store.getState().text.replace('name: b,', 'name: bee,').replace('b.in_1', 'bee.in_1'), 'yaml');
    await new Promise((r) => setTimeout(r, 20));
    expect(store.getState().config?.process.components.map((c) => c.name)).toEqual(['a', 'bee']);
    await tick();
    const node = controller.getSnapshot().nodes.find((n) => n.id === 'bee');
    expect(node?.position).toEqual({ x: 300, y: 20 });
    expect(node?.measured).toEqual({ width: 210, height: 96 }); // drawn at its size: no re-measure pass
    expect(layout).toHaveBeenCalledTimes(1);
    expect(controller.getSnapshot().settled).toBe(true);
  });
});
