"""Request handlers of the identity features."""
