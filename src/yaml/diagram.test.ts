import { describe, expect, it } from 'vitest';
import { markdownDiagram, toMermaid } from '../model/diagram.ts';
import { appendixCatalog } from '../model/testing/appendixCatalog.ts';
import { fixtureNames, readFixture, resolveFixtureRef } from './fixtures.node.ts';
import { parseConfig } from './parseConfig.ts';

const catalog = appendixCatalog();
const processOf = (name: string) => parseConfig(readFixture(name), { catalog, resolveRef: resolveFixtureRef }).config!.process;

describe('toMermaid', () => {
  it('matches the hello_world example of spec §8 byte for byte', () => {
    expect(toMermaid(processOf('001_hello_world__model.yaml'), catalog)).toBe('flowchart LR\n  a@{ shape: rounded, label: A<br>**a** } --> b@{ shape: rounded, label: B<br>**b** }');
  });

  it('sorts connectors by id and adds event lines (005_events)', () => {
    const n = (name: string, cls: string) => `${name}@{ shape: rounded, label: ${cls}<br>**${name}** }`;
    expect(toMermaid(processOf('005_events__model.yaml'), catalog).split('\n  ')).toEqual([
      'flowchart LR',
      `${n('collect-high', 'CollectHigh')} --> ${n('save-high', 'FileWriter')}`,
      `${n('collect-low', 'CollectLow')} --> ${n('save-low', 'FileWriter')}`,
      `${n('random-generator', 'Random')} --> ${n('find-high-low', 'FindHighLowValues')}`,
      `low_event@{ shape: hex, label: LowEvent } -.-> ${n('collect-low', 'CollectLow')}`,
      `high_event@{ shape: hex, label: HighEvent } -.-> ${n('collect-high', 'CollectHigh')}`,
      `${n('find-high-low', 'FindHighLowValues')} -.-> high_event@{ shape: hex, label: HighEvent }`,
      `${n('find-high-low', 'FindHighLowValues')} -.-> low_event@{ shape: hex, label: LowEvent }`,
    ]);
  });

  it('uses the last type segment when the catalog does not know the type', () => {
    expect(toMermaid(processOf('001_hello_world__model.yaml'))).toContain('label: A<br>**a**');
  });

  it.each(fixtureNames())('%s: one line per component connector', (name) => {
    const p = processOf(name);
    const text = toMermaid(p, catalog);
    expect(text.startsWith('flowchart LR')).toBe(true);
    expect(text.endsWith('\n')).toBe(false);
    expect(text.split('\n').filter((l) => l.includes(' --> '))).toHaveLength(p.connectors.length);
  });

  it('wraps in a mermaid fence', () => {
    expect(markdownDiagram(processOf('001_hello_world__model.yaml'), catalog)).toMatch(/^```mermaid\nflowchart LR\n {2}a@.*\n```$/);
  });
});
