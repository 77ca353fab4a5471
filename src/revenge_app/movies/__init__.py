"""The movie catalogue and watch state."""
