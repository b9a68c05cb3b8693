import { describe, expect, it } from 'vitest';
import { applyEdit } from './applyEdit.ts';
import { parseConfig } from './parseConfig.ts';

const model = (between: string) => `plugboard:
  process:
    args:
      components:
      - type: hello_world.A
        args: {name: a, iters: 3}
      - type: hello_world.B
        args: {name: b, path: b.txt}
      connectors:
${between}      - source: a.out_1
        target: b.in_1
`;

describe('applyEdit refuses rather than corrupts', () => {
  it.each([
    ['a comment with a colon', '      # note: a feeds b\n'],
    ['a plain comment', '      # a feeds b\n'],
    ['two comments, one with a colon', '      # first\n      # see: docs\n'],
  ])('removing the last connector keeps %s and gives valid YAML', (_, comment) => {
    const r = applyEdit(model(comment), { kind: 'remove-connector', source: { entity: 'a', descriptor: 'out_1' }, target: { entity: 'b', descriptor: 'in_1' } });
    expect(r.ok).toBe(true);
    const text = r.ok ? r.text : '';
    expect(text).toContain(comment);
    expect(text).toContain('      connectors: []\n');
    const parsed = parseConfig(text);
    expect(parsed.diagnostics.filter((d) => d.code === 'yaml-syntax')).toEqual([]);
    expect(parsed.config?.process.connectors).toEqual([]);
  });

  it('removing a component with the only connector keeps the comment too', () => {
    const r = applyEdit(model('      # note: a feeds b\n'), { kind: 'remove-component', name: 'b' });
    expect(r.ok && r.text).toContain('      connectors: []\n      # note: a feeds b\n');
    expect(r.ok && parseConfig(r.text).config?.process.components.map((c) => c.name)).toEqual(['a']);
  });

  it('refuses to edit a document with a duplicate key (the edit would hit the hidden copy)', () => {
    const text = model('').replace('      connectors:\n', '      connectors: []\n      connectors:\n');
    const r = applyEdit(text, { kind: 'remove-connector', source: { entity: 'a', descriptor: 'out_1' }, target: { entity: 'b', descriptor: 'in_1' } });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.diagnostics[0]).toMatchObject({ code: 'duplicate-key', message: expect.stringContaining("repeats the key 'plugboard.process.args.connectors' (line 10)") });
  });
});
