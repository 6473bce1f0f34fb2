"""The catalog stage (SPEC §8.2–8.3): every template of a city at once — the same item asked
twice, what the pool could pre-fill, what could merge — and the admission fence for new ones."""
