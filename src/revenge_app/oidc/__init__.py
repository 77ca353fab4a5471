"""Sign-in through OIDC providers."""
