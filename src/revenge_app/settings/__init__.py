"""Settings: the server's and each user's."""
