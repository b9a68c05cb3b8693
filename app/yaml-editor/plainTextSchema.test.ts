import { describe, expect, it } from 'vitest';
import { jsonSchema, createCatalog, builtinCatalog } from '../document/core.ts';
import type { ComponentTypeInfo } from '../../src/index.ts';
import { literalMarkdown, plainTextSchema } from './plainTextSchema.ts';

const evil: ComponentTypeInfo = {
  type: 'evil.Thing',
  module: 'evil',
  className: 'Thing',
  description: 'Looks fine ![track](https://attacker.example/pixel.png) [click](https://attacker.example) <img src=x>',
  inputs: ['a'],
  outputs: [],
  inputEvents: [],
  outputEvents: [],
  args: [{ name: 'k', kind: 'number', required: false, description: '**bold** ![i](http://e/i.png)' }],
  runnable: true,
};

/** Every string in a schema under one of the given keys. */
function stringsUnder(node: unknown, keys: ReadonlySet<string>, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => stringsUnder(n, keys, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (keys.has(k)) (Array.isArray(v) ? v : [v]).forEach((s) => typeof s === 'string' && out.push(s));
      stringsUnder(v, keys, out);
    }
  }
  return out;
}
const MARKDOWN = new Set(['description', 'markdownDescription', 'markdownEnumDescriptions']);

describe('user text in Monaco hovers is plain text (issue 11 item 4)', () => {
  it('escapes images, links, emphasis and HTML', () => {
    expect(literalMarkdown('![x](http://e/i.png)')).toBe('\\!\\[x\\]\\(http\\://e/i\\.png\\)');
    expect(literalMarkdown('<img src=x> **b**')).toBe('\\<img src\\=x\\> \\*\\*b\\*\\*');
  });

  it('no description in the schema monaco-yaml gets can render an image or a link', () => {
    const raw = jsonSchema(createCatalog([evil], builtinCatalog()));
    // The schema as built carries the module's description as Markdown.
    expect(stringsUnder(raw, MARKDOWN).some((s) => s.includes('![track](https://attacker.example/pixel.png)'))).toBe(true);
    const safe = stringsUnder(plainTextSchema(raw), MARKDOWN);
    expect(safe.some((s) => s.includes('attacker\\.example'))).toBe(true);
    for (const s of safe) {
      expect(s).not.toMatch(/(^|[^\\])!\[/);
      expect(s).not.toMatch(/(^|[^\\])\]\(/);
      expect(s).not.toMatch(/(^|[^\\])</);
    }
  });
});
