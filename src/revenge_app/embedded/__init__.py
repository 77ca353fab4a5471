"""The embedded stack: PostgreSQL, Redis and Typesense started from Python packages."""
