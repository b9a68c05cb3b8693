"""Names that exist so tutorial modules import unchanged, but need Python Plugboard to be used."""

from plugboard.exceptions import NotAvailableError


def unavailable(module, name, why):
    """A class that can be imported and subclassed but raises a clear error when used."""

    def fail(*_args, **_kwargs):
        raise NotAvailableError(f"{module}.{name} is not available in the browser runtime: {why}")

    cls = type(name, (), {"__init__": fail, "__module__": module, "__doc__": f"Not available in the browser runtime: {why}"})
    cls.builder = classmethod(fail)
    cls.build = classmethod(fail)
    return cls


YAML_BUILDS = "the YAML model builds the process (run it with Plugboard Studio, or with Python Plugboard on Ray)"
