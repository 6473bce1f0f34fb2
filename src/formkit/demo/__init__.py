"""The demo: a synthetic city pool and ``formkit demo``."""
