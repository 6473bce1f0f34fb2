"""The expression language: grammar, AST, parser, name resolution and type checking."""
