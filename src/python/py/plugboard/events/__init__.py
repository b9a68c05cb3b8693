"""Events (Plugboard's `plugboard.events`): typed messages broadcast to every subscribed component."""

import datetime as _dt
import re
import typing as _t
import uuid

from plugboard._model import BaseModel, Field

_TYPE_PATTERN = re.compile(r"^[a-zA-Z][a-zA-Z0-9_\-.]*$")
_EVENT_TYPES: dict = {}


class EventHandlers:
    """Marks component methods as event handlers (looked up along the class hierarchy)."""

    @staticmethod
    def add(event_cls, populates_fields=None):
        def decorator(method):
            method._pb_handles = (event_cls.type, list(populates_fields or []))
            return method

        return decorator


class Event(BaseModel):
    """Base event: `type` (class constant), id, timestamp (UTC), source, version, data, metadata."""

    type: _t.ClassVar[str] = "event"
    id: str = Field(default_factory=lambda: str(uuid.uuid4()))
    timestamp: _dt.datetime = Field(default_factory=lambda: _dt.datetime.now(_dt.timezone.utc))
    source: str
    version: str = "0.1.0"
    data: _t.Any
    metadata: dict = Field(default_factory=dict)

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "type" in cls.__dict__:
            if not _TYPE_PATTERN.match(cls.type):
                raise ValueError(f"Invalid event type {cls.type!r} for {cls.__name__}")
            _EVENT_TYPES[cls.type] = cls

    @classmethod
    def safe_type(cls, event_type=None):
        """`type` with `.` and `-` replaced by `_` (used in connector names)."""
        return (event_type or cls.type).replace(".", "_").replace("-", "_")

    @classmethod
    def handler(cls, method=None, *, populates_fields=None):
        """Registers a component method as the handler of this event type.

        Use as `@HighEvent.handler` or `@HighEvent.handler(populates_fields=["a"])`.
        """
        if method is None:
            return EventHandlers.add(cls, populates_fields=populates_fields)
        return EventHandlers.add(cls)(method)


class SystemEvent(Event):
    """Base of system events."""

    type: _t.ClassVar[str] = "system"


class StopEvent(SystemEvent):
    """Stops every component of the process."""

    type: _t.ClassVar[str] = "system.stop"


def event_class(event_type):
    """The Event class registered for a type string, if any."""
    return _EVENT_TYPES.get(event_type)


__all__ = ["Event", "EventHandlers", "StopEvent", "SystemEvent"]
