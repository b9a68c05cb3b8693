// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import type { RunEvent, RunResult, StartRun } from '../../src/index.ts';
import { createEditorStore, initEditorStore, type EditorDeps } from './createEditorStore.ts';
import { emptyText } from '../document/core.ts';
import { fileContent } from '../runner/downloads.ts';
import { minimalEdit } from '../yaml-editor/minimalEdit.ts';
import { DEFAULT_EXAMPLE } from '../examples/examples.ts';

const RAY = DEFAULT_EXAMPLE.text;

function editor(text = emptyText(), deps: EditorDeps = {}) {
  return initEditorStore(createEditorStore({ initialText: text, parseDelayMs: 0, ...deps }));
}

const names = (s: ReturnType<typeof editor>) => s.getState().config?.process.components.map((c) => c.name);
const connectors = (s: ReturnType<typeof editor>) =>
  s.getState().config?.process.connectors.map((c) => `${c.source.entity}.${c.source.descriptor}->${c.target.entity}.${c.target.descriptor}`);

describe('document slice', () => {
  it('loads the Ray tutorial model', () => {
    const s = editor(RAY);
    expect(s.getState().isTextValid).toBe(true);
    expect(names(s)).toEqual(['input', 'slow-sleep', 'very-slow-sleep', 'timestamper', 'save-results']);
    expect(s.getState().config?.process.type).toBe('plugboard.process.RayProcess');
  });

  it('adds a component from the palette as one undo step, with a unique name and a position', () => {
    const s = editor();
    const a = s.getState().addComponent('hello_ray.Sleep', { x: 10, y: 20 });
    const b = s.getState().addComponent('hello_ray.Sleep', { x: 300, y: 20 });
    expect([a, b]).toEqual(['sleep', 'sleep-2']);
    expect(names(s)).toEqual(['sleep', 'sleep-2']);
    expect(s.getState().layout['sleep-2']).toEqual({ x: 300, y: 20 });
    expect(s.getState().text).toContain('type: hello_ray.Sleep');
    s.getState().undo();
    expect(names(s)).toEqual(['sleep']);
    s.getState().redo();
    expect(names(s)).toEqual(['sleep', 'sleep-2']);
  });

  it('connects, refuses duplicates, and undoes/redoes a connector', () => {
    const s = editor();
    s.getState().addComponent('hello_ray.Iterator');
    s.getState().addComponent('hello_ray.Sleep');
    expect(s.getState().connect('iterator.x', 'sleep.x')).toBe(true);
    expect(connectors(s)).toEqual(['iterator.x->sleep.x']);
    expect(s.getState().connect('iterator.x', 'sleep.x')).toBe(false);
    expect(s.getState().notice?.message).toMatch(/already connected/);
    s.getState().undo();
    expect(connectors(s)).toEqual([]);
    s.getState().redo();
    expect(connectors(s)).toEqual(['iterator.x->sleep.x']);
  });

  it('renames a component: connectors and layout follow, comments stay', () => {
    const s = editor(RAY);
    s.getState().moveComponents({ input: { x: 1, y: 2 } });
    expect(s.getState().renameComponent('input', 'source')).toBe(true);
    expect(connectors(s)).toContain('source.x->slow-sleep.x');
    expect(s.getState().layout['source']).toEqual({ x: 1, y: 2 });
    expect(s.getState().text).toContain('# (1)!');
  });

  it('sets args; typing in one field is one undo step', () => {
    const s = editor(RAY);
    const before = s.getState().text;
    s.getState().setArg('input', 'iters', 1);
    s.getState().setArg('input', 'iters', 12);
    expect(s.getState().config?.process.components[0]?.args['iters']).toBe(12);
    s.getState().undo();
    expect(s.getState().text).toBe(before);
  });

  it('a YAML typing burst is one undo step; invalid YAML keeps the last model and blocks canvas edits', () => {
    const s = editor(RAY);
    const before = s.getState().text;
    s.getState().setText(before.replace('iters: 10', 'iters: 1'), 'yaml');
    s.getState().setText(before.replace('iters: 10', 'iters: 12'), 'yaml');
    s.getState().flushParse();
    expect(s.getState().config?.process.components[0]?.args['iters']).toBe(12);
    s.getState().setText(before.replace('iters: 10', 'iters: [12'), 'yaml');
    s.getState().flushParse();
    expect(s.getState().isTextValid).toBe(false);
    expect(s.getState().diagnostics.some((d) => d.severity === 'error' && d.range)).toBe(true);
    expect(names(s)).toHaveLength(5); // last valid model kept
    expect(s.getState().addComponent('hello_ray.Sleep')).toBeNull();
    expect(s.getState().notice?.message).toMatch(/YAML has errors/);
    s.getState().undo();
    expect(s.getState().text).toBe(before);
  });

  it('removes components with their connectors in one step', () => {
    const s = editor(RAY);
    s.getState().removeComponents(['timestamper']);
    expect(names(s)).not.toContain('timestamper');
    expect(connectors(s)).toEqual(['input.x->slow-sleep.x', 'input.x->very-slow-sleep.x']);
    s.getState().undo();
    expect(connectors(s)).toHaveLength(5);
  });

  it('copies and pastes a selection with fresh names and internal connectors', () => {
    const s = editor(RAY);
    s.getState().select(['input', 'slow-sleep']);
    s.getState().copySelection();
    s.getState().paste();
    expect(names(s)).toContain('input-2');
    expect(names(s)).toContain('slow-sleep-2');
    expect(connectors(s)).toContain('input-2.x->slow-sleep-2.x');
    expect(s.getState().selection).toEqual(['input-2', 'slow-sleep-2']);
  });

  it('switches the process mode through the YAML', () => {
    const s = editor(RAY);
    s.getState().setProcessMode('local');
    expect(s.getState().config?.process.type).toBe('plugboard.process.LocalProcess');
    expect(s.getState().text).not.toContain('RayConnector');
  });

  it('syncs a 200-component model (canvas edit -> YAML -> model)', () => {
    const lines = ['plugboard:', '  process:', '    args:', '      components:'];
    for (let i = 0; i < 200; i++) lines.push(`      - type: ${i % 2 ? 'hello_ray.Sleep' : 'hello_ray.Iterator'}`, '        args:', `          name: c${i}`, i % 2 ? '          sleep_seconds: 1' : '          iters: 10');
    lines.push('      connectors:');
    for (let i = 0; i + 1 < 200; i += 2) lines.push(`      - source: c${i}.x`, `        target: c${i + 1}.x`);
    const s = editor(lines.join('\n') + '\n');
    expect(names(s)).toHaveLength(200);
    const t1 = performance.now();
    s.getState().setArg('c51', 'sleep_seconds', 2);
    const oneEdit = performance.now() - t1;
    expect(s.getState().config?.process.components[51]?.args['sleep_seconds']).toBe(2);
    const name = s.getState().addComponent('hello_ray.Sleep');
    expect(names(s)).toHaveLength(201);
    expect(s.getState().connect('c0.x', `${name}.x`)).toBe(true);
    const t2 = performance.now();
    s.getState().setText(s.getState().text.replace('sleep_seconds: 2', 'sleep_seconds: 3'), 'yaml');
    s.getState().flushParse();
    const oneParse = performance.now() - t2;
    console.log(`200 components: one canvas edit ${oneEdit.toFixed(1)} ms, one YAML edit ${oneParse.toFixed(1)} ms`);
    expect(s.getState().config?.process.components[51]?.args['sleep_seconds']).toBe(3);
  });
});

describe('run slice', () => {
  function fakeRun(): { start: StartRun; emit: (e: RunEvent[]) => void; finish: (r: Partial<RunResult>) => void; cancelled: () => boolean } {
    let emit: (e: RunEvent[]) => void = () => {};
    let resolve: (r: RunResult) => void = () => {};
    let cancelled = false;
    return {
      start: (_req, onEvents) => {
        emit = (e) => onEvents(e);
        return { done: new Promise<RunResult>((r) => (resolve = r)), cancel: () => (cancelled = true) };
      },
      emit: (e) => emit(e),
      finish: (r) => resolve({ status: 'completed', files: {}, startedAt: 0, endedAt: 1, ...r }),
      cancelled: () => cancelled,
    };
  }

  it('folds statuses, steps, rows and files; offers partial CSV during the run', async () => {
    const f = fakeRun();
    const s = editor(RAY, { startRun: f.start });
    s.getState().startRun();
    expect(s.getState().run.phase).toBe('running');
    f.emit([
      { kind: 'component-status', t: 1, component: 'input', status: 'running' },
      { kind: 'step', component: 'input', index: 0, start: 1, end: 2, lane: 'worker:input' },
      { kind: 'file', t: 2, component: 'save-results', path: 'ray.csv', text: '', mode: 'append', header: ['timestamp'], rows: [['2024-01-01']] },
    ]);
    const run = s.getState().run;
    expect(run.components['input']).toMatchObject({ status: 'running', steps: 1 });
    expect(run.buffers.lanes).toEqual(['worker:input']);
    expect(run.files).toEqual([{ path: 'ray.csv', rows: 1, bytes: 0 }]);
    expect(fileContent(run, 'ray.csv')).toBe('timestamp\n2024-01-01\n');
    f.emit([{ kind: 'file', t: 3, component: 'save-results', path: 'ray.csv', text: 'timestamp\n2024-01-01\n', mode: 'append' }]);
    f.finish({ files: { 'ray.csv': 'timestamp\n2024-01-01\n' } });
    await new Promise((r) => setTimeout(r, 0));
    expect(s.getState().run.phase).toBe('completed');
    expect(fileContent(s.getState().run, 'ray.csv')).toBe('timestamp\n2024-01-01\n');
  });

  it('file text has one source, the streamed file events: the result only fills in a file no event reported', async () => {
    const f = fakeRun();
    const s = editor(RAY, { startRun: f.start });
    s.getState().startRun();
    f.emit([{ kind: 'file', t: 2, component: 'save-results', path: 'ray.csv', text: 'timestamp\na\n', mode: 'append', header: ['timestamp'], rows: [['a']] }]);
    f.finish({ files: { 'ray.csv': 'timestamp\nSTALE\n', 'lost.csv': 'x\n1\n2\n' } });
    await new Promise((r) => setTimeout(r, 0));
    const run = s.getState().run;
    expect(fileContent(run, 'ray.csv')).toBe('timestamp\na\n');
    expect(fileContent(run, 'lost.csv')).toBe('x\n1\n2\n');
    expect(run.files.find((x) => x.path === 'lost.csv')?.rows).toBe(2);
  });

  it("events after the host's end are dropped (hosts deliver every event before their result)", async () => {
    const f = fakeRun();
    const s = editor(RAY, { startRun: f.start });
    s.getState().startRun();
    f.emit([{ kind: 'file', t: 2, component: 'save-results', path: 'ray.csv', text: 'timestamp\na\n', mode: 'append', header: ['timestamp'], rows: [['a']] }]);
    f.finish({});
    await new Promise((r) => setTimeout(r, 0));
    const ended = s.getState().run;
    f.emit([
      { kind: 'component-status', t: 1, component: 'timestamper', status: 'failed' },
      { kind: 'file', t: 2, component: 'save-results', path: 'ray.csv', text: 'b\n', mode: 'append', rows: [['b']] },
    ]);
    expect(s.getState().run).toBe(ended);
    expect(ended.components['timestamper']?.status).toBe('completed'); // completed process: all components completed
    expect(fileContent(ended, 'ray.csv')).toBe('timestamp\na\n');
    expect(ended.buffers.output).toHaveLength(1);
  });

  it('output rows carry the time the writer received them', () => {
    const f = fakeRun();
    const s = editor(RAY, { startRun: f.start });
    s.getState().startRun();
    f.emit([
      { kind: 'file', t: 50, component: 'save-results', path: 'ray.csv', text: 'timestamp\na\nb\n', mode: 'append', header: ['timestamp'], rows: [['a'], ['b']], times: [10, 20] },
      { kind: 'file', t: 70, component: 'save-results', path: 'ray.csv', text: 'c\n', mode: 'append', rows: [['c']] },
    ]);
    expect(s.getState().run.buffers.output.map((r) => [r.t, r.values[0]])).toEqual([
      [10, 'a'],
      [20, 'b'],
      [70, 'c'],
    ]);
  });

  it("Stop shows 'stopping' at once; the run is stopped only when the host's final events and result arrive", async () => {
    const f = fakeRun();
    const s = editor(RAY, { startRun: f.start });
    const phases: string[] = [];
    s.subscribe((st, prev) => {
      if (st.run.phase !== prev.run.phase) phases.push(st.run.phase);
    });
    s.getState().startRun();
    f.emit([{ kind: 'component-status', t: 1, component: 'slow-sleep', status: 'running' }]);
    s.getState().stopRun();
    expect(f.cancelled()).toBe(true);
    expect(s.getState().run.phase).toBe('stopping');
    s.getState().startRun(); // Run is refused while the host is still stopping
    expect(s.getState().run.phase).toBe('stopping');
    // The host is slow to stop: its events keep landing meanwhile, the run stays 'stopping'.
    await new Promise((r) => setTimeout(r, 20));
    f.emit([
      { kind: 'file', t: 2, component: 'save-results', path: 'ray.csv', text: 'timestamp\na\n', mode: 'append', header: ['timestamp'], rows: [['a']] },
      { kind: 'component-status', t: 3, component: 'slow-sleep', status: 'stopped' },
      { kind: 'component-status', t: 3, component: 'input', status: 'completed' },
    ]);
    expect(s.getState().run.phase).toBe('stopping');
    expect(s.getState().runHandle).not.toBeNull();
    f.finish({ status: 'stopped' });
    await new Promise((r) => setTimeout(r, 0));
    const run = s.getState().run;
    expect(phases).toEqual(['running', 'stopping', 'stopped']);
    expect(s.getState().runHandle).toBeNull();
    expect(run.components['slow-sleep']?.status).toBe('stopped');
    expect(run.components['input']?.status).toBe('completed'); // what the host reported
    expect(run.components['timestamper']?.status).toBe('stopped'); // still active at the end
    expect(fileContent(run, 'ray.csv')).toBe('timestamp\na\n'); // rows sent while stopping are kept
  });

  it('a host that does not confirm Stop within the bound: the run ends stopped with a notice, later events are dropped', async () => {
    const f = fakeRun();
    const s = editor(RAY, { startRun: f.start, stopAnswerMs: 30 });
    s.getState().startRun();
    s.getState().stopRun();
    await new Promise((r) => setTimeout(r, 10));
    expect(s.getState().run.phase).toBe('stopping');
    await new Promise((r) => setTimeout(r, 60));
    expect(s.getState().run.phase).toBe('stopped');
    expect(s.getState().runHandle).toBeNull();
    expect(s.getState().notice?.message).toMatch(/did not confirm Stop within 30 ms/);
    const ended = s.getState().run;
    f.emit([{ kind: 'component-status', t: 1, component: 'input', status: 'failed' }]);
    f.finish({ status: 'failed', error: { name: 'Error', message: 'late' } });
    await new Promise((r) => setTimeout(r, 0));
    expect(s.getState().run).toBe(ended);
  });

  it('a failing component keeps its error', async () => {
    const f = fakeRun();
    const s = editor(RAY, { startRun: f.start });
    s.getState().startRun();
    const error = { name: 'Error', message: 'boom', component: 'timestamper' };
    f.emit([{ kind: 'component-status', t: 1, component: 'timestamper', status: 'failed', error }]);
    f.finish({ status: 'failed', error });
    await new Promise((r) => setTimeout(r, 0));
    expect(s.getState().run.phase).toBe('failed');
    expect(s.getState().run.components['timestamper']?.error?.message).toBe('boom');
  });
});

describe('minimalEdit', () => {
  it('keeps the common prefix and suffix', () => {
    expect(minimalEdit('a: 1\nb: 2\n', 'a: 1\nb: 3\n')).toEqual({ start: 8, end: 9, text: '3' });
    expect(minimalEdit('same', 'same')).toEqual({ start: 4, end: 4, text: '' });
  });
});
