"""A small stand-in for the part of pydantic's BaseModel that component modules use.

Annotated class attributes are fields; a default makes a field optional; `Field(default_factory=...)`
builds one per instance; a field annotated with a model class (or Optional of one) accepts a dict.
"""

import copy
import datetime as _dt
import inspect
import typing as _t

from plugboard.exceptions import ValidationError

_MISSING = object()


class FieldInfo:
    def __init__(self, default=_MISSING, *, default_factory=None, description=None, **_kwargs):
        self.default = default
        self.default_factory = default_factory
        self.description = description


def Field(default=_MISSING, *, default_factory=None, description=None, **kwargs):  # noqa: N802
    """`pydantic.Field` subset: default, default_factory, description (other options ignored)."""
    return FieldInfo(default, default_factory=default_factory, description=description, **kwargs)


def _annotations(klass):
    try:
        return dict(inspect.get_annotations(klass))
    except Exception:  # forward references that do not resolve yet
        try:
            import annotationlib

            return dict(annotationlib.get_annotations(klass, format=annotationlib.Format.FORWARDREF))
        except Exception:
            return {}


def _is_classvar(tp):
    return tp is _t.ClassVar or _t.get_origin(tp) is _t.ClassVar or (isinstance(tp, str) and "ClassVar" in tp)


def _model_type(tp):
    """The BaseModel class a field holds (directly or in an Optional/Union), if any."""
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp
    for arg in _t.get_args(tp) if _t.get_origin(tp) in (_t.Union, getattr(__import__("types"), "UnionType", None)) else ():
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return None


def _coerce(owner, name, tp, value):
    model = _model_type(tp)
    if model is not None and isinstance(value, dict):
        return model(**value)
    if tp is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if tp is _dt.datetime and isinstance(value, (int, float)) and not isinstance(value, bool):
        return _dt.datetime.fromtimestamp(value / 1000, _dt.timezone.utc)
    if tp in (int, float, str, bool) and value is not None and not isinstance(value, tp):
        if not (tp is float and isinstance(value, int)):
            raise ValidationError(f"{owner}.{name}: expected {tp.__name__}, got {type(value).__name__} {value!r}")
    return value


def _dump(value):
    if isinstance(value, BaseModel):
        return value.model_dump()
    if isinstance(value, dict):
        return {k: _dump(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_dump(v) for v in value]
    return value


class BaseModel:
    """Annotated fields, keyword construction, `model_dump()`; extra keywords are ignored."""

    model_fields: _t.ClassVar[dict] = {}
    model_config: _t.ClassVar[dict] = {}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__()
        fields = {}
        for klass in reversed(cls.__mro__):
            if klass is object or not issubclass(klass, BaseModel):
                continue
            for name, tp in _annotations(klass).items():
                if name.startswith("_") or _is_classvar(tp) or name in ("model_fields", "model_config"):
                    continue
                default = klass.__dict__.get(name, fields.get(name, (None, _MISSING))[1])
                fields[name] = (tp, default)
        cls.model_fields = fields

    def __init__(self, **data):
        owner = type(self).__name__
        for name, (tp, default) in type(self).model_fields.items():
            if name in data:
                value = _coerce(owner, name, tp, data[name])
            elif isinstance(default, FieldInfo):
                if default.default_factory is not None:
                    value = default.default_factory()
                elif default.default is not _MISSING:
                    value = copy.copy(default.default)
                else:
                    raise ValidationError(f"{owner}: field '{name}' is required")
            elif default is not _MISSING:
                value = copy.copy(default)
            else:
                raise ValidationError(f"{owner}: field '{name}' is required")
            object.__setattr__(self, name, value)

    def model_dump(self, **_kwargs):
        return {name: _dump(getattr(self, name)) for name in type(self).model_fields}

    dict = model_dump

    @classmethod
    def model_validate(cls, data):
        return data if isinstance(data, cls) else cls(**data)

    def model_copy(self, update=None, **_kwargs):
        return type(self)(**{**self.model_dump(), **(update or {})})

    def __eq__(self, other):
        return type(other) is type(self) and self.model_dump() == other.model_dump()

    def __repr__(self):
        fields = ", ".join(f"{k}={getattr(self, k)!r}" for k in type(self).model_fields)
        return f"{type(self).__name__}({fields})"
