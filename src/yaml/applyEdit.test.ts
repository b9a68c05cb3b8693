import { describe, expect, it } from 'vitest';
import { appendixCatalog } from '../model/testing/appendixCatalog.ts';
import { applyEdit, applyEdits, type EditResult } from './applyEdit.ts';
import { readFixture } from './fixtures.node.ts';
import { parseConfig } from './parseConfig.ts';
import { readLayout, writeLayout } from './layout.ts';
import { emptyDocumentText } from './emptyDocument.ts';

const catalog = appendixCatalog();

/** Lines removed from `a` and added in `b` (LCS line diff). */
export function lineDiff(a: string, b: string): { removed: string[]; added: string[] } {
  const x = a.split('\n');
  const y = b.split('\n');
  const dp = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
  for (let i = x.length - 1; i >= 0; i--) for (let j = y.length - 1; j >= 0; j--) dp[i]![j] = x[i] === y[j] ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
  const removed: string[] = [];
  const added: string[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) (i++, j++);
    else if (j < y.length && (i >= x.length || dp[i]![j + 1]! >= dp[i + 1]![j]!)) added.push(y[j++]!);
    else removed.push(x[i++]!);
  }
  return { removed, added };
}

function ok(r: EditResult): string {
  if (!r.ok) throw new Error(JSON.stringify(r.diagnostics));
  return r.text;
}

const hello = readFixture('001_hello_world__model.yaml');
const production = readFixture('002_production_line_optimisation__production-line.yaml');
const params = readFixture('002_complex_processes__parameters.yaml');
const ray = readFixture('004_using_ray__model-ray.yaml');
const resources = readFixture('004_using_ray__resources-example.yaml');

describe('applyEdit', () => {
  it('set-arg replaces only the value and keeps the trailing comment', () => {
    const out = ok(applyEdit(hello, { kind: 'set-arg', component: 'a', key: 'iters', value: 20 }));
    expect(lineDiff(hello, out)).toEqual({ removed: ['          iters: 10  # (2)!'], added: ['          iters: 20  # (2)!'] });
    expect(parseConfig(out).config?.process.components[0]?.args['iters']).toBe(20);
  });

  it('set-arg keeps double quotes on strings and adds new keys at the args indentation', () => {
    const out = ok(applyEdit(hello, { kind: 'set-arg', component: 'b', key: 'path', value: 'out.txt' }));
    expect(lineDiff(hello, out)).toEqual({ removed: ['          path: "./b.txt"'], added: ['          path: "out.txt"'] });
    const added = ok(applyEdit(hello, { kind: 'set-arg', component: 'b', key: 'extra', value: [1, 2] }));
    expect(lineDiff(hello, added)).toEqual({ removed: [], added: ['          extra: [1, 2]'] });
  });

  it('set-arg deletes a key and its line', () => {
    const out = ok(applyEdit(hello, { kind: 'set-arg', component: 'a', key: 'iters', value: undefined }));
    expect(lineDiff(hello, out)).toEqual({ removed: ['          iters: 10  # (2)!'], added: [] });
  });

  it('set-arg reaches into initial_values and parameters', () => {
    const out = ok(applyEdit(production, { kind: 'set-arg', component: 'stockpile', key: 'initial_values.machine1_running', value: [true] }));
    expect(lineDiff(production, out)).toEqual({ removed: ['            machine1_running: [false]'], added: ['            machine1_running: [true]'] });
    const p = ok(applyEdit(params, { kind: 'set-arg', component: 'scale_a', key: 'parameters.scale', value: 3 }));
    expect(lineDiff(params, p)).toEqual({ removed: [], added: ['          parameters:', '            scale: 3'] });
    const del = ok(applyEdit(params, { kind: 'set-arg', component: 'scale_b', key: 'parameters.scale', value: undefined }));
    expect(lineDiff(params, del)).toEqual({ removed: ['          parameters:', '            scale: 2.0'], added: [] });
  });

  it('rename-component follows string and mapping connectors, tune and layout', () => {
    const withLayout = writeLayout(production, { controller1: { x: 1, y: 2 } });
    const out = ok(applyEdit(withLayout, { kind: 'rename-component', from: 'controller1', to: 'ctl-1' }));
    const diff = lineDiff(withLayout, out);
    expect(diff.added).toEqual(['          name: ctl-1', '        target: ctl-1.stockpile_size', '      - source: ctl-1.should_run', '      - source: ctl-1.should_run', '      - source: ctl-1.should_run', '        object_name: ctl-1', '# plugboard-studio:layout {"ctl-1":[1,2]}']);
    expect(diff.removed).toHaveLength(7);
    expect(readLayout(out)).toEqual({ 'ctl-1': { x: 1, y: 2 } });
    expect(out).toContain('# Controllers to machine costs');
    const p = ok(applyEdit(params, { kind: 'rename-component', from: 'sum', to: 'total' }));
    expect(lineDiff(params, p).added).toEqual(['          name: total', '          entity: total', '          entity: total', '          entity: total']);
    const h = ok(applyEdit(hello, { kind: 'rename-component', from: 'a', to: 'source' }));
    expect(lineDiff(hello, h)).toEqual({ removed: ['          name: "a"', '      - source: "a.out_1"'], added: ['          name: "source"', '      - source: "source.out_1"'] });
  });

  it('remove-component removes its item and connectors, keeping comments', () => {
    const out = ok(applyEdit(production, { kind: 'remove-component', name: 'cost_per_unit' }));
    const diff = lineDiff(production, out);
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual(['      - type: production_line.CostPerUnit', '        args:', '          name: cost_per_unit', '      - source: total_cost.total_cost', '        target: cost_per_unit.total_cost', '      - source: output_stock.total_output', '        target: cost_per_unit.total_output']);
    expect(out).toContain('# Total cost and output to cost per unit');
    expect(parseConfig(out).config?.process.components).toHaveLength(8);
  });

  it('remove-component at the end of a file without a final newline', () => {
    const out = ok(applyEdit(hello, { kind: 'remove-component', name: 'b' }));
    expect(out.endsWith('\n')).toBe(false);
    const cfg = parseConfig(out).config;
    expect(cfg?.process.components.map((c) => c.name)).toEqual(['a']);
    expect(cfg?.process.connectors).toEqual([]);
    expect(out).toContain('connectors: []');
  });

  it('add-component and add-connector append block items in the file style', () => {
    const a = ok(applyEdit(hello, { kind: 'add-component', type: 'hello_world.B', args: { name: 'c', path: 'c.txt' } }));
    expect(lineDiff(hello, a).added).toEqual(['      - type: hello_world.B', '        args:', '          name: c', '          path: c.txt']);
    const b = ok(applyEdit(a, { kind: 'add-connector', source: { entity: 'a', descriptor: 'out_1' }, target: { entity: 'c', descriptor: 'in_1' } }));
    expect(lineDiff(a, b)).toEqual({ removed: [], added: ['      - source: "a.out_1"', '        target: "c.in_1"'] });
    const cfg = parseConfig(b, { catalog });
    expect(cfg.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const r = ok(applyEdit(resources, { kind: 'add-connector', source: { entity: 'producer', descriptor: 'output' }, target: { entity: 'gpu-task', descriptor: 'data' } }));
    expect(lineDiff(resources, r)).toEqual({ removed: [], added: ['        - source: producer.output', '          target: gpu-task.data'] });
  });

  it('remove-connector removes only its lines', () => {
    const out = ok(applyEdit(production, { kind: 'remove-connector', source: { entity: 'input', descriptor: 'items' }, target: { entity: 'stockpile', descriptor: 'incoming_items' } }));
    expect(lineDiff(production, out)).toEqual({ removed: ['      - source: input.items', '        target: stockpile.incoming_items'], added: [] });
  });

  it('set-process-mode swaps defaults both ways', () => {
    const par = ok(applyEdit(hello, { kind: 'set-process-mode', mode: 'parallel' }));
    expect(lineDiff(hello, par)).toEqual({ removed: [], added: ['    type: plugboard.process.RayProcess', '    connector_builder:', '      type: plugboard.connector.RayConnector'] });
    expect(parseConfig(par).config?.process.state.type).toBe('plugboard.state.RayStateBackend');
    const loc = ok(applyEdit(ray, { kind: 'set-process-mode', mode: 'local' }));
    expect(lineDiff(ray, loc)).toEqual({
      removed: ['    type: "plugboard.process.RayProcess"  # (1)!', '      type: "plugboard.connector.RayConnector"  # (2)!'],
      added: ['    type: "plugboard.process.LocalProcess"  # (1)!', '      type: "plugboard.connector.AsyncioConnector"  # (2)!'],
    });
    expect(ok(applyEdit(ray, { kind: 'set-process-mode', mode: 'parallel' }))).toBe(ray);
  });

  it('set-process-name adds, replaces and removes', () => {
    const a = ok(applyEdit(hello, { kind: 'set-process-name', name: 'demo' }));
    expect(lineDiff(hello, a)).toEqual({ removed: [], added: ['      name: demo'] });
    const b = ok(applyEdit(resources, { kind: 'set-process-name', name: null }));
    expect(lineDiff(resources, b)).toEqual({ removed: ['      name: resource-example-process'], added: [] });
  });

  it('rejects invalid edits with diagnostics', () => {
    const bad = applyEdit(hello, { kind: 'rename-component', from: 'a', to: 'b' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.diagnostics[0]?.code).toBe('duplicate-component-name');
    const missing = applyEdit(hello, { kind: 'remove-component', name: 'zz' });
    expect(!missing.ok && missing.diagnostics[0]?.code).toBe('not-found');
    const syntax = applyEdit('a: [', { kind: 'remove-component', name: 'zz' });
    expect(!syntax.ok && syntax.diagnostics[0]?.code).toBe('yaml-syntax');
    const ref = applyEdit(readFixture('tests_data__minimal-process-with-tune.yaml'), { kind: 'set-process-name', name: 'x' });
    expect(!ref.ok && ref.diagnostics[0]?.code).toBe('edit-process-ref');
  });
});

describe('emptyDocumentText', () => {
  it('parses with only a no-components warning and grows with edits', () => {
    const empty = emptyDocumentText();
    const parsed = parseConfig(empty, { catalog });
    expect(parsed.config?.process.components).toEqual([]);
    expect(parsed.diagnostics.map((d) => [d.code, d.severity, d.path, d.range?.start.line, d.range?.start.column])).toEqual([['no-components', 'warning', 'plugboard.process.args.components', 4, 19]]);
    const a = ok(applyEdit(empty, { kind: 'add-component', type: 'hello_world.A', args: { name: 'a', iters: 3 } }));
    const b = ok(applyEdit(a, { kind: 'add-component', type: 'hello_world.B', args: { name: 'b', path: 'b.txt' } }));
    const c = ok(applyEdit(b, { kind: 'add-connector', source: { entity: 'a', descriptor: 'out_1' }, target: { entity: 'b', descriptor: 'in_1' } }));
    expect(c).toBe(['plugboard:', '  process:', '    args:', '      components:', '      - type: hello_world.A', '        args:', '          name: a', '          iters: 3', '      - type: hello_world.B', '        args:', '          name: b', '          path: b.txt', '      connectors:', '      - source: a.out_1', '        target: b.in_1', ''].join('\n'));
    expect(parseConfig(c, { catalog }).diagnostics).toEqual([]);
    const back = ok(applyEdit(ok(applyEdit(c, { kind: 'remove-component', name: 'b' })), { kind: 'remove-component', name: 'a' }));
    expect(back).toBe(empty);
  });
});

describe('CRLF documents and batches', () => {
  it('keeps CRLF line breaks and changes only the needed lines', () => {
    const crlf = production.replace(/\n/g, '\r\n');
    const steps = applyEdits(crlf, [
      { kind: 'set-arg', component: 'input', key: 'items_per_step', value: 12 },
      { kind: 'add-connector', source: { entity: 'stockpile', descriptor: 'size' }, target: { entity: 'output_stock', descriptor: 'extra' } },
      { kind: 'remove-component', name: 'cost_per_unit' },
      { kind: 'set-arg', component: 'controller1', key: 'threshold', value: undefined },
    ]);
    expect(steps.ok).toBe(true);
    if (!steps.ok) return;
    expect(steps.text.replace(/\r\n/g, '')).not.toContain('\n');
    const lf = ok(applyEdits(production, [
      { kind: 'set-arg', component: 'input', key: 'items_per_step', value: 12 },
      { kind: 'add-connector', source: { entity: 'stockpile', descriptor: 'size' }, target: { entity: 'output_stock', descriptor: 'extra' } },
      { kind: 'remove-component', name: 'cost_per_unit' },
      { kind: 'set-arg', component: 'controller1', key: 'threshold', value: undefined },
    ]));
    expect(steps.text).toBe(lf.replace(/\n/g, '\r\n'));
    const noFinal = ok(applyEdit(hello.replace(/\n/g, '\r\n'), { kind: 'remove-component', name: 'b' }));
    expect(noFinal.endsWith('connectors: []')).toBe(true);
    expect(noFinal.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('applyEdits stops at the first failure', () => {
    const r = applyEdits(hello, [{ kind: 'remove-component', name: 'a' }, { kind: 'remove-component', name: 'a' }]);
    expect(!r.ok && r.diagnostics[0]?.code).toBe('not-found');
  });
});
