"""Processes: the TypeScript runtime builds and runs the process from the YAML; these names only import."""

from plugboard._unavailable import YAML_BUILDS, unavailable

_NAMES = ["LocalProcess", "Process", "ProcessBuilder", "RayProcess"]
for _name in _NAMES:
    globals()[_name] = unavailable(__name__, _name, YAML_BUILDS)

__all__ = list(_NAMES)
