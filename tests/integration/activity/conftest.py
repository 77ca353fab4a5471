from tests.integration.settings.conftest import server, sessions

__all__ = ["server", "sessions"]
