from tests.integration.settings.conftest import server

__all__ = ["server"]
