"""Plugboard Studio's stand-in for pydantic (the real package is not in the browser runtime).

Only what event data classes use: `BaseModel` with annotated fields and `Field`. Validators are
accepted and ignored.
"""

from plugboard._model import BaseModel, Field, FieldInfo
from plugboard.exceptions import ValidationError

ConfigDict = dict


def _passthrough(*_args, **_kwargs):
    def wrap(fn):
        return fn

    return wrap


field_validator = model_validator = validator = root_validator = _passthrough

__all__ = ["BaseModel", "ConfigDict", "Field", "FieldInfo", "ValidationError", "field_validator", "model_validator"]
