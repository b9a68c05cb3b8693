"""Stand-in for `optuna`: importing works; custom search spaces need Ray Tune with Python Plugboard."""

from plugboard.exceptions import NotAvailableError


class Trial:
    """Not available: custom Optuna search spaces run only in Python Plugboard's tuner."""

    def __init__(self, *_args, **_kwargs):
        raise NotAvailableError(
            "optuna is not available in the browser runtime: custom search spaces (Ray Tune) run with Python Plugboard"
        )


def __getattr__(name):
    if name.startswith("__"):
        raise AttributeError(name)
    raise NotAvailableError(f"optuna.{name} is not available in the browser runtime")
