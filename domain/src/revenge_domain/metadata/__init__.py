"""Metadata from providers (TMDb, TheTVDB, OMDb, Fanart.tv): ports, model, refresh use cases."""
