"""Radarr and Sonarr."""
