"""Plugboard Studio's browser runtime: a compatible subset of Plugboard's public API.

Written for Plugboard Studio (not Plugboard's code). Components defined with it run unchanged on
Python Plugboard; processes are built from the YAML by the TypeScript runtime.
"""

__version__ = "0.0.0+studio"
