"""Language: the expression language — grammar, AST, parser, names, types, the function table."""
