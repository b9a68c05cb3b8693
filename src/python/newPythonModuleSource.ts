/**
 * The text of a new Python module in the Modules view: a small component in Plugboard's own API, so
 * the same file runs here and with Python Plugboard.
 * @example controller.saveModule('my_components.py', newPythonModuleSource())
 */
export function newPythonModuleSource(className = 'Double'): string {
  return `import typing as _t

from plugboard.component import Component, IOController as IO
from plugboard.schemas import ComponentArgsDict


class ${className}(Component):
    """Multiplies x by factor. Rename it and change it: the palette updates as you type."""

    io = IO(inputs=["x"], outputs=["y"])

    def __init__(self, factor: float = 2, **kwargs: _t.Unpack[ComponentArgsDict]) -> None:
        super().__init__(**kwargs)
        self._factor = factor

    async def step(self) -> None:
        self.y = self._factor * self.x
`;
}
