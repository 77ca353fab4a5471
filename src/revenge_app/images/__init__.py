"""Artwork through the disk cache."""
