"""Library scans, file matching, folder watching."""
