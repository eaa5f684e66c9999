"""Fixtures of the matching tests."""

import pytest

from placements.matching.services import propose_placement


@pytest.fixture
def proposed(users, dwelling, case):
    """The coordinator's proposal of corporation A's home to care provider C's client."""
    return propose_placement(dwelling_id=dwelling.pk, case_id=case.pk, by=users["coordinator"])
