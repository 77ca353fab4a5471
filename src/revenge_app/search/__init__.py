"""Search: the endpoints, the index following the catalogue, rebuilds."""
