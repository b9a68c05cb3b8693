"""Components (Plugboard's `plugboard.component`): `Component`, `IOController` and `@component`.

The step cycle, channels, closing and event delivery are the TypeScript runtime's: a Python
component declares its IO, reads inputs and assigns outputs as attributes, and its async
`init`/`step`/`destroy` are called by the runtime.
"""

import inspect
import typing as _t

from plugboard.events import Event, StopEvent
from plugboard.exceptions import IOSetupError, IOStreamClosedError

_host_for_new = [None]  # set by the bridge while it constructs a component: its run's services

_COMMON_ARGS = ("name", "initial_values", "parameters", "state", "constraints", "resources")


def _event_key(event_cls):
    return f"{event_cls.__module__}.{event_cls.__qualname__}"


class IOController:
    """Declares a component's IO; on an instance, also `close()` and `queue_event()`."""

    def __init__(self, inputs=None, outputs=None, input_events=None, output_events=None, namespace="default"):
        self.namespace = namespace
        self.inputs = list(inputs or [])
        self.outputs = list(outputs or [])
        self.input_events = list(input_events or [])
        self.output_events = list(output_events or [])
        self._closed = False
        self._queued = []
        self._owner = None

    @property
    def is_closed(self):
        return self._closed

    async def close(self):
        """Closes the IO: outputs close, and values assigned in this step are not sent."""
        self._closed = True
        if self._owner is not None:
            self._owner._pb_flag = True

    def queue_event(self, event):
        """Queues an event, sent at the end of this step to every subscriber of its type."""
        if self._closed:
            raise IOStreamClosedError(f"IO stream closed for component '{getattr(self._owner, 'name', '?')}'")
        if not any(event.type == e.type for e in self.output_events):
            raise ValueError(f"Component '{getattr(self._owner, 'name', '?')}' does not declare output event '{event.type}'")
        self._queued.append(event)
        if self._owner is not None:
            self._owner._pb_flag = True

    def _instance(self, owner):
        io = IOController(self.inputs, self.outputs, self.input_events, self.output_events, self.namespace)
        io._owner = owner
        return io

    def __repr__(self):
        return f"IOController(inputs={self.inputs}, outputs={self.outputs})"


def _merge_io(cls):
    inputs, outputs, in_events, out_events = set(), set(), {}, {}
    for klass in reversed(cls.__mro__):
        io = klass.__dict__.get("io")
        if isinstance(io, IOController):
            inputs.update(io.inputs)
            outputs.update(io.outputs)
            in_events.update({_event_key(e): e for e in io.input_events})
            out_events.update({_event_key(e): e for e in io.output_events})
    return IOController(
        sorted(inputs),
        sorted(outputs),
        [in_events[k] for k in sorted(in_events)],
        [out_events[k] for k in sorted(out_events)],
    )


class _Logger:
    """structlog-style logger: `self._logger.info("message", key=value)` goes to the run's log."""

    def __init__(self, component):
        self._component = component

    def _log(self, level, message, kwargs):
        text = str(message) + "".join(f" {k}={v!r}" for k, v in kwargs.items())
        host = self._component.__dict__.get("_pb_host")
        if host is not None:
            host.log(level, text)

    def debug(self, message, *args, **kwargs):
        pass

    def info(self, message, *args, **kwargs):
        self._log("info", message, kwargs)

    def warning(self, message, *args, **kwargs):
        self._log("warning", message, kwargs)

    warn = warning

    def error(self, message, *args, **kwargs):
        self._log("error", message, kwargs)

    exception = critical = error


class Component:
    """Base class of components. Subclasses declare `io = IOController(inputs=[...], outputs=[...])`.

    Reading an input or output that was never set gives None; inputs and outputs keep their values
    between steps; assigning an input field (e.g. in an event handler) counts as receiving it.
    """

    io = IOController(input_events=[StopEvent], output_events=[StopEvent])
    exports: _t.ClassVar[_t.Optional[list]] = None
    resources = None
    _pb_inputs: _t.ClassVar[frozenset] = frozenset()
    _pb_handlers: _t.ClassVar[dict] = {}
    _pb_populated: _t.ClassVar[list] = []

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.io = _merge_io(cls)
        cls._pb_inputs = frozenset(cls.io.inputs)
        handlers, populated = {}, []
        for klass in cls.__mro__:
            for attr, value in klass.__dict__.items():
                handles = getattr(value, "_pb_handles", None)
                if handles and handles[0] not in handlers:
                    handlers[handles[0]] = attr
                    populated.extend(f for f in handles[1] if f not in populated)
        cls._pb_handlers = handlers
        cls._pb_populated = populated
        exports = set()
        for klass in cls.__mro__:
            exports.update(klass.__dict__.get("exports") or [])
        cls.exports = sorted(exports) or None
        own = cls.io.inputs or cls.io.outputs or len(cls.io.input_events) > 1 or len(cls.io.output_events) > 1
        if not own and not inspect.isabstract(cls) and not cls.__dict__.get("_pb_placeholder"):
            raise IOSetupError(f"{cls.__name__} must declare IO: io = IOController(inputs=[...], outputs=[...])")

    def __init__(self, *, name, initial_values=None, parameters=None, state=None, constraints=None, resources=None, **kwargs):
        if kwargs:
            raise TypeError(f"{type(self).__name__}.__init__() got unexpected keyword arguments: {', '.join(sorted(kwargs))}")
        if _host_for_new[0] is not None:
            self.__dict__["_pb_host"] = _host_for_new[0]  # self._logger works in __init__ too
        self.name = name
        self.initial_values = dict(initial_values or {})
        self.parameters = dict(parameters or {})
        self.constraints = dict(constraints or {})
        if resources is not None:
            self.resources = resources
        self.io = type(self).io._instance(self)
        self._logger = _Logger(self)
        for field in self.initial_values:
            if field not in self.io.inputs:
                raise ValueError(f"Component '{name}': initial_values key '{field}' is not an input field")

    @property
    def id(self):
        return self.name

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return None

    def __setattr__(self, name, value):
        if name in self._pb_inputs:
            assigned = self.__dict__.get("_pb_assigned")
            if assigned is None:
                object.__setattr__(self, "_pb_assigned", [name])
            else:
                assigned.append(name)
            object.__setattr__(self, "_pb_flag", True)
        object.__setattr__(self, name, value)

    async def init(self):
        """Called once before the run."""

    async def step(self):
        """Called once per step."""

    async def destroy(self):
        """Called when the process is destroyed."""


Component.step._pb_base = True


class _FunctionComponent:
    """What `@component` returns: callable as the function; `.component(name=...)` makes an instance."""

    def __init__(self, fn, cls):
        self._fn = fn
        self.component_cls = cls
        self.__name__ = fn.__name__
        self.__doc__ = fn.__doc__
        self.__module__ = fn.__module__

    def __call__(self, *args, **kwargs):
        return self._fn(*args, **kwargs)

    def component(self, name=None, **kwargs):
        import random
        import string

        suffix = "".join(random.choices(string.ascii_lowercase + string.digits, k=6))
        return self.component_cls(name=name or f"{self._fn.__name__}_{suffix}", **kwargs)


def component(fn=None, *, inputs=None, outputs=None, input_events=None, output_events=None):
    """Makes a function a component: it gets the inputs as keywords and returns a dict of outputs."""

    def wrap(fn):
        async def step(self):
            result = fn(**{field: getattr(self, field) for field in self.io.inputs})
            if inspect.isawaitable(result):
                result = await result
            if not isinstance(result, _t.Mapping):
                raise ValueError(f"{fn.__name__} must return a mapping of output names to values")
            for key, value in result.items():
                setattr(self, key, value)

        namespace = {
            "io": IOController(inputs, outputs, input_events, output_events),
            "step": step,
            "__module__": fn.__module__,
            "__qualname__": fn.__qualname__,
            "__doc__": fn.__doc__,
        }
        return _FunctionComponent(fn, type(fn.__name__, (Component,), namespace))

    return wrap(fn) if fn is not None else wrap


IO = IOController

__all__ = ["Component", "IOController", "component"]
