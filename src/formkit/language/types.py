"""Type check: infer each node's type bottom-up and report operands of the wrong type."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from formkit.core import errors
from formkit.core.errors import Issue, suggestion_hint
from formkit.language import ast
from formkit.language.ast import Type
from formkit.language.functions import FUNCTIONS
from formkit.language.scope import Scope, Symbols, constant_type

N, T, D, B, M = Type.NUMBER, Type.TEXT, Type.DATE, Type.BOOLEAN, Type.MULTI
ORDERED = (N, T, D)
ARITH = frozenset({"+", "-", "*", "/"})
COMPARE = frozenset({"=", "!=", "<", "<=", ">", ">="})

_TYPE_WORDS = {N: "a number", T: "text", D: "a date", B: "true/false", M: "a list of choices",
               Type.NULL: "null", Type.ROWS: "rows"}


def word(t: Type | None) -> str:
    return _TYPE_WORDS.get(t, "unknown") if t is not None else "unknown"


def unify(a: Type | None, b: Type | None) -> Type | None:
    """The common type of two branches; NULL fits anything. None when they clash."""
    if a is Type.NULL:
        return b
    if b is Type.NULL or a == b:
        return a
    return None


class TypeChecker:
    """Fills ``Expr.type`` for every node of one resolved expression."""

    def __init__(self, sym: Symbols, scope: Scope, path: str, issues: list[Issue]) -> None:
        self.sym = sym
        self.scope = scope
        self.path = path
        self.issues = issues

    def error(self, message: str, node: ast.Expr, hint: str | None = None,
              code: errors.ErrorCode = errors.TYPE_MISMATCH) -> None:
        self.issues.append(Issue(code.code, message, node.span, self.path, hint))

    def check(self, node: ast.Expr) -> Type | None:
        """The node's type, or None when it is already in error (no cascade of messages)."""
        method: Callable[[ast.Expr], Type | None] = getattr(self, f"visit_{type(node).__name__}")
        node.type = method(node)
        return node.type

    def expect(self, node: ast.Expr, wanted: Sequence[Type], what: str) -> Type | None:
        got = self.check(node)
        if got is None or got is Type.NULL or got in wanted:
            return got
        want = " or ".join(word(w) for w in wanted)
        self.error(f"{what} needs {want}, but this is {word(got)}", node, _hint(got, wanted))
        return None

    # -- leaves --------------------------------------------------------------------------

    def visit_Literal(self, node: ast.Literal) -> Type | None:
        value = node.value
        if value is None:
            return Type.NULL
        if isinstance(value, str):
            return T
        return D if not isinstance(value, bool | int) and hasattr(value, "isoformat") else constant_type(value)

    def visit_Name(self, node: ast.Name) -> Type | None:
        ref = node.ref
        sym = self.sym
        if isinstance(ref, ast.FieldRef):
            return sym.field_types.get(ref.field)
        if isinstance(ref, ast.GridCellRef):
            return N
        if isinstance(ref, ast.RowParamRef):
            assert self.scope.grid is not None and self.scope.grid_row is not None
            return sym.grids[self.scope.grid].rows[self.scope.grid_row][ref.name]
        if isinstance(ref, ast.RowColumnRef):
            return sym.table_columns[ref.table].get(ref.column)
        if isinstance(ref, ast.PoolColumnRef):
            return sym.pool_columns(ref.table)[ref.column]
        if isinstance(ref, ast.SourceFieldRef):
            return sym.sources[ref.alias].fields[ref.slot]
        if isinstance(ref, ast.SourceColumnRef):
            return sym.sources[ref.alias].tables[ref.table].get(ref.column)
        return None  # unresolved: already reported

    # -- operators -----------------------------------------------------------------------

    def visit_Unary(self, node: ast.Unary) -> Type | None:
        if node.op == "not":
            return B if self.expect(node.operand, (B,), "'not'") is not None else None
        return N if self.expect(node.operand, (N,), f"'{node.op}'") is not None else None

    def visit_Binary(self, node: ast.Binary) -> Type | None:
        op = node.op
        if op in ("and", "or"):
            ok = [self.expect(node.left, (B,), f"'{op}'"), self.expect(node.right, (B,), f"'{op}'")]
            return B if all(t is not None for t in ok) else None
        if op in ARITH:
            ok = [self.expect(node.left, (N,), f"'{op}'"), self.expect(node.right, (N,), f"'{op}'")]
            return N if all(t is not None for t in ok) else None
        if op == "&":
            ok = [self.expect(node.left, (T,), "'&'"), self.expect(node.right, (T,), "'&'")]
            return T if all(t is not None for t in ok) else None
        allowed = ORDERED if op not in ("=", "!=") else (N, T, D, B)
        return B if self._same(node, [node.left, node.right], allowed, f"'{op}'") else None

    def _same(self, node: ast.Expr, operands: Sequence[ast.Expr], allowed: Sequence[Type], what: str) -> bool:
        return self._common(operands, allowed, what, "compares {} with {}", "both sides must be of the same kind") \
            is not None

    def _common(self, operands: Sequence[ast.Expr], allowed: Sequence[Type], what: str, clash: str,
                hint: str) -> Type | None:
        """The one type all ``operands`` share (NULL fits any), or None after reporting why not."""
        types = [self.expect(o, allowed, what) for o in operands]
        if any(t is None for t in types):
            return None
        common: Type | None = Type.NULL
        for operand, t in zip(operands, types, strict=True):
            merged = unify(common, t)
            if merged is None:
                self.error(f"{what} " + clash.format(word(common), word(t)), operand, hint)
                return None
            common = merged
        return common

    def visit_IsNull(self, node: ast.IsNull) -> Type | None:
        self.check(node.operand)
        return B

    def visit_In(self, node: ast.In) -> Type | None:
        return B if self._same(node, [node.operand, *node.items], (N, T, D, B), "'in'") else None

    def visit_Between(self, node: ast.Between) -> Type | None:
        return B if self._same(node, [node.operand, node.low, node.high], ORDERED, "'between'") else None

    # -- calls ---------------------------------------------------------------------------

    def visit_Call(self, node: ast.Call) -> Type | None:
        function = FUNCTIONS.get(node.name)
        where = node.name_span or node.span
        if function is None:
            self.issues.append(Issue(errors.UNKNOWN_FUNCTION.code, f"unknown function '{node.name}'", where,
                                     self.path, suggestion_hint(node.name, FUNCTIONS) or
                                     "see docs/expressions.md for the functions of the language"))
            return None
        low, high, arg_types, result = function.min_args, function.max_args, function.arg_types, function.result
        n = len(node.args)
        if n < low or (high is not None and n > high):
            need = str(low) if low == high else (f"{low} or more" if high is None else f"{low} to {high}")
            self.issues.append(Issue(errors.ARG_COUNT.code, f"{node.name}() takes {need} arguments, not {n}",
                                     where, self.path, None))
            return None
        if arg_types is not None:
            ok = [self.expect(a, (t,), f"{node.name}()") for a, t in zip(node.args, arg_types, strict=False)]
            if node.name == "round" and n == 2:
                self._round_digits(node.args[1])
            return result if all(t is not None for t in ok) else None
        return self._generic_call(node)

    def _round_digits(self, arg: ast.Expr) -> None:
        value = arg.value if isinstance(arg, ast.Literal) else None
        neg = isinstance(arg, ast.Unary) and arg.op == "-" and isinstance(arg.operand, ast.Literal)
        if neg:
            value = arg.operand.value  # type: ignore[attr-defined]
        ok = value is not None and not isinstance(value, bool | str) and value == int(value) and int(value) <= 10  # type: ignore[arg-type]
        if not ok:
            self.issues.append(Issue(errors.BAD_ROUND_DIGITS.code,
                                     "round()'s places must be a whole number from -10 to 10, written out",
                                     arg.span, self.path, "for example round(rate, 2)"))

    def _generic_call(self, node: ast.Call) -> Type | None:
        name = node.name
        if name == "if":
            self.expect(node.args[0], (B,), "if()'s condition")
            branches = node.args[1:]
        else:
            branches = node.args
        allowed = ORDERED if name in ("min", "max") else (N, T, D, B, M)
        return self._common(branches, allowed, f"{name}()", "mixes {} and {}", "all its values must be of one kind")

    def visit_Aggregate(self, node: ast.Aggregate) -> Type | None:
        if node.where is not None:
            self.expect(node.where, (B,), "'where'")
        ref = node.source.ref
        if ref is None:
            return None
        column_type = self._column_type(ref)
        node.source.type = column_type if column_type is not None else Type.ROWS
        func = node.func
        if func == "count":
            return N
        if column_type is None:
            self.error(f"{func}() needs a column: which values should it {_VERB[func]}?", node.source,
                       f"for example {func}({node.source.dotted}.column)", errors.NOT_A_TABLE)
            return None
        if func == "count_distinct":
            return N
        allowed = (N,) if func in ("sum", "avg") else ORDERED
        if column_type not in allowed:
            self.error(f"{func}() needs {' or '.join(word(a) for a in allowed)}, "
                       f"but '{node.source.dotted}' is {word(column_type)}", node.source)
            return None
        return column_type

    def _column_type(self, ref: ast.Ref) -> Type | None:
        if isinstance(ref, ast.TableColumnRef):
            return self.sym.table_columns[ref.table].get(ref.column) or Type.NULL
        if isinstance(ref, ast.PoolColumnRef):
            return self.sym.pool_columns(ref.table)[ref.column]
        if isinstance(ref, ast.GridColumnRef):
            return N
        if isinstance(ref, ast.SourceColumnRef):
            return self.sym.sources[ref.alias].tables[ref.table].get(ref.column) or Type.NULL
        return None

    def visit_Prev(self, node: ast.Prev) -> Type | None:
        return self.check(node.target)


_VERB = {"sum": "add up", "avg": "average", "min": "compare", "max": "compare", "count_distinct": "count"}


def _hint(got: Type | None, wanted: Sequence[Type]) -> str | None:
    if got is T and N in wanted:
        return "text cannot be used in arithmetic; is a field of the wrong type?"
    if got is N and T in wanted:
        return "'&' joins text only; numbers are not turned into text"
    if got is not B and B in wanted:
        return "a condition compares values, e.g. count > 0"
    return None
