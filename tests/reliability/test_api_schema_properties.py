"""Property-based testing of /schema/openapi.json against the running server (schemathesis).

Every operation gets generated requests, valid and invalid; every answer must be
a non-5xx, with a declared status code, content type, headers and body shape.
"""

from __future__ import annotations

import json

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from tests.reliability.db_checks import seed
from tests.reliability.server import Server

pytestmark = pytest.mark.slow

EXAMPLES = 400
STAFF_EXAMPLES = 40
MIN_REQUESTS = 1000
# Generated submissions try many unknown codes; the limits are tested on their own.
GENEROUS_LIMITS = json.dumps({k: [10**6, 1] for k in (
    "code_failures_per_address", "submissions_per_code", "submissions_per_address")})

calls: list[str] = []
# A body that fits the schema can still be refused with a 400 for what the schema cannot say
# (an unknown access code, an answer that is not an option of that question), so "valid by
# the schema means accepted" does not hold; every other check does.
SEMANTIC = schemathesis.checks.positive_data_acceptance


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from tests.conftest import migrate

    tmp = tmp_path_factory.mktemp("schemathesis")
    url = f"sqlite:///{tmp / 'api.sqlite3'}"
    migrate(url)
    seed(url)
    with Server(url, tmp / "server.log", FEELSAFE_RATE_LIMITS=GENEROUS_LIMITS) as running:
        yield running


@pytest.fixture(scope="module")
def api_schema(server):
    return schemathesis.openapi.from_url(server.base + "/schema/openapi.json")


def _operations(api_schema):
    return [result.ok() for result in api_schema.get_all_operations()]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_every_generated_request_gets_a_declared_non_5xx_answer(api_schema, server, mode):
    # Hypothesis driven directly (schemathesis's pytest plugin predates pytest 9).
    for operation in _operations(api_schema):

        # The pupil operations get the most; staff ones answer 401/403 to a stranger anyway.
        examples = STAFF_EXAMPLES if operation.path.startswith("/api/v1/staff") else EXAMPLES

        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy(generation_mode=mode))
        def check(case):
            calls.append(f"{case.method.upper()} {case.path}")
            case.call_and_validate(base_url=server.base, excluded_checks=[SEMANTIC])

        try:
            check()
        except Unsatisfiable:
            # Nothing to make invalid (GET /healthz takes no input): only positive cases.
            assert mode is GenerationMode.NEGATIVE


def test_enough_requests_were_generated_across_every_operation(api_schema):
    operations = {f"{op.method.upper()} {op.path}" for op in _operations(api_schema)}
    print(f"schemathesis: {len(calls)} requests, {len(set(calls))} operations")
    assert len(calls) >= MIN_REQUESTS, len(calls)
    assert set(calls) >= operations, operations - set(calls)
