"""Stand-in for `ray`: importing works; using it needs Python Plugboard on a Ray cluster."""

from plugboard.exceptions import NotAvailableError


def _fail(*_args, **_kwargs):
    raise NotAvailableError("ray is not available in the browser runtime: run this model with Python Plugboard on Ray")


init = remote = get = put = wait = shutdown = _fail


def is_initialized():
    return False


def __getattr__(name):
    if name.startswith("__"):
        raise AttributeError(name)
    _fail()
