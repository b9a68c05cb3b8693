"""Library components. In a YAML model, `plugboard.library.*` types are the TypeScript library's;
these names exist so modules that import them (for a Python `main()`) load unchanged."""

from plugboard._unavailable import unavailable

_NAMES = [
    "DataReader", "DataWriter", "LLMChat", "LLMImageProcessor", "FileReader", "FileWriter", "SQLReader",
    "SQLWriter", "WebsocketBase", "WebsocketReader", "WebsocketWriter",
]
for _name in _NAMES:
    globals()[_name] = unavailable(
        __name__, _name, "use the type plugboard.library.<module>.<Class> in the YAML (the built-in TypeScript component)"
    )

__all__ = list(_NAMES)
