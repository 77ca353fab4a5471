"""The job platform wired for the app: handlers, the periodic schedule, worker and scheduler."""
