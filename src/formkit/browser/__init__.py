"""Browser: the checked plan as JSON for the static JS runtime."""
