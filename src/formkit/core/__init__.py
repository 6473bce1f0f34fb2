"""Core: what every stage shares — source spans, errors, periods, id cards, exact JSON, the connection interface."""
