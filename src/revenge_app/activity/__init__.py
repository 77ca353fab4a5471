"""The activity log: what happened and who did it."""
