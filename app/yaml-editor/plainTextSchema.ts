// Monaco shows JSON-schema descriptions in hovers and completion details as Markdown, and component
// descriptions come from user modules: a description like `![x](https://…)` would make the page fetch
// a remote image, and links would be clickable. Every description is made literal text here.

/**
 * Markdown that renders exactly as `text`: every ASCII punctuation character CommonMark could read as
 * syntax (images, links, emphasis, HTML, code) is backslash-escaped.
 * @example literalMarkdown('![x](http://e/i.png)') // '\\!\\[x\\]\\(http://e/i\\.png\\)'
 */
export function literalMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>&~"':=]/g, '\\$&');
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * A copy of a JSON schema whose descriptions cannot render as Markdown: each `description` gets a
 * literal `markdownDescription` (which wins in hovers), `markdownEnumDescriptions` are escaped, and
 * `description` itself is escaped too (some hovers use it as Markdown directly).
 * @example setSchema(plainTextSchema(jsonSchema(catalog)))
 */
export function plainTextSchema<T extends object>(schema: T): T {
  return walk(schema as unknown as Json) as unknown as T;
}

function walk(node: Json): Json {
  if (Array.isArray(node)) return node.map(walk);
  if (node === null || typeof node !== 'object') return node;
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(node)) {
    if ((key === 'description' || key === 'markdownDescription') && typeof value === 'string') {
      out[key] = literalMarkdown(value);
    } else if (key === 'markdownEnumDescriptions' && Array.isArray(value)) {
      out[key] = value.map((v) => (typeof v === 'string' ? literalMarkdown(v) : v));
    } else if (key === 'properties' && value && typeof value === 'object' && !Array.isArray(value)) {
      // Property names are user text too, but they are keys, not prose: keep them, walk their schemas.
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    } else out[key] = walk(value);
  }
  if (typeof node['description'] === 'string' && typeof node['markdownDescription'] !== 'string') out['markdownDescription'] = literalMarkdown(node['description']);
  return out;
}
