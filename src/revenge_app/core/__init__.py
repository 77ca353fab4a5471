"""What every feature shares: the services, the caches and the job queue over them."""
