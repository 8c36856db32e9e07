"""Session fixture for the pipeline-behaviour tests: analyse a sentence once and validate it."""

from __future__ import annotations

import pytest
from rp_helpers import PUBLISHED

from realpolitik.pipeline import analyze
from realpolitik.schema import validate


@pytest.fixture(scope="session")
def analyse(nlp):
    """`analyse(text)` -> the validated record dict; one result per text per session."""
    cache: dict[str, dict] = {}

    def run(text: str) -> dict:
        if text not in cache:
            record = analyze(text, published=PUBLISHED, nlp=nlp).to_dict()
            validate(record)
            cache[text] = record
        return cache[text]

    return run
