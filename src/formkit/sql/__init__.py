"""SQL back end: sqlglot trees per dialect, every runtime value a bound parameter."""

from formkit.sql.engines import DIALECTS, Dialect, decode, encode, get, render
from formkit.sql.expr import PERIOD_END, PERIOD_START, lower, param

__all__ = ["DIALECTS", "PERIOD_END", "PERIOD_START", "Dialect", "decode", "encode", "get", "lower",
           "param", "render"]
