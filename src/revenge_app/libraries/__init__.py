"""Libraries and who may read them."""
