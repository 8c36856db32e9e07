"""Provenance: no string literal of the tests shares six consecutive words with an evaluation text.

Test sentences are our own (docs/evaluation.md): a sentence lifted or closely paraphrased from a
shared data set or the seed article would let a rule written for it pass as general. Words are
runs of letters, digits, apostrophes and hyphens, compared lower-case, so a copied sentence with
its punctuation changed is still caught; a copied label ('surface-to-air missile') is not six words,
and markup tags are left out on both sides.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from realpolitik.eval import EvalError, find_shared

ROOT = Path(__file__).resolve().parents[1]
RUN = 6
#: documentation of the data, not evaluation text
NOT_TEXT = {"README.md", "LICENSE", "ATTRIBUTION", "SOURCE.txt"}
_WORD = re.compile(r"[a-z0-9'’-]+")


_MARKUP = re.compile(r"<[^<>]*>")


def words(text: str) -> list[str]:
    """The words of a text, its markup tags left out (a copied XML layout is not a copied sentence)."""
    return [w.strip("'’-") for w in _WORD.findall(_MARKUP.sub(" ", text.lower())) if w.strip("'’-")]


def runs(text: str) -> set[int]:
    """Hashes of every run of RUN consecutive words."""
    w = words(text)
    return {hash(" ".join(w[i:i + RUN])) for i in range(len(w) - RUN + 1)}


def literals(path: Path):
    """(line, text) of every string literal of a Python file (implicitly joined pieces as one)."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value


def test_runs_catch_a_copy_with_other_punctuation():
    original = runs("The envoy said: the border crossing will reopen on Monday, officials confirmed.")
    assert runs("the border crossing will reopen on Monday") <= original
    assert runs("The border crossing will reopen; on Monday...") <= original
    assert not runs("the border-crossing will reopen on Monday") & original  # a hyphenated word is one word
    assert not runs("the border crossing reopens on Monday") & original


@pytest.fixture(scope="module")
def shared_runs():
    try:
        shared = find_shared()
    except EvalError as exc:
        pytest.skip(f"../shared is absent ({exc})")
    found: set[int] = set()
    for folder in (shared / "datasets", shared / "seeds"):
        for path in folder.rglob("*"):
            if path.is_file() and path.name not in NOT_TEXT:
                found |= runs(path.read_text(encoding="utf-8", errors="ignore"))
    return found


@pytest.mark.shared
def test_no_test_literal_shares_six_words_with_a_shared_text(shared_runs):
    hits = [f"{path.relative_to(ROOT)}:{line}: {text[:80]!r}"
            for path in sorted((ROOT / "tests").rglob("*.py"))
            for line, text in literals(path) if runs(text) & shared_runs]
    assert not hits, "test literals copied from evaluation texts:\n" + "\n".join(hits)
