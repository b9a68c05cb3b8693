/**
 * A small Python model for tests of the Pyodide start-up (snapshot made once, restored later): a
 * counter that uses `random` (so a restored interpreter must be re-seeded to give the same file) and a
 * FileWriter. Used by `pythonBoot.test.ts` (Node) and `e2e/bench-hosts.spec.ts` (Chromium).
 */
export const COUNTING_MODULE = `import random
from plugboard.component import Component, IOController as IO


class Count(Component):
    io = IO(outputs=["x"])

    def __init__(self, n: int, **kwargs) -> None:
        super().__init__(**kwargs)
        self._left = n

    async def step(self) -> None:
        if self._left == 0:
            await self.io.close()
            return
        self._left -= 1
        self.x = self._left * 10 + int(random.random() * 10)
`;

export const COUNTING_YAML = `plugboard:
  process:
    args:
      components:
      - { type: counting.Count, args: { name: count, n: 3 } }
      - { type: plugboard.library.file_io.FileWriter, args: { name: save, path: out.csv, field_names: [x] } }
      connectors:
      - { source: count.x, target: save.x }
`;

export const COUNTING_MODULES = [{ file: 'counting.py', source: COUNTING_MODULE }];
