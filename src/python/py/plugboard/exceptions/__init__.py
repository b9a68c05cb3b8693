"""Exceptions of the browser runtime (names as in Plugboard)."""


class IOStreamClosedError(Exception):
    """Raised by IO operations on a closed IO."""


class IOSetupError(Exception):
    """A component class declares no IO of its own."""


class UnrecognisedEventError(Exception):
    """A component received an event it has no handler for."""


class ValidationError(ValueError):
    """Data does not match a model's fields."""


class NotAvailableError(RuntimeError):
    """A feature that needs Python Plugboard (Ray, the network, building processes in Python)."""
