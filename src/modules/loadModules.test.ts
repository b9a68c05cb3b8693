import { describe, expect, it } from 'vitest';
import { createEmptyRegistry } from '../runtime/registry.ts';
import { loadModules, locateModuleError, mapModuleStack } from './loadModules.ts';

const doubler = [
  "import { componentClass, defineComponent, port, arg } from 'plugboard';", // 1
  '', // 2
  'export class Double extends componentClass({', // 3
  "  description: 'y = factor × x',", // 4
  '  inputs: { x: port<number>() },', // 5
  '  outputs: { y: port<number>() },', // 6
  '  args: { factor: arg.number({ default: 2 }) },', // 7
  '}) {', // 8
  '  override step(): void {', // 9
  "    if (this.in.x < 0) throw new Error('negative input');", // 10
  '    this.out.y = this.args.factor * this.in.x;', // 11
  '  }', // 12
  '}', // 13
  '', // 14
  'export const Offset = defineComponent({', // 15
  "  inputs: ['a'], outputs: ['x'],", // 16
  '  step: ({ a }) => ({ x: (a as number) + 1 }),', // 17
  '});', // 18
  'export const notAComponent = 42;', // 19
].join('\n');

describe('loadModules', () => {
  it('registers exported components as <module>.<Export> with their ports and args', () => {
    const registry = createEmptyRegistry();
    const { diagnostics, types } = loadModules([{ file: 'my_math.ts', source: doubler }], registry);
    expect(diagnostics).toEqual([]);
    expect(types.map((t) => t.type)).toEqual(['my_math.Double', 'my_math.Offset']);
    const double = registry.lookup('my_math.Double')!;
    expect(double).toMatchObject({ module: 'my_math', className: 'Double', inputs: ['x'], outputs: ['y'], description: 'y = factor × x' });
    expect(double.args).toEqual([{ name: 'factor', kind: 'number', required: false, default: 2 }]);
    expect(registry.lookup('my_math.Offset')).toMatchObject({ inputs: ['a'], outputs: ['x'] });
  });

  it('runs a component and maps an error thrown in step to the module line', () => {
    const registry = createEmptyRegistry();
    loadModules([{ file: 'my_math.ts', source: doubler }], registry);
    const Double = registry.resolve('my_math.Double')!;
    const instance = new Double({ name: 'd' }) as unknown as { in: { x: number }; out: { y: number }; step(): void };
    instance.in.x = 3;
    instance.step();
    expect(instance.out.y).toBe(6);
    instance.in.x = -1;
    let caught: unknown;
    try {
      instance.step();
    } catch (error) {
      caught = error;
    }
    expect(locateModuleError(caught)).toEqual({ file: 'my_math.ts', line: 10, column: 30 });
    expect(mapModuleStack((caught as Error).stack!)).toMatch(/my_math\.ts:10:30/);
  });

  it('replaces a library type of the same name', () => {
    const registry = createEmptyRegistry();
    loadModules([{ file: 'hello_ray.ts', source: "import { componentClass } from 'plugboard';\nexport class Sleep extends componentClass({ inputs: ['x'], outputs: ['y'] }) {}\n" }], registry);
    loadModules([{ file: 'hello_ray.ts', source: "import { componentClass } from 'plugboard';\nexport class Sleep extends componentClass({ inputs: ['x', 'z'], outputs: ['y'] }) {}\n" }], registry);
    expect(registry.lookup('hello_ray.Sleep')?.inputs).toEqual(['x', 'z']);
  });

  it('does not evaluate anything when a module does not compile', () => {
    const registry = createEmptyRegistry();
    const { diagnostics, types } = loadModules(
      [
        { file: 'ok.ts', source: "import { componentClass } from 'plugboard';\nexport class A extends componentClass({ outputs: ['x'] }) {}\n" },
        { file: 'broken.ts', source: 'export const = 1;\n' },
      ],
      registry,
    );
    expect(types).toEqual([]);
    expect(registry.list()).toEqual([]);
    expect(diagnostics[0]).toMatchObject({ code: 'module-syntax', file: 'broken.ts', range: { start: { line: 1 } } });
  });
});
