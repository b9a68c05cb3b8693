"""Schemas (Plugboard's `plugboard.schemas`): the names component modules use.

`ComponentArgsDict` is the TypedDict of common constructor keywords; spec classes are plain
data holders here (the YAML is parsed by Plugboard Studio).
"""

import typing as _t

from plugboard._model import BaseModel


class ComponentArgsDict(_t.TypedDict, total=False):
    """Constructor keywords every component accepts."""

    name: str
    initial_values: dict
    parameters: dict
    state: _t.Any
    constraints: dict
    resources: _t.Any


class _Spec:
    """Keyword data holder standing for a pydantic spec model."""

    def __init__(self, *args, **kwargs):
        self.__dict__.update(kwargs)
        self._args = args

    def model_dump(self, **_kwargs):
        return {k: v for k, v in self.__dict__.items() if not k.startswith("_")}

    dict = model_dump

    def __repr__(self):
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in self.model_dump().items())})"


_SUFFIXES = {"m": 1e-3, "k": 1e3, "M": 1e6, "G": 1e9, "T": 1e12, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40}


def _quantity(value):
    if isinstance(value, str):
        for suffix in sorted(_SUFFIXES, key=len, reverse=True):
            if value.endswith(suffix):
                return float(value[: -len(suffix)]) * _SUFFIXES[suffix]
        return float(value)
    return float(value)


class Resource(_Spec):
    """Resources a component asks Ray for: cpu, gpu, memory (numbers or '250m', '512Mi'), resources."""

    def __init__(self, cpu=0.0, gpu=0.0, memory=0.0, resources=None):
        super().__init__(
            cpu=_quantity(cpu), gpu=_quantity(gpu), memory=int(_quantity(memory)),
            resources={k: _quantity(v) for k, v in (resources or {}).items()},
        )


_NAMES = [
    "CategoricalParameterSpec", "ComponentSpec", "ComponentArgsSpec", "ConfigSpec", "ConnectorBuilderArgsSpec",
    "ConnectorBuilderSpec", "ConnectorSocket", "ConnectorSpec", "Entity", "FloatParameterSpec", "IntParameterSpec",
    "ObjectiveSpec", "OptunaSpec", "ParameterSpec", "ProcessConfigSpec", "ProcessSpec", "ProcessArgsSpec",
    "StateBackendSpec", "StateBackendArgsSpec", "TuneArgsSpec", "TuneSpec",
]
for _name in _NAMES:
    globals()[_name] = type(_name, (_Spec,), {"__module__": __name__})

ProcessArgsDict = ConnectorBuilderArgsDict = StateBackendArgsDict = TuneArgsDict = dict
PlugboardBaseModel = BaseModel


class Status:
    CREATED, INIT, RUNNING, WAITING, COMPLETED, FAILED, STOPPED = (
        "created", "init", "running", "waiting", "completed", "failed", "stopped",
    )


__all__ = ["ComponentArgsDict", "PlugboardBaseModel", "Resource", "Status", *_NAMES]
