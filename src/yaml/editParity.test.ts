import { describe, expect, it } from 'vitest';
import { applyModelEdit } from '../model/applyModelEdit.ts';
import type { ModelEdit } from '../model/modelEdit.ts';
import { appendixCatalog } from '../model/testing/appendixCatalog.ts';
import { applyEdit } from './applyEdit.ts';
import { fixtureNames, readFixture } from './fixtures.node.ts';
import { parseConfig } from './parseConfig.ts';
import { readLayout, writeLayout } from './layout.ts';

const catalog = appendixCatalog();
const inline = fixtureNames().filter((n) => !/process:\s+\S+\.yaml/.test(readFixture(n)));

/** Every edit kind, derived from the fixture's own first/last components and first connector. */
function editsFor(text: string): ModelEdit[] {
  const p = parseConfig(text).config!.process;
  const first = p.components[0]!;
  const last = p.components[p.components.length - 1]!;
  const conn = p.connectors[0];
  return [
    { kind: 'add-component', type: 'hello_world.A', args: { name: 'added', iters: 2, initial_values: { x: [0] } } },
    { kind: 'remove-component', name: first.name },
    { kind: 'remove-component', name: last.name },
    { kind: 'rename-component', from: first.name, to: 'renamed' },
    { kind: 'rename-component', from: last.name, to: 'renamed_last' },
    { kind: 'set-arg', component: first.name, key: 'extra', value: 'yes' },
    { kind: 'set-arg', component: last.name, key: 'parameters.scale', value: 3 },
    { kind: 'set-arg', component: first.name, key: 'initial_values.z', value: [1, 2] },
    ...Object.keys(first.args).filter((k) => k !== 'name').map((key): ModelEdit => ({ kind: 'set-arg', component: first.name, key, value: undefined })),
    ...Object.keys(last.args).filter((k) => k !== 'name').map((key): ModelEdit => ({ kind: 'set-arg', component: last.name, key, value: { nested: [1] } })),
    { kind: 'add-connector', source: { entity: last.name, descriptor: 'zz' }, target: { entity: first.name, descriptor: 'yy' } },
    ...(conn ? [{ kind: 'remove-connector', source: conn.source, target: conn.target } as ModelEdit] : []),
    { kind: 'set-process-mode', mode: 'parallel' },
    { kind: 'set-process-mode', mode: 'local' },
    { kind: 'set-process-name', name: 'named' },
    { kind: 'set-process-name', name: null },
  ];
}

describe('text edits agree with spec edits on every fixture', () => {
  it.each(inline)('%s', (name) => {
    const text = writeLayout(readFixture(name), { [parseConfig(readFixture(name)).config!.process.components[0]!.name]: { x: 5, y: 6 } });
    const before = parseConfig(text).config!;
    for (const edit of editsFor(text)) {
      const r = applyEdit(text, edit);
      expect(r.ok, `${edit.kind} ${JSON.stringify(r)}`).toBe(true);
      if (!r.ok) continue;
      const after = parseConfig(r.text, { catalog });
      expect(after.diagnostics.filter((d) => d.code.startsWith('yaml') || d.code === 'invalid-type' || d.code === 'duplicate-key'), JSON.stringify(edit)).toEqual([]);
      expect(after.config, JSON.stringify(edit)).toEqual(applyModelEdit(before, edit));
      expect(Object.keys(readLayout(r.text)).length, JSON.stringify(edit)).toBeLessThanOrEqual(1);
    }
  });
});
