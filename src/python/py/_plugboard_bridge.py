"""Glue between user component modules and Plugboard Studio's TypeScript runtime.

The TypeScript side calls these functions through Pyodide. Values cross as JS primitives (numbers,
strings, booleans, None) on the fast path, and as JSON text for everything else (args, events).
"""

import asyncio
import builtins
import importlib
import inspect
import io as _io
import json
import os
import sys
import time
import traceback
import typing as _t

import plugboard.component as _component_module
from plugboard.component import Component, _FunctionComponent
from plugboard.events import Event, event_class

MODULE_DIR = "/home/pyodide/plugboard_modules"
MARK = object()  # replaced by the JS marker object in setup()
_host = None
_current = [None]  # the component whose code runs now (for open())
_loaded_stems = []
_errors = {}


def setup(host, mark):
    """Called once per interpreter: host services (blocking sleep, files, logs) and the marker."""
    global _host, MARK
    _host = host
    MARK = mark
    os.makedirs(MODULE_DIR, exist_ok=True)
    stubs = os.path.join(os.path.dirname(__file__), "_plugboard_stubs")
    if MODULE_DIR not in sys.path:
        sys.path.insert(0, MODULE_DIR)
    if stubs not in sys.path:
        sys.path.append(stubs)
    time.sleep = _sleep
    _use_host_random(host.random)
    if not isinstance(sys.stdout, _RunLogStream):
        sys.stdout = _RunLogStream(sys.stdout, "info")
        sys.stderr = _RunLogStream(sys.stderr, "warning")


class _RunLogStream(_io.TextIOBase):
    """`sys.stdout`/`sys.stderr`: what a component's code prints goes to the run's log, one entry
    per line, under the component's name (as `self._logger` does). Text printed outside component
    code (at import) goes to the worker's console as before. A line without its newline waits for
    the rest, or for `flush()` (`print(..., flush=True)`)."""

    def __init__(self, fallback, level):
        super().__init__()
        self._fallback = fallback
        self._level = level
        self._partial = {}  # id(host) -> (host, text)

    def writable(self):
        return True

    def write(self, text):
        host = getattr(_current[0], "__dict__", {}).get("_pb_host")
        if host is None:
            return self._fallback.write(text)
        key = id(host)
        _, pending = self._partial.pop(key, (host, ""))
        lines = (pending + text).split("\n")
        for line in lines[:-1]:
            host.log(self._level, line)
        if lines[-1]:
            self._partial[key] = (host, lines[-1])
        return len(text)

    def flush(self):
        for host, text in self._partial.values():
            host.log(self._level, text)
        self._partial.clear()
        self._fallback.flush()


def _use_host_random(host_random):
    """The module-level `random` functions draw from the thread's Math.random, so one run seed
    drives TypeScript and Python components alike (and local and parallel runs agree). A module
    that calls `random.seed(...)` gets Python's own Mersenne Twister back; `random.Random(seed)`
    instances are untouched."""
    import random

    inst = random._inst
    own_seed = type(inst).seed

    def host():
        return host_random()

    def seed(*args, **kwargs):
        inst.__dict__.pop("random", None)
        random.random = inst.random
        own_seed(inst, *args, **kwargs)

    inst.random = random.random = host
    inst.seed = random.seed = seed


def _sleep(seconds):
    """`time.sleep` really blocks the worker (Atomics.wait), as a compute-heavy step would."""
    if seconds < 0:
        raise ValueError("sleep length must be non-negative")
    _host.blockingSleep(float(seconds) * 1000.0)


# ---------------------------------------------------------------------------- files


class _StoreFile(_io.StringIO):
    """A text file in the run's file store: each write is appended to it at once."""

    def __init__(self, host, path, mode):
        super().__init__()
        self._pb_host = host
        self._pb_path = path
        if "w" in mode:
            host.truncateFile(path)

    def write(self, text):
        self._pb_host.appendFile(self._pb_path, text)
        return len(text)

    def writelines(self, lines):
        for line in lines:
            self.write(line)


def _open(file, mode="r", *args, **kwargs):
    """`open()` for component modules: relative paths are files of the run (as in the CLI's out dir)."""
    host = getattr(_current[0], "__dict__", {}).get("_pb_host")
    if host is None or not isinstance(file, str) or os.path.isabs(file) or "b" in mode or "+" in mode:
        return builtins.open(file, mode, *args, **kwargs)
    if "r" in mode:
        text = host.readFile(file)
        if text is None:
            raise FileNotFoundError(2, "No such file or directory", file)
        return _io.StringIO(text)
    if "x" in mode and host.readFile(file) is not None:
        raise FileExistsError(17, "File exists", file)
    return _StoreFile(host, file, "a" if "a" in mode else "w")


# ---------------------------------------------------------------------------- errors


def _user_frame(tb, files):
    """Innermost traceback entry in a user module: (file name, line, function)."""
    found = None
    for frame in traceback.extract_tb(tb):
        base = os.path.basename(frame.filename)
        if os.path.dirname(frame.filename) == MODULE_DIR and base in files:
            found = (base, frame.lineno or 1, frame.name)
    return found


def _error_info(exc, message=None):
    files = {f"{stem}.py" for stem in _loaded_stems}
    where = _user_frame(exc.__traceback__, files)
    text = message or f"{type(exc).__name__}: {exc}"
    tb_text = "".join(traceback.format_exception(exc)).replace(MODULE_DIR + "/", "")
    info = {"name": type(exc).__name__, "message": text, "traceback": tb_text}
    if where:
        info.update(file=where[0], line=where[1], function=where[2])
    return info


def take_error(obj):
    """The last error raised by a component's code, as JSON."""
    return json.dumps(_errors.pop(id(obj), {"name": "Error", "message": "unknown Python error"}))


def _fail(c, exc):
    _errors[id(c)] = _error_info(exc)
    c._pb_error = True
    return MARK


# ---------------------------------------------------------------------------- modules


def _missing_module_message(exc, files):
    name = (exc.name or str(exc)).split(".")[0]
    where = _user_frame(exc.__traceback__, files)
    text = f"{name} is not available in the browser runtime"
    return where, text


def load_modules(specs_json):
    """Writes the module files and imports them. Returns JSON: components and problems per file."""
    specs = json.loads(specs_json)
    for stem in _loaded_stems:
        sys.modules.pop(stem, None)
    _loaded_stems[:] = [s["stem"] for s in specs]
    for spec in specs:
        with builtins.open(os.path.join(MODULE_DIR, spec["file"]), "w") as f:
            f.write(spec["source"])
    importlib.invalidate_caches()
    files = {s["file"] for s in specs}
    result = []
    for spec in specs:
        entry = {"file": spec["file"], "components": [], "problems": []}
        result.append(entry)
        try:
            module = importlib.import_module(spec["stem"])
        except SyntaxError as exc:
            entry["problems"].append(
                {"line": exc.lineno or 1, "column": exc.offset or 1, "message": f"SyntaxError: {exc.msg}"}
            )
            continue
        except ModuleNotFoundError as exc:
            where, text = _missing_module_message(exc, files)
            line = where[1] if where and where[0] == spec["file"] else 1
            entry["problems"].append({"line": line, "column": 1, "message": text})
            continue
        except BaseException as exc:  # noqa: BLE001 - any failure of user code at import
            info = _error_info(exc)
            line = info.get("line", 1) if info.get("file") == spec["file"] else 1
            entry["problems"].append({"line": line, "column": 1, "message": info["message"]})
            continue
        if "open" not in module.__dict__:
            module.open = _open
        for attr, value in list(vars(module).items()):
            cls = value.component_cls if isinstance(value, _FunctionComponent) else value
            if not (inspect.isclass(cls) and issubclass(cls, Component) and cls is not Component):
                continue
            if getattr(value, "__module__", None) != spec["stem"] or inspect.isabstract(cls):
                continue
            if cls.__dict__.get("_pb_placeholder"):
                continue
            entry["components"].append(describe(cls, attr))
            _classes[f"{spec['stem']}.{attr}"] = cls
    return json.dumps(result)


_classes = {}


def get_class(type_name):
    return _classes[type_name]


_KINDS = {int: "integer", float: "number", str: "string", bool: "boolean", dict: "mapping"}


def _arg_kind(annotation):
    if annotation in _KINDS:
        return _KINDS[annotation]
    origin, args = _t.get_origin(annotation), _t.get_args(annotation)
    if origin in (list, tuple, _t.List) and args:
        if args[0] is str:
            return "string-list"
        if args[0] in (int, float):
            return "number-list"
    if origin is dict:
        return "mapping"
    return "any"


def _jsonable(value):
    try:
        json.dumps(value)
        return True
    except (TypeError, ValueError):
        return False


def describe(cls, attr):
    """The declaration the TypeScript registry needs: ports, events, args, resources, docs."""
    args = []
    init = cls.__init__
    if init is not Component.__init__:
        for param in inspect.signature(init).parameters.values():
            if param.name == "self" or param.kind in (param.VAR_KEYWORD, param.VAR_POSITIONAL):
                continue
            if param.name in ("name", "initial_values", "parameters", "state", "constraints", "resources"):
                continue
            try:
                annotation = param.annotation
            except Exception:
                annotation = inspect.Parameter.empty
            info = {"name": param.name, "kind": _arg_kind(annotation), "required": param.default is param.empty}
            if param.default is not param.empty and _jsonable(param.default):
                info["default"] = param.default
            elif param.default is not param.empty:
                info["default"] = None
            args.append(info)
    doc = inspect.getdoc(cls) if cls.__doc__ else ""
    resources = cls.resources.model_dump() if hasattr(cls.resources, "model_dump") else cls.resources

    def events(items):
        return [{"type": e.type, "className": e.__name__} for e in items if e.type != "system.stop"]

    has_step = getattr(cls.step, "_pb_base", False) is False
    return {
        "className": attr,
        "description": (doc or "").strip().split("\n")[0],
        "inputs": list(cls.io.inputs),
        "outputs": list(cls.io.outputs),
        "inputEvents": events(cls.io.input_events),
        "outputEvents": events(cls.io.output_events),
        "handlers": list(cls._pb_handlers),
        "populated": list(cls._pb_populated),
        "args": args,
        "resources": resources if _jsonable(resources) else None,
        "hasStep": has_step,
    }


# ---------------------------------------------------------------------------- instances


def construct(cls, args_json, host):
    """Creates an instance from the YAML args (JSON). Returns it, or MARK after an error."""
    args = json.loads(args_json)
    holder = _Holder()
    _current[0] = holder
    holder.name = args.get("name", "?")
    holder._pb_host = host  # print() in __init__ goes to the run's log too
    _component_module._host_for_new[0] = host  # and self._logger
    try:
        obj = cls(**args)
    except BaseException as exc:  # noqa: BLE001
        _errors[id(holder)] = _error_info(exc)
        _last_construct_error[0] = holder
        return MARK
    finally:
        _current[0] = None
        _component_module._host_for_new[0] = None
    obj.__dict__["_pb_host"] = host
    return obj


class _Holder:
    name = "?"


_last_construct_error = [None]


def take_construct_error():
    return take_error(_last_construct_error[0])


def set_parameters(obj, parameters_json):
    obj.parameters = json.loads(parameters_json)


def set_inputs_json(obj, values_json):
    d = obj.__dict__
    for key, value in json.loads(values_json).items():
        d[key] = value


def _resume(c, co, yielded):
    """Finishes a coroutine that suspended, as an asyncio Task would (without a Task per step,
    so steps that never suspend stay synchronous). Returns a future done when it has finished."""
    done = asyncio.get_event_loop().create_future()
    _wait_on(c, co, yielded, done)
    return done


def _wait_on(c, co, yielded, done):
    if yielded is None:  # a bare yield (asyncio.sleep(0)): run again soon
        asyncio.get_event_loop().call_soon(_advance, c, co, done)
    elif getattr(yielded, "_asyncio_future_blocking", False):
        yielded._asyncio_future_blocking = False
        yielded.add_done_callback(lambda _future: _advance(c, co, done))
    else:
        _advance(c, co, done, RuntimeError(f"a component coroutine awaited {yielded!r}, which is not an asyncio future"))


def _advance(c, co, done, error=None):
    _current[0] = c
    try:
        yielded = co.throw(error) if error is not None else co.send(None)
    except StopIteration:
        done.set_result(None)
        return
    except BaseException as exc:  # noqa: BLE001
        _fail(c, exc)
        done.set_result(None)
        return
    finally:
        _current[0] = None
    _wait_on(c, co, yielded, done)


def _drive(c, co):
    """Runs a coroutine as far as it goes synchronously; MARK if it suspended or failed."""
    _current[0] = c
    try:
        yielded = co.send(None)
    except StopIteration:
        return None
    except BaseException as exc:  # noqa: BLE001
        return _fail(c, exc)
    finally:
        _current[0] = None
    c._pb_pending = _resume(c, co, yielded)
    return MARK


def call(c, method):
    """Calls `init`/`destroy` (async or not): None when done, MARK when pending or failed."""
    _current[0] = c
    try:
        result = getattr(c, method)()
    except BaseException as exc:  # noqa: BLE001
        return _fail(c, exc)
    finally:
        _current[0] = None
    if inspect.iscoroutine(result):
        return _drive(c, result)
    return None


def take_pending(c):
    pending = c.__dict__.pop("_pb_pending", None)
    return pending


def make_stepper(cls):
    """A function `step(c, *inputs[, buf])` specialised for the class's fields (the fast path).

    It binds the inputs, runs `step` and returns the output (one output), or writes the outputs
    into `buf` and returns 0; MARK when something else happened (IO closed, events queued, inputs
    assigned, step suspended or raised): the caller then calls `collect`.
    """
    ins, outs = cls.io.inputs, cls.io.outputs
    params = ["c"] + [f"i{k}" for k in range(len(ins))] + (["buf"] if len(outs) != 1 else [])
    lines = [f"def stepper({', '.join(params)}):", "    d = c.__dict__"]
    lines += [f"    d[{name!r}] = i{k}" for k, name in enumerate(ins)]
    lines += [
        "    _current[0] = c",
        "    try:",
        "        co = c.step()",
        "        yielded = co.send(None)",
        "    except StopIteration:",
        "        pass",
        "    except BaseException as exc:",
        "        _current[0] = None",
        "        return _fail(c, exc)",
        "    else:",
        "        _current[0] = None",
        "        c._pb_pending = _resume(c, co, yielded)",
        "        return MARK",
        "    _current[0] = None",
        "    if c._pb_flag:",
        "        return MARK",
    ]
    if len(outs) == 1:
        lines.append(f"    return getattr(c, {outs[0]!r})")
    else:
        lines += [f"    buf[{k}] = getattr(c, {name!r})" for k, name in enumerate(outs)]
        lines.append("    return 0")
    namespace = {"_current": _current, "_fail": _fail, "_resume": _resume}
    namespace["MARK"] = MARK
    exec("\n".join(lines), namespace)
    return namespace["stepper"]


def _event_json(event):
    return {
        "id": str(event.id),
        "type": event.type,
        "timestamp": event.timestamp.timestamp() * 1000.0,
        "source": event.source,
        "version": event.version,
        "data": event.data.model_dump() if hasattr(event.data, "model_dump") else event.data,
        "metadata": dict(event.metadata),
    }


def collect(c):
    """After a special step: JSON with error flag, closed flag, queued events, assigned inputs, outputs."""
    d = c.__dict__
    d["_pb_flag"] = False
    error = d.pop("_pb_error", False)
    assigned = d.pop("_pb_assigned", None) or []
    events = [_event_json(e) for e in c.io._queued]
    c.io._queued.clear()
    return json.dumps(
        {
            "error": bool(error),
            "closed": c.io._closed,
            "events": events,
            "assigned": {name: getattr(c, name) for name in dict.fromkeys(assigned)},
            "outputs": [getattr(c, name) for name in c.io.outputs],
        },
        default=_json_default,
    )


def _json_default(value):
    if hasattr(value, "model_dump"):
        return value.model_dump()
    if isinstance(value, (set, tuple)):
        return list(value)
    return repr(value)


def handle_event(c, event_json):
    """Runs the handler of one event: None when done, MARK when pending, failed or it returned an event."""
    data = json.loads(event_json)
    handler_name = type(c)._pb_handlers.get(data["type"])
    if handler_name is None:
        return None
    cls = event_class(data["type"])
    if cls is None or not any(e.type == data["type"] for e in c.io.input_events):
        cls = next((e for e in c.io.input_events if e.type == data["type"]), Event)
    event = cls(**data)
    _current[0] = c
    try:
        result = getattr(c, handler_name)(event)
        if inspect.iscoroutine(result):
            co = result
            try:
                yielded = co.send(None)
            except StopIteration as stop:
                result = stop.value
            else:
                c._pb_pending = _resume(c, co, yielded)
                return MARK
    except BaseException as exc:  # noqa: BLE001
        return _fail(c, exc)
    finally:
        _current[0] = None
    if isinstance(result, Event):
        c.io.queue_event(result)
    return MARK if c._pb_flag else None


Component._pb_flag = False
