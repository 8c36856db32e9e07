"""Fixtures for the evaluation tests: the shared/ folder, skipped with a reason when it is absent."""

import pytest

from realpolitik.eval import EvalError, find_shared


@pytest.fixture(scope="session")
def shared_dir():
    try:
        return find_shared()
    except EvalError as exc:
        pytest.skip(f"../shared is absent ({exc})")
