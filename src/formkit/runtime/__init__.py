"""Runtime: connections to the engines; filling, submitting and rolling up (runtime.workflow)."""

from formkit.runtime.connect import Connection, DatabaseUnavailable, TransactionLost, connect

__all__ = ["Connection", "DatabaseUnavailable", "TransactionLost", "connect"]
