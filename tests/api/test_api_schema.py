"""Property-based checks of the HTTP API against its own OpenAPI schema (schemathesis)."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

pytestmark = pytest.mark.issue(7)


def test_api_schema_no_server_errors_and_responses_match_the_schema(dev_db):
    from blocwatch.api import create_app

    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(dev_db))

    # Schemathesis' pytest plugin does not run under pytest 9, so its strategy is driven directly: cases for
    # every operation, with unknown actors, odd dates and huge limits among them; every answer must be a
    # documented status (never a 500) matching the response schema the API publishes. Schema-valid strings
    # may still be refused: an actor code the gazetteer does not know is a documented 400, by design.
    @given(case=schema.as_strategy())
    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def check(case):
        case.call_and_validate(excluded_checks=[positive_data_acceptance])

    check()
