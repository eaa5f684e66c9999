"""Fixtures of the figures tests."""

import pytest
from django.utils import timezone

from placements.figures import services
from tests.factories import AgreementFactory


@pytest.fixture
def figures(party):
    """This year's figures of the region, after a run: corporation A agreed a quota of 40."""
    AgreementFactory(region=party.region, corporation=party.corporation, quota=40, year=timezone.localdate().year)
    return services.run_figures(run_id=services.queue_run(region_id=None).pk)
