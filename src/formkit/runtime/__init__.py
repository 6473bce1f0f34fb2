"""Runtime: connections to the engines; filling, submitting and rolling up (runtime.workflow)."""

from formkit.runtime.connect import Connection, TransactionLost, connect

__all__ = ["Connection", "TransactionLost", "connect"]
