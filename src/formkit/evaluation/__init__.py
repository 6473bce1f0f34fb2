"""Evaluation: the language's meaning in Python, for one expression and for a whole form."""
