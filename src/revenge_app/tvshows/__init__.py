"""The TV catalogue and watch state."""
