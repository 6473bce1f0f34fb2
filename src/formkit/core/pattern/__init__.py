"""Patterns: a field's ``pattern`` (SPEC §2.2), in a small subset of regular expressions that
formkit reads itself (:mod:`.syntax`), proves unambiguous (:mod:`.ambiguity`) and runs as a
linear-time program (:mod:`.program`).

No backtracking engine ever sees author text: Python and the browser (static/formkit-pattern.js:
the same parser, the same program) simulate the program; each SQL engine gets a regex written
from the parsed tree (:mod:`formkit.sql.regex`), which reads every text in one way only, so that
a backtracking engine (PostgreSQL's, MariaDB's PCRE2) also runs it in linear time.

>>> p = compile_pattern('[0-9]{1,4}(-[0-9]{1,3}){0,2}')
>>> [p.fullmatch(t) for t in ('12', '12-3-501', '12-', '１２')]
[True, True, False, False]
>>> compile_pattern('(a+)+$')
Traceback (most recent call last):
  ...
formkit.core.pattern.syntax.PatternError: '(a+)+' can match 'aa' in more than one way
"""

from __future__ import annotations

from functools import lru_cache

from formkit.core.pattern.ambiguity import check_one_way
from formkit.core.pattern.program import CompiledPattern, compile_tree, program_json
from formkit.core.pattern.syntax import MAX_COUNT, MAX_LENGTH, MAX_POSITIONS, PatternError, parse_pattern

__all__ = ["MAX_COUNT", "MAX_LENGTH", "MAX_POSITIONS", "CompiledPattern", "PatternError", "compile_pattern",
           "fullmatch", "program_json"]


@lru_cache(maxsize=512)
def compile_pattern(text: str) -> CompiledPattern:
    """Parse, check and compile ``text``; raises :class:`PatternError`. Cached by text: a
    template's patterns are compiled once, at check time, and reused by every check after."""
    tree = parse_pattern(text)
    prog, owners = compile_tree(tree)
    compiled = CompiledPattern(text, tree, prog, owners)
    check_one_way(compiled)
    return compiled


def fullmatch(pattern: str, text: str) -> bool:
    """Whether the whole of ``text`` matches the (checked) ``pattern``."""
    return compile_pattern(pattern).fullmatch(text)
