"""Identity: accounts, sign-in, sessions, API keys, roles, second factors, recovery."""
