/**
 * Property tests over the 15 shared fixtures (fast-check): random mutations and edits never throw
 * (problems come back as diagnostics), unedited text re-emits byte-identically, and every edit kind
 * keeps the comments outside what it removes. 10,515 cases in all.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { createRegistry } from '../library/index.ts';
import { plugboardValidate, toMermaid, type ModelEdit } from '../model/index.ts';
import { applyEdit } from './applyEdit.ts';
import { LAYOUT_PREFIX } from './layout.ts';
import { fixtureNames, readFixture, resolveFixtureRef } from './fixtures.node.ts';
import { parseConfig } from './parseConfig.ts';
import { emitUnchanged } from './serializeConfig.ts';

const catalog = createRegistry();
const FIXTURES = fixtureNames().map((name) => ({ name, text: readFixture(name) }));
const fixture = fc.constantFrom(...FIXTURES);

/** YAML-significant characters and a few hostile ones. */
const PIECES = [':', '-', ' ', '  ', '\n', '\t', '#', '[', ']', '{', '}', ',', '&a', '*a', '<<', '!!str', '? ', '|', '>', '"', "'", '%', '@', '`', '.nan', '1e400', '\u0000', '\ufeff', 'é', '\r\n', 'name', 'type', 'components', 'connectors', '..', '/', '0x1F'];

type Mutation = { at: number; del: number; insert: string } | { kind: 'dup-line'; line: number } | { kind: 'swap-lines'; a: number; b: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ at: fc.nat(), del: fc.nat({ max: 8 }), insert: fc.array(fc.constantFrom(...PIECES), { maxLength: 4 }).map((p) => p.join('')) }),
  fc.record({ kind: fc.constant('dup-line' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('swap-lines' as const), a: fc.nat(), b: fc.nat() }),
);

function mutate(text: string, mutations: readonly Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    if ('at' in m) {
      const at = m.at % (out.length + 1);
      out = out.slice(0, at) + m.insert + out.slice(at + m.del);
    } else {
      const lines = out.split('\n');
      if (lines.length === 0) continue;
      if (m.kind === 'dup-line') {
        const i = m.line % lines.length;
        lines.splice(i, 0, lines[i]!);
      } else {
        const a = m.a % lines.length;
        const b = m.b % lines.length;
        [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      }
      out = lines.join('\n');
    }
  }
  return out;
}

const editCache = new Map<string, fc.Arbitrary<ModelEdit>>();

/** Edits built from a fixture's own names, plus some that must be refused. */
function editsFor(text: string): fc.Arbitrary<ModelEdit> {
  let arb = editCache.get(text);
  if (!arb) editCache.set(text, (arb = buildEdits(text)));
  return arb;
}

function buildEdits(text: string): fc.Arbitrary<ModelEdit> {
  const config = parseConfig(text, { resolveRef: resolveFixtureRef }).config;
  const names = config?.process.components.map((c) => c.name) ?? [];
  const conns = config?.process.connectors.filter((c) => c.mode === 'pipeline') ?? [];
  const name = names.length > 0 ? fc.constantFrom(...names) : fc.constant('nobody');
  const newName = fc.stringMatching(/^[a-z][a-z0-9_]{0,8}$/);
  const connector = conns.length > 0 ? fc.constantFrom(...conns) : fc.constant({ source: { entity: 'x', descriptor: 'y' }, target: { entity: 'z', descriptor: 'w' } });
  const port = fc.record({ entity: name, descriptor: fc.constantFrom('in_1', 'out_1', 'x', 'value') });
  return fc.oneof(
    name.map((n): ModelEdit => ({ kind: 'remove-component', name: n })),
    fc.tuple(name, newName).map(([from, to]): ModelEdit => ({ kind: 'rename-component', from, to })),
    fc.tuple(name, fc.constantFrom('iters', 'path', 'threshold', 'initial_values', 'x.y'), fc.oneof(fc.integer(), fc.string({ maxLength: 6 }), fc.constant(undefined), fc.constant([1, 2]))).map(
      ([component, key, value]): ModelEdit => ({ kind: 'set-arg', component, key, value }),
    ),
    connector.map((c): ModelEdit => ({ kind: 'remove-connector', source: c.source, target: c.target })),
    fc.tuple(port, port).map(([source, target]): ModelEdit => ({ kind: 'add-connector', source, target })),
    fc.tuple(newName, fc.constantFrom('hello_world.A', 'components.Save')).map(([n, type]): ModelEdit => ({ kind: 'add-component', type, args: { name: n, iters: 2 } })),
    fc.constantFrom<ModelEdit>({ kind: 'set-process-mode', mode: 'parallel' }, { kind: 'set-process-mode', mode: 'local' }, { kind: 'set-process-name', name: 'renamed' }, { kind: 'set-process-name', name: null }),
  );
}

/**
 * A fixture with comments everywhere an edit could hurt them: a `# note N: …` line (with a colon)
 * before every block list item, and a trailing comment on every block key.
 */
function withComments(text: string): string {
  return text
    .split('\n')
    .flatMap((line, i) => {
      const indent = /^ */.exec(line)![0];
      const body = line.slice(indent.length);
      if (body.startsWith('- ')) return [`${indent}# note ${i}: before an item`, line];
      if (/^[\w"'-]+:$/.test(body)) return [`${line}  # key ${i}: trailing`];
      return [line];
    })
    .join('\n');
}

const COMMENTED = FIXTURES.map((f) => ({ name: f.name, text: withComments(f.text) }));
const fixtureAndEdit = fc.constantFrom(...FIXTURES, ...COMMENTED).chain((f) => fc.tuple(fc.constant(f), editsFor(f.text)));

/** `# …` comments of a text with the 1-based line each is on. */
function comments(text: string): { line: number; text: string }[] {
  return text.split('\n').flatMap((l, i) => {
    const m = /(?:^|\s)(#.*)$/.exec(l);
    return m && !/["']/.test(l.slice(0, m.index)) ? [{ line: i + 1, text: m[1]!.trimEnd() }] : [];
  });
}

/** Lines an edit may legitimately drop: the removed component or connectors, and the layout block. */
const parsedCache = new Map<string, ReturnType<typeof parseConfig>>();

function removableLines(text: string, edit: ModelEdit): Set<number> {
  const lines = new Set<number>();
  let parsed = parsedCache.get(text);
  if (!parsed) parsedCache.set(text, (parsed = parseConfig(text, { resolveRef: resolveFixtureRef })));
  const process = parsed.config?.process;
  if (!process) return lines;
  const span = (path: string) => {
    const r = parsed.ranges.value.get(path);
    if (r) for (let l = r.start.line - 1; l <= r.end.line; l++) lines.add(l);
  };
  if (edit.kind === 'remove-component') {
    process.components.forEach((c, i) => c.name === edit.name && span(`plugboard.process.args.components[${i}]`));
    process.connectors.forEach((c, i) => (c.source.entity === edit.name || c.target.entity === edit.name) && span(`plugboard.process.args.connectors[${i}]`));
  }
  if (edit.kind === 'remove-connector') {
    process.connectors.forEach((c, i) => c.source.entity === edit.source.entity && c.source.descriptor === edit.source.descriptor && c.target.entity === edit.target.entity && c.target.descriptor === edit.target.descriptor && span(`plugboard.process.args.connectors[${i}]`));
  }
  if (edit.kind === 'set-arg') process.components.forEach((c, i) => c.name === edit.component && span(`plugboard.process.args.components[${i}].args.${edit.key.split('.')[0]}`));
  return lines;
}

// CI checks one fixed sample, so a landing never depends on which cases a run happened to draw;
// local runs draw new ones (a failure prints its seed and counterexample: add it as a unit test).
const SEED = process.env['CI'] ? { seed: 20261130 } : {};

describe('YAML layer properties over the fixtures', () => {
  test.prop([fixture, fc.array(mutation, { minLength: 1, maxLength: 4 })], { numRuns: 5000, ...SEED })('random mutations give diagnostics, never exceptions', (f, mutations) => {
    const text = mutate(f.text, mutations);
    const result = parseConfig(text, { catalog, file: f.name, resolveRef: resolveFixtureRef });
    for (const d of result.diagnostics) expect(typeof d.message).toBe('string');
    // What `process validate` and `process diagram` do next must not throw either.
    if (result.config) {
      expect(Array.isArray(plugboardValidate(result.config.process, catalog))).toBe(true);
      expect(toMermaid(result.config.process, catalog)).toMatch(/^flowchart/);
    }
  }, 120_000);

  /** Changes that keep a document valid: spaces at line ends, comment lines, blank lines, CRLF. */
  const benign = fc.array(fc.record({ line: fc.nat(), what: fc.constantFrom('  ', ' # c: x', '\n', '\n# note: y', '\r') }), { maxLength: 4 });
  test.prop([fixture, benign], { numRuns: 500, ...SEED })('unedited text re-emits byte-identically', (f, changes) => {
    const lines = f.text.split('\n');
    for (const c of changes) {
      const i = c.line % lines.length;
      lines[i] = lines[i] + c.what;
    }
    const text = lines.join('\n');
    expect(emitUnchanged(text)).toBe(text);
  }, 120_000);

  const mutatedAndEdit = fixture.chain((f) => fc.tuple(fc.constant(f), fc.array(mutation, { maxLength: 2 }), editsFor(f.text)));
  test.prop([mutatedAndEdit], { numRuns: 3000, ...SEED })('edits on mutated text never throw and never return unparseable YAML', ([f, mutations, edit]) => {
    const text = mutate(f.text, mutations);
    const r = applyEdit(text, edit);
    if (r.ok) expect(parseConfig(r.text).diagnostics.filter((d) => d.code === 'yaml-syntax')).toEqual([]);
    else expect(r.diagnostics.length).toBeGreaterThan(0);
  }, 120_000);

  test.prop([fc.constantFrom(...COMMENTED)], { numRuns: 15, ...SEED })('the commented fixtures are still the same models', (f) => {
    const plain = FIXTURES.find((x) => x.name === f.name)!;
    expect(parseConfig(f.text, { resolveRef: resolveFixtureRef }).config).toEqual(parseConfig(plain.text, { resolveRef: resolveFixtureRef }).config);
  });

  test.prop([fixtureAndEdit], { numRuns: 2000, ...SEED })('every edit kind keeps the comments outside what it removes', ([f, edit]) => {
    const r = applyEdit(f.text, edit);
    if (!r.ok) return;
    const drop = removableLines(f.text, edit);
    const kept = comments(r.text).map((c) => c.text);
    for (const c of comments(f.text)) if (!drop.has(c.line) && !c.text.startsWith(LAYOUT_PREFIX.trim())) expect(kept).toContain(c.text);
  }, 120_000);
});
