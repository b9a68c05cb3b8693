import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { DECLARATION_COMPILER_OPTIONS, generatePlugboardDeclarations, renderDeclarationsModule } from './declarations.node.ts';
import { PLUGBOARD_DECLARATIONS } from './plugboardTypes.generated.ts';
import { existsSync } from 'node:fs';
import { EXAMPLE_MODULE_FILES, toExampleModule } from '../examples.ts';
import { createStubModules } from '../createStubModules.ts';

const generatedPath = fileURLToPath(new URL('./plugboardTypes.generated.ts', import.meta.url));

/** Type-checks one user module against the shipped declarations, as Monaco would. */
function typeCheck(source: string): { line: number; message: string }[] {
  const files = new Map<string, string>(Object.entries(PLUGBOARD_DECLARATIONS).map(([p, t]) => [`/node_modules/plugboard/${p}`, t]));
  files.set('/modules/user.ts', source);
  const options = { ...DECLARATION_COMPILER_OPTIONS, noEmit: true };
  const host = ts.createCompilerHost(options);
  const fallbackRead = host.readFile.bind(host);
  const fallbackExists = host.fileExists.bind(host);
  host.readFile = (f) => files.get(f) ?? fallbackRead(f);
  host.fileExists = (f) => files.has(f) || fallbackExists(f);
  host.directoryExists = (d) => [...files.keys()].some((f) => f.startsWith(`${d}/`)) || ts.sys.directoryExists(d);
  host.getSourceFile = (f, v) => {
    const text = files.get(f) ?? fallbackRead(f);
    return text === undefined ? undefined : ts.createSourceFile(f, text, v);
  };
  const program = ts.createProgram(['/modules/user.ts'], options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => ({
    line: d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0,
    message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  }));
}

describe('plugboard declarations for Monaco', () => {
  it('are up to date with src/modules/api/plugboard.ts', () => {
    const text = renderDeclarationsModule(generatePlugboardDeclarations());
    if (process.env.UPDATE_PLUGBOARD_TYPES) writeFileSync(generatedPath, text);
    const upToDate = readFileSync(generatedPath, 'utf8') === text;
    expect(upToDate, 'plugboardTypes.generated.ts is stale: run UPDATE_PLUGBOARD_TYPES=1 npx vitest run src/modules/api').toBe(true);
  });

  it('type-check a correct module and mark a wrong one at the right line', () => {
    const good = [
      "import { componentClass, defineComponent, port, arg } from 'plugboard';",
      'export class Double extends componentClass({',
      '  inputs: { x: port<number>() }, outputs: { y: port<number>() },',
      '  args: { factor: arg.number({ default: 2 }) },',
      '}) {',
      '  override step() { this.out.y = this.args.factor * this.in.x; }',
      '}',
      'export const Offset = defineComponent({',
      '  inputs: { a: port<number>() }, outputs: { x: port<number>() },',
      '  step: ({ a }) => ({ x: a + 1 }),',
      '});',
    ].join('\n');
    expect(typeCheck(good)).toEqual([]);
    const bad = good.replace('this.out.y = this.args.factor * this.in.x', "this.out.y = 'text'");
    const errors = typeCheck(bad);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line: 6 });
  });
});

describe('the user-facing declarations', () => {
  it('leave out the runtime internals (@internal members)', () => {
    const all = Object.values(PLUGBOARD_DECLARATIONS).join('\n');
    expect(all).not.toContain('@internal');
    for (const member of ['ioClosed', 'queuedEvents', 'statusListener', 'setStatus', 'assignedInputs']) expect(all).not.toMatch(new RegExp(`\\b${member}\\b`));
  });

  it('make user code that touches runtime internals a type error', () => {
    const source = [
      "import { componentClass, port } from 'plugboard';",
      'export class Peek extends componentClass({ type: "m.Peek", description: "", outputs: { y: port<number>() } }) {',
      '  override step() { this.out.y = this.queuedEvents.length; }',
      '}',
    ].join('\n');
    expect(typeCheck(source)).toMatchObject([{ line: 3, message: expect.stringContaining('queuedEvents') }]);
  });
});

describe('what users see in Monaco accepts what runs', () => {
  const libraryFile = (file: string) => fileURLToPath(new URL(`../../library/${file}`, import.meta.url));
  it.each(EXAMPLE_MODULE_FILES.filter((f) => existsSync(libraryFile(f))))('example %s type-checks', (file) => {
    expect(typeCheck(toExampleModule(file, readFileSync(libraryFile(file), 'utf8')).source)).toEqual([]);
  });

  it('a generated stub type-checks', () => {
    const plan = createStubModules(
      [{ type: 'line.Controller', module: 'line', className: 'Controller', inputs: ['size'], outputs: ['should_run'], args: [{ name: 'threshold', kind: 'integer', required: true }], components: ['c'] }],
      [],
    );
    expect(typeCheck(plan.modules[0]!.source)).toEqual([]);
  });
});
