"""Connectors: the TypeScript runtime makes the channels from the YAML; these names only import."""

from plugboard._unavailable import YAML_BUILDS, unavailable

_NAMES = [
    "AsyncioChannel", "AsyncioConnector", "Connector", "Channel", "ConnectorBuilder", "RabbitMQChannel",
    "RabbitMQConnector", "RayChannel", "RayConnector", "RedisChannel", "RedisConnector", "SerdeChannel",
    "ZMQChannel", "ZMQConnector",
]
for _name in _NAMES:
    globals()[_name] = unavailable(__name__, _name, YAML_BUILDS)

__all__ = list(_NAMES)
