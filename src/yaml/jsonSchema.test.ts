import { Ajv, type ErrorObject } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { appendixCatalog } from '../model/testing/appendixCatalog.ts';
import { fixtureNames, readFixture } from './fixtures.node.ts';
import { plugboardJsonSchema } from './jsonSchema.ts';

type S = Record<string, unknown>;

const schema = plugboardJsonSchema(appendixCatalog());

// ajv validates draft-07 as monaco-yaml does. Strict mode rejects unknown keywords (a typo in the
// schema fails here), except the editor-only annotations declared below. strictTypes is off: an
// `if/then` branch may constrain `required` without repeating `type: object`, as draft-07 allows.
const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
for (const keyword of ['enumDescriptions', 'markdownEnumDescriptions']) ajv.addKeyword(keyword);
const validate = ajv.compile(schema);

/** `path keyword` of every error, e.g. `/plugboard/process/args/components/0/args/iters type`. */
function errorsOf(value: unknown): string[] {
  return validate(value) ? [] : (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath} ${e.keyword}`);
}

const componentDoc = (args: string) =>
  parse(`plugboard:\n  process:\n    args:\n      components:\n      - type: hello_world.A\n        args: {name: a${args}}\n`);
const ARGS = '/plugboard/process/args/components/0/args';

describe('plugboardJsonSchema', () => {
  it.each(fixtureNames())('%s validates against the schema', (name) => {
    expect(errorsOf(parse(readFixture(name), { version: '1.1' }))).toEqual([]);
  });

  it('checks per-type args: required, typed, and accepted when right', () => {
    expect(errorsOf(componentDoc(''))).toContain(`${ARGS} required`);
    expect(validate.errors?.find((e) => e.keyword === 'required')?.params).toEqual({ missingProperty: 'iters' });
    expect(errorsOf(componentDoc(', iters: x'))).toContain(`${ARGS}/iters type`);
    expect(errorsOf(componentDoc(', iters: 2'))).toEqual([]);
  });

  it('rejects extras where Plugboard forbids them', () => {
    expect(errorsOf(componentDoc(', iters: 2, resources: {disk: 1}'))).toContain(`${ARGS}/resources additionalProperties`);
    expect(errorsOf(parse('plugboard:\n  process:\n    typo: 1\n    args: {components: [{type: x, args: {name: a}}]}\n'))).toContain(
      '/plugboard/process additionalProperties',
    );
    expect(errorsOf(parse('plugboard:\n  nope: 1\n  process: {args: {components: [{type: x, args: {name: a}}]}}\n'))).toContain('/plugboard additionalProperties');
  });

  it('checks connector sockets and component names against the Plugboard patterns', () => {
    const connectors = (source: string) =>
      parse(`plugboard:\n  process:\n    args:\n      components: [{type: x, args: {name: a}}]\n      connectors: [{source: ${source}, target: b.x}]\n`);
    expect(errorsOf(connectors('a.b.c'))).toContain('/plugboard/process/args/connectors/0/source pattern');
    expect(errorsOf(connectors('a-1.out'))).toEqual([]);
    expect(errorsOf(parse('plugboard:\n  process:\n    args:\n      components: [{type: x, args: {name: 1a}}]\n'))).toContain(
      '/plugboard/process/args/components/0/args/name pattern',
    );
  });

  it('lists component types with descriptions', () => {
    const type = ((schema['definitions'] as S)['component'] as { properties: { type: { anyOf: S[] } } }).properties.type.anyOf[0]!;
    expect(type['enum']).toContain('plugboard.library.file_io.FileWriter');
    expect((type['enumDescriptions'] as string[]).length).toBe((type['enum'] as string[]).length);
  });
});
