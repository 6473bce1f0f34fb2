"""Runtime: connections to the engines, and (later) filling, submitting and rolling up."""

from formkit.runtime.connect import Connection, connect

__all__ = ["Connection", "connect"]
