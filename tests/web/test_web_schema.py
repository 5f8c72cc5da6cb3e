"""Property-based check of the JSON API against its own /openapi.json (schemathesis, in-process).

Uses schemathesis' Python API (strategies per operation driven by Hypothesis) on the
ASGI app, so no server or network is involved. Bounded: a few examples per operation.
"""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis.errors import Unsatisfiable  # noqa: E402
from schemathesis.generation.modes import GenerationMode  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    negative_data_rejection,
    positive_data_acceptance,
)

EXAMPLES = {GenerationMode.POSITIVE: 10, GenerationMode.NEGATIVE: 6}


@pytest.fixture(scope="module")
def api_operations(web_app):
    schema = schemathesis.openapi.from_asgi("/openapi.json", web_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 11
    return operations


@pytest.mark.parametrize("mode", list(EXAMPLES), ids=lambda m: m.value)
def test_api_matches_its_openapi_document(api_operations, mode):
    # Every documented operation, with valid (positive) and invalid (negative) inputs:
    # no 5xx, documented status codes and content types, responses matching their schemas,
    # invalid input refused with 4xx.
    for operation in api_operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES[mode],
            deadline=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            excluded = []
            if case.operation.path == "/api/extract" and case.media_type == "multipart/form-data":
                # Multipart carries every value as bytes, so the schema cannot tell a good
                # upload from a bad one: an empty or binary file "fits" yet is no article
                # (refused with 422), and a "wrongly typed" part is just text. The JSON and
                # text bodies keep both checks; tests/web/test_web_api.py covers uploads.
                excluded += [positive_data_acceptance, negative_data_rejection]
            case.call_and_validate(excluded_checks=excluded)

        try:
            check()
        except Unsatisfiable:
            # Nothing to negate: every input of this operation is a free-form string
            # (an id in the path) or it takes none; the positive run covers it.
            assert mode is GenerationMode.NEGATIVE, operation.label
