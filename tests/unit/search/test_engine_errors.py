"""What the search engine says when it refuses or fails reaches the log, never the client."""

from __future__ import annotations

import pytest
from typesense.exceptions import ObjectNotFound, RequestMalformed, ServiceUnavailable

from revenge_adapters.search.typesense_calls import guarded
from revenge_domain.search import InvalidSearch, SearchUnavailable

ENGINE_TEXT = "Parameter page must be an unsigned integer"


@pytest.mark.parametrize(
    ("raised", "expected"),
    [
        (RequestMalformed(ENGINE_TEXT), InvalidSearch),
        (ObjectNotFound(f"Could not find a field named `x`. {ENGINE_TEXT}"), InvalidSearch),
        (ServiceUnavailable(ENGINE_TEXT), SearchUnavailable),
    ],
)
async def test_the_engine_text_stays_in_the_log(
    raised: Exception, expected: type[Exception], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO")
    with pytest.raises(expected) as failed:
        async with guarded("revenge_movies", "search"):
            raise raised
    assert ENGINE_TEXT not in str(failed.value)
    assert "revenge_movies" not in str(failed.value)
    assert any(ENGINE_TEXT in str(getattr(r, "fields", "")) for r in caplog.records)
