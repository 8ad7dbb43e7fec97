"""Fixtures for the report tests."""

from __future__ import annotations

import pytest
from review_fixture import build_small_group


@pytest.fixture
def small_group(store):
    return build_small_group(store)
