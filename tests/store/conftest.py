"""Short names for the hand-built analyses in the store tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def a(sample_a):
    return sample_a


@pytest.fixture
def b(sample_b):
    return sample_b
