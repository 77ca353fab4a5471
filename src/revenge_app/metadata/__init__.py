"""Metadata from the providers: reads, refreshes, enrichment."""
