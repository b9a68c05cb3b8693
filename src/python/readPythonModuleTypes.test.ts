import { describe, expect, it } from 'vitest';
import { readPythonModuleTypes } from './readPythonModuleTypes.ts';
import { pythonFixture } from './testing.node.ts';

describe('readPythonModuleTypes (static, without running the module)', () => {
  it('reads the upstream hello_ray.py: ports, args, docstrings', () => {
    const types = readPythonModuleTypes(pythonFixture('004_using_ray__hello_ray.py'));
    expect(types.map((t) => [t.info.type, t.info.inputs, t.info.outputs, t.openPorts])).toEqual([
      ['hello_ray.Iterator', [], ['x'], false],
      ['hello_ray.Sleep', ['x'], ['y'], false],
      ['hello_ray.Timestamper', ['x', 'y'], ['timestamp'], false],
    ]);
    expect(types[1]!.info.args).toEqual([{ name: 'sleep_seconds', kind: 'number', required: true }]);
    expect(types[1]!.info.description).toBe('Passes through input to output after a delay.');
  });

  it('multi-line IO and defaults (production_line.py); events make a type open (hello_events.py)', () => {
    const line = readPythonModuleTypes(pythonFixture('fundamentals__002_production_line_optimisation__production_line.py'));
    const stockpile = line.find((t) => t.info.className === 'InputStockpile')!;
    expect(stockpile.info.inputs).toEqual(['incoming_items', 'machine1_running', 'machine2_running']);
    expect(stockpile.info.outputs).toEqual(['size', 'storage_cost']);
    expect(line.find((t) => t.info.className === 'Input')!.info.args).toEqual([
      { name: 'items_per_step', kind: 'integer', required: false, default: 10 },
      { name: 'total_steps', kind: 'integer', required: false, default: 1000 },
    ]);
    const events = readPythonModuleTypes(pythonFixture('005_events__hello_events.py'));
    expect(events.map((t) => [t.info.className, t.openPorts])).toEqual([
      ['Random', false],
      ['FindHighLowValues', true],
      ['CollectHigh', true],
      ['CollectLow', true],
    ]);
  });
});
