"""Meaning: the checked template — expressions resolved in their scopes, the IR and the plan."""
