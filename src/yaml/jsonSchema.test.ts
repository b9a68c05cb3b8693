import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { appendixCatalog } from '../model/testing/appendixCatalog.ts';
import { fixtureNames, readFixture } from './fixtures.test.ts';
import { plugboardJsonSchema } from './jsonSchema.ts';

type S = Record<string, unknown>;

/** Minimal draft-07 checker for the keywords the schema uses; returns error paths. */
function check(schema: S, value: unknown, root: S, path = ''): string[] {
  if (typeof schema['$ref'] === 'string') return check((root['definitions'] as S)[(schema['$ref'] as string).split('/').pop()!] as S, value, root, path);
  const errs: string[] = [];
  const t = schema['type'];
  if (t !== undefined) {
    const types = Array.isArray(t) ? t : [t];
    const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value === 'number' ? (Number.isInteger(value) ? 'integer' : 'number') : typeof value;
    if (!types.some((x) => x === actual || (x === 'number' && actual === 'integer'))) return [`${path}: type ${actual} not ${types.join('|')}`];
  }
  if (Array.isArray(schema['enum']) && !schema['enum'].includes(value)) errs.push(`${path}: not in enum`);
  if ('const' in schema && schema['const'] !== value) errs.push(`${path}: not const`);
  if (typeof schema['pattern'] === 'string' && typeof value === 'string' && !new RegExp(schema['pattern']).test(value)) errs.push(`${path}: pattern`);
  if (Array.isArray(schema['anyOf']) && !schema['anyOf'].some((s) => check(s as S, value, root, path).length === 0)) errs.push(`${path}: anyOf`);
  for (const s of (schema['allOf'] as S[] | undefined) ?? []) {
    if (s['if'] && check(s['if'] as S, value, root, path).length === 0) errs.push(...check(s['then'] as S, value, root, path));
  }
  if (Array.isArray(value) && schema['items']) value.forEach((v, i) => errs.push(...check(schema['items'] as S, v, root, `${path}[${i}]`)));
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const props = (schema['properties'] as Record<string, S> | undefined) ?? {};
    for (const r of (schema['required'] as string[] | undefined) ?? []) if (!(r in value)) errs.push(`${path}.${r}: required`);
    for (const [k, v] of Object.entries(value)) {
      if (props[k]) errs.push(...check(props[k], v, root, `${path}.${k}`));
      else if (schema['additionalProperties'] === false) errs.push(`${path}.${k}: additional`);
      else if (typeof schema['additionalProperties'] === 'object') errs.push(...check(schema['additionalProperties'] as S, v, root, `${path}.${k}`));
    }
  }
  return errs;
}

const schema = plugboardJsonSchema(appendixCatalog());

describe('plugboardJsonSchema', () => {
  it.each(fixtureNames())('%s validates against the schema', (name) => {
    expect(check(schema, parse(readFixture(name), { version: '1.1' }), schema)).toEqual([]);
  });

  it('rejects extras where Plugboard forbids them and checks per-type args', () => {
    const process = (schema['definitions'] as S)['process'] as S;
    const doc = (extra: string) => parse(`args:\n  components:\n  - type: hello_world.A\n    args: {name: a${extra}}\n`);
    expect(check(process, doc(''), schema)).toEqual(['.args.components[0].args.iters: required']);
    expect(check(process, doc(', iters: x'), schema)).toEqual(['.args.components[0].args.iters: type string not integer']);
    expect(check(process, doc(', iters: 2'), schema)).toEqual([]);
    expect(check(process, doc(', iters: 2, resources: {disk: 1}'), schema)).toEqual(['.args.components[0].args.resources: anyOf']);
    expect(check(schema, parse('plugboard:\n  process:\n    typo: 1\n    args: {components: []}\n'), schema)).toEqual(['.plugboard.process: anyOf']);
    expect(check(schema, parse('plugboard:\n  process:\n    args:\n      components: []\n      connectors: [{source: a.b.c, target: b.x}]\n'), schema)).toEqual(['.plugboard.process: anyOf']);
  });

  it('lists component types with descriptions', () => {
    const type = ((schema['definitions'] as S)['component'] as { properties: { type: { anyOf: S[] } } }).properties.type.anyOf[0]!;
    expect(type['enum']).toContain('plugboard.library.file_io.FileWriter');
    expect((type['enumDescriptions'] as string[]).length).toBe((type['enum'] as string[]).length);
  });
});
