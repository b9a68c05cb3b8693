import { describe, expect, it } from 'vitest';
import { compileModule } from './compileModule.ts';
import { evaluateModules } from './evaluateModules.ts';

const source = [
  "import { base } from 'plugboard';", // 1
  'export interface Shape { readonly a: number }', // 2
  'export class Thrower {', // 3
  '  private readonly label: string = "x";', // 4
  '  step(value: number): void {', // 5
  '    const doubled: number = value * base;', // 6
  "    if (doubled > 1) throw new Error('too big: ' + this.label);", // 7
  '  }', // 8
  '}', // 9
].join('\n');

describe('compileModule', () => {
  it('strips types and keeps line numbers', () => {
    const result = compileModule({ file: 'shapes.ts', source });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.module.code).not.toContain('interface');
    expect(result.module.code.split('\n').findIndex((l) => l.includes('too big'))).toBe(6);
  });

  it('reports a syntax error with file, line and column', () => {
    const result = compileModule({ file: 'broken.ts', source: 'export const a = 1;\nexport const b = ;\n' });
    expect(result.ok).toBe(false);
    const [d] = result.diagnostics;
    expect(d).toMatchObject({ code: 'module-syntax', file: 'broken.ts', severity: 'error' });
    expect(d?.range?.start).toMatchObject({ line: 2, column: 18 });
  });

  it('rejects a file name that cannot be a Python-style module', () => {
    const result = compileModule({ file: 'my-module.ts', source: '' });
    expect(result.diagnostics[0]?.code).toBe('module-file-name');
  });
});

describe('evaluateModules', () => {
  it('maps a runtime error back to the TypeScript line and column', () => {
    const result = compileModule({ file: 'shapes.ts', source });
    if (!result.ok) throw new Error('compile failed');
    const { exports, locator, diagnostics } = evaluateModules([result.module], { plugboard: { base: 2 } });
    expect(diagnostics).toEqual([]);
    const Thrower = exports.get('shapes.ts')!.Thrower as new () => { step(v: number): void };
    let caught: unknown;
    try {
      new Thrower().step(1);
    } catch (error) {
      caught = error;
    }
    expect(locator.locate(caught)).toEqual({ file: 'shapes.ts', line: 7, column: source.split('\n')[6]!.indexOf('new Error') + 1 });
    expect(locator.mapStack((caught as Error).stack!)).toContain('shapes.ts:7:');
  });

  it('lets modules import each other and reports a failing top level at its line', () => {
    const a = compileModule({ file: 'a.ts', source: "import { two } from './b';\nexport const four = two * 2;\n" });
    const b = compileModule({ file: 'b.ts', source: 'export const two = 2;\n' });
    const c = compileModule({ file: 'c.ts', source: "const ok = 1;\nthrow new Error('nope');\n" });
    if (!a.ok || !b.ok || !c.ok) throw new Error('compile failed');
    const { exports, diagnostics } = evaluateModules([a.module, b.module, c.module], {});
    expect(exports.get('a.ts')?.four).toBe(4);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'module-load-error', file: 'c.ts', range: { start: { line: 2, column: 7 } } });
  });

  it('refuses imports other than plugboard and sibling modules', () => {
    const a = compileModule({ file: 'a.ts', source: "import fs from 'fs';\nexport const x = fs;\n" });
    if (!a.ok) throw new Error('compile failed');
    const { diagnostics } = evaluateModules([a.module], { plugboard: {} });
    expect(diagnostics[0]?.message).toContain("Cannot import 'fs'");
  });
});
