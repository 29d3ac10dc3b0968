"""The Hypothesis profiles of conftest.py: no deadline anywhere, fixed examples in CI."""

from __future__ import annotations

import os

import pytest
from hypothesis import settings


def test_the_loaded_profile_follows_the_environment() -> None:
    expected = os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
    assert settings.default == settings.get_profile(expected)


@pytest.mark.parametrize("name", ["dev", "ci", "long", "mutation"])
def test_no_profile_has_a_deadline(name: str) -> None:
    assert settings.get_profile(name).deadline is None


def test_ci_is_derandomised_and_long_is_longer() -> None:
    assert settings.get_profile("ci").derandomize
    assert settings.get_profile("mutation").derandomize  # the same examples for every mutant
    assert not settings.get_profile("dev").derandomize
    assert not settings.get_profile("long").derandomize
    assert (
        settings.get_profile("long").max_examples >= 10 * settings.get_profile("dev").max_examples
    )
