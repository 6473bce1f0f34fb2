"""Proof: what a checked template's bounds, ``required``, ``visible``, calcs and rules imply,
proved with an SMT solver (SPEC §11). Runs after type checking, on the checked Template."""
