// The Python bridge with small modules written for these tests: API subset, errors at .py lines,
// blocking time.sleep, yielding asyncio.sleep, events, @component, parameters.
import { beforeAll, describe, expect, it } from 'vitest';
import { createRegistry } from '../library/index.ts';
import { loadModules, withModuleLocation } from '../modules/loadModules.ts';
import type { RunEvent } from '../protocol/events.ts';
import { runForTest } from '../runtime/testing.ts';
import { parseConfig } from '../yaml/index.ts';
import { enablePython } from './loadPythonModules.ts';

beforeAll(async () => {
  await enablePython();
}, 180_000);

const HEADER = `import asyncio
import time
import typing as _t
from plugboard.component import Component, IOController as IO, component
from plugboard.events import Event
from plugboard.schemas import ComponentArgsDict
from pydantic import BaseModel
`;

const MODULE = `${HEADER}
class Count(Component):
    """Counts to n."""
    io = IO(outputs=["x"])

    def __init__(self, n: int = 3, **kwargs: _t.Unpack[ComponentArgsDict]) -> None:
        super().__init__(**kwargs)
        self._n = n
        self._i = 0

    async def step(self) -> None:
        if self._i >= self._n:
            await self.io.close()
            return
        self.x = self._i
        self._i += 1


class Boom(Component):
    io = IO(inputs=["x"], outputs=["y"])

    async def step(self) -> None:
        self.y = 10 / (self.x - 1)


class Nap(Component):
    io = IO(inputs=["x"], outputs=["y"])

    def __init__(self, seconds: float, use_asyncio: bool = False, **kwargs: _t.Unpack[ComponentArgsDict]) -> None:
        super().__init__(**kwargs)
        self._seconds = seconds
        self._use_asyncio = use_asyncio

    async def step(self) -> None:
        if self._use_asyncio:
            await asyncio.sleep(self._seconds)
        else:
            time.sleep(self._seconds)
        self.y = self.x


class Scaled(Component):
    io = IO(inputs=["a"], outputs=["x", "lists", "untouched"])

    async def step(self) -> None:
        self.x = self.a * self.parameters.get("k", 1)
        self.lists = {"a": [self.a, None], "s": "t"}


class Level(BaseModel):
    value: float


class HighEvent(Event):
    type: _t.ClassVar[str] = "high"
    data: Level


class Publish(Component):
    io = IO(inputs=["x"], output_events=[HighEvent])

    async def step(self) -> None:
        if self.x >= 1:
            self.io.queue_event(HighEvent(source=self.name, data=Level(value=self.x)))


class Collect(Component):
    io = IO(inputs=["value"], outputs=["seen"], input_events=[HighEvent])

    def __init__(self, **kwargs: _t.Unpack[ComponentArgsDict]) -> None:
        super().__init__(**kwargs)
        self.seen = 0

    async def step(self) -> None:
        self.seen += 1

    @HighEvent.handler(populates_fields=["value"])
    async def on_high(self, event: HighEvent) -> None:
        self.value = event.data.value


@component(inputs=["a"], outputs=["b"])
def double(a):
    return {"b": 2 * a}
`;

function setup(extra: { file: string; source: string }[] = []) {
  const registry = createRegistry();
  const loaded = loadModules([{ file: 'my_mod.py', source: MODULE }, ...extra], registry);
  return { registry, loaded };
}

async function run(components: string, connectors: string, registry = setup().registry) {
  const yaml = `plugboard:\n  process:\n    args:\n      parameters: { k: 3 }\n      components:\n${components}\n      connectors:\n${connectors}\n`;
  const parsed = parseConfig(yaml, { catalog: registry, file: 'model.yaml' });
  expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return runForTest(parsed.config!.process, registry);
}

describe('Python modules register their components', () => {
  it('ports, args (with kinds and defaults), events and docstrings come from the Python class', () => {
    const { registry, loaded } = setup();
    expect(loaded.diagnostics).toEqual([]);
    const count = registry.lookup('my_mod.Count')!;
    expect(count).toMatchObject({ inputs: [], outputs: ['x'], description: 'Counts to n.', runnable: true });
    expect(count.args).toEqual([{ name: 'n', kind: 'integer', required: false, default: 3 }]);
    expect(registry.lookup('my_mod.Nap')!.args).toEqual([
      { name: 'seconds', kind: 'number', required: true },
      { name: 'use_asyncio', kind: 'boolean', required: false, default: false },
    ]);
    expect(registry.lookup('my_mod.Collect')).toMatchObject({ inputEvents: ['system.stop', 'high'], eventPopulatedFields: ['value'] });
    expect(registry.lookup('my_mod.Publish')!.outputEvents).toEqual(['system.stop', 'high']);
    expect(registry.lookup('my_mod.double')).toMatchObject({ inputs: ['a'], outputs: ['b'] });
    // Imported names (Component, Event, BaseModel) are not components of this module.
    expect(loaded.types.map((t) => t.type).sort()).toEqual(
      ['my_mod.Boom', 'my_mod.Collect', 'my_mod.Count', 'my_mod.Nap', 'my_mod.Publish', 'my_mod.Scaled', 'my_mod.double'].sort(),
    );
  });

  it('a syntax error is a diagnostic at its .py line', () => {
    const source = 'from plugboard.component import Component\n\nclass A(Component)\n    pass\n';
    const { loaded } = setup([{ file: 'bad.py', source }]);
    expect(loaded.diagnostics).toHaveLength(1);
    expect(loaded.diagnostics[0]).toMatchObject({ code: 'python-syntax-error', file: 'bad.py', range: { start: { line: 3 } } });
    expect(loaded.diagnostics[0]!.message).toMatch(/^SyntaxError: /);
  });

  it('a package the browser runtime lacks is named at the import line', () => {
    const source = '"""Uses numpy."""\n\nimport numpy as np\n';
    const { loaded } = setup([{ file: 'num.py', source }]);
    expect(loaded.diagnostics.map((d) => [d.file, d.range?.start.line, d.message])).toEqual([['num.py', 3, 'numpy is not available in the browser runtime']]);
  });
});

describe('Python components run in the TypeScript runtime', () => {
  it('steps, parameters, outputs never assigned (None → null) and dict/list values', async () => {
    const { component, result } = await run(
      `      - { type: my_mod.Count, args: { name: c, n: 3 } }\n      - { type: my_mod.Scaled, args: { name: s } }\n      - { type: my_mod.double, args: { name: d } }`,
      `      - { source: c.x, target: s.a }\n      - { source: s.x, target: d.a }`,
    );
    expect(result.error).toBeUndefined();
    expect(component('s').out).toEqual({ x: 6, lists: { a: [2, null], s: 't' }, untouched: null });
    expect(component('d').out).toEqual({ b: 12 });
  });

  it('an exception in step fails the component with the .py file and line', async () => {
    const { result, events } = await run(
      `      - { type: my_mod.Count, args: { name: c, n: 3 } }\n      - { type: my_mod.Boom, args: { name: b } }`,
      `      - { source: c.x, target: b.x }`,
    );
    expect(result.status).toBe('failed');
    const error = withModuleLocation(result.error!);
    const line = MODULE.split('\n').findIndex((l) => l.includes('10 / (self.x - 1)')) + 1;
    expect(error).toMatchObject({ name: 'ZeroDivisionError', file: 'my_mod.py', line, component: 'b' });
    expect(error.message).toBe('ZeroDivisionError: division by zero');
    expect(events.some((e: RunEvent) => e.kind === 'component-status' && e.component === 'b' && e.status === 'failed')).toBe(true);
  });

  it('time.sleep blocks the thread; asyncio.sleep lets other components step meanwhile', async () => {
    const steps = async (useAsyncio: boolean) => {
      const { events, result } = await run(
        `      - { type: my_mod.Count, args: { name: c, n: 2 } }\n      - { type: my_mod.Nap, args: { name: n1, seconds: 0.05, use_asyncio: ${useAsyncio} } }\n      - { type: my_mod.Nap, args: { name: n2, seconds: 0.05, use_asyncio: ${useAsyncio} } }`,
        `      - { source: c.x, target: n1.x }\n      - { source: c.x, target: n2.x }`,
      );
      expect(result.error).toBeUndefined();
      return events.flatMap((e) => (e.kind === 'step' && e.component !== 'c' ? [e] : []));
    };
    const blocking = await steps(false);
    expect(blocking).toHaveLength(4);
    for (const s of blocking) expect(s.end - s.start).toBeGreaterThanOrEqual(45);
    // One thread: blocking steps never overlap.
    const sorted = [...blocking].sort((a, b) => a.start - b.start);
    for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.start).toBeGreaterThanOrEqual(sorted[i - 1]!.end);
    const yielding = await steps(true);
    expect(yielding).toHaveLength(4);
    const first = yielding.filter((s) => s.index === 0);
    expect(first).toHaveLength(2);
    // Both first steps are in progress at once: the sleeps overlap.
    expect(Math.max(first[0]!.start, first[1]!.start)).toBeLessThan(Math.min(first[0]!.end, first[1]!.end));
  });

  it('events: queue_event, handlers that populate input fields, event data models', async () => {
    const { component, result } = await run(
      `      - { type: my_mod.Count, args: { name: c, n: 4 } }\n      - { type: my_mod.Publish, args: { name: p } }\n      - { type: my_mod.Collect, args: { name: k } }`,
      `      - { source: c.x, target: p.x }`,
    );
    expect(result.error).toBeUndefined();
    // Values 1, 2, 3 are published; each event fills `value`, so Collect steps once per event.
    expect(component('k').out).toEqual({ seen: 3 });
    expect((component('k').in as { value: number }).value).toBe(3);
  });
});

describe('print() goes to the run log', () => {
  const CHATTY = `from plugboard.component import Component, IOController as IO
import sys


class Chatty(Component):
    io = IO(inputs=["x"], outputs=["y"])

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        print("made", self.name)
        self._logger.info("ready")

    async def step(self) -> None:
        print("got", self.x)
        print("two\\nlines", end="")
        print(" joined", flush=True)
        print("careful", file=sys.stderr)
        self._logger.info("logged", x=self.x)
        self.y = self.x
`;

  it('each line a component prints is a log entry under its name, in order with self._logger', async () => {
    const registry = createRegistry();
    expect(loadModules([{ file: 'my_mod.py', source: MODULE }, { file: 'chatty.py', source: CHATTY }], registry).diagnostics).toEqual([]);
    const { result, events } = await run(
      `      - { type: my_mod.Count, args: { name: c, n: 2 } }\n      - { type: chatty.Chatty, args: { name: talk } }`,
      `      - { source: c.x, target: talk.x }`,
      registry,
    );
    expect(result.error).toBeUndefined();
    const logs = events.filter((e): e is Extract<RunEvent, { kind: 'log' }> => e.kind === 'log' && !e.message.startsWith('Output fields not connected')).map((e) => [e.component, e.level, e.message]);
    const step = (x: number) => [
      ['talk', 'info', `got ${x}`],
      ['talk', 'info', 'two'],
      ['talk', 'info', 'lines joined'],
      ['talk', 'warning', 'careful'],
      ['talk', 'info', `logged x=${x}`],
    ];
    expect(logs).toEqual([['talk', 'info', 'made talk'], ['talk', 'info', 'ready'], ...step(0), ...step(1)]);
  });
});

describe('module loader hook', () => {
  it('.py files go to the registered loader; TypeScript modules beside them load as before', async () => {
    const { registerModuleLoader } = await import('../modules/loadModules.ts');
    const { pythonModuleLoader } = await import('./loadPythonModules.ts');
    const seen: string[] = [];
    registerModuleLoader({ extension: '.py', load: (modules) => (seen.push(...modules.map((m) => m.file)), { diagnostics: [], types: [], locator: { locate: () => undefined, mapStack: (s) => s } }) });
    try {
      const registry = createRegistry();
      const ts = "import { componentClass, port } from 'plugboard';\nexport class T extends componentClass({ description: '', outputs: { x: port() } }) {}\n";
      const result = loadModules([{ file: 'p.py', source: 'x = 1\n' }, { file: 't.ts', source: ts }], registry);
      expect(result.types.map((t) => t.type)).toEqual(['t.T']);
      expect(seen).toEqual(['p.py']);
    } finally {
      registerModuleLoader(pythonModuleLoader());
    }
  });
});
