"""Small real in-memory implementations of the domain ports, for unit tests."""
