"""Migration 0022: clients reopened before it get their earlier, closed episode back from their history, so the flow
figures stop counting their closed months as waiting."""

import importlib
from datetime import date

import pytest
from django.apps import apps
from django.utils import timezone

from placements.models import CaseEpisode, OutflowCase
from tests.factories import OutflowCaseFactory

pytestmark = pytest.mark.django_db
migration = importlib.import_module("placements.migrations.0022_live_and_municipality_figures")


def test_a_client_reopened_before_the_migration_gets_its_closed_episode(party):
    reopened = OutflowCaseFactory(care_provider=party.care_provider, region=party.region, ready_on=date(2024, 1, 5))
    never_closed = OutflowCaseFactory(care_provider=party.care_provider, region=party.region)
    still_closed = OutflowCaseFactory(care_provider=party.care_provider, region=party.region)
    # As the reopening did before 0022: close (history records it), then open again with the closing date cleared.
    for case in (reopened, still_closed):
        OutflowCase.objects.filter(pk=case.pk).update(
            status="closed", closed_reason="withdrawn", closed_on=date(2024, 2, 10)
        )
    OutflowCase.objects.filter(pk=reopened.pk).update(status="waiting", closed_reason="", closed_on=None)

    migration.fill_case_episodes(apps, None)

    episode = CaseEpisode.objects.get()
    assert (episode.case_id, episode.ready_on, episode.closed_on) == (reopened.pk, date(2024, 1, 5), date(2024, 2, 10))
    assert episode.reopened_on == timezone.localdate()  # the day of the change in the history
    assert not CaseEpisode.objects.filter(case__in=[never_closed, still_closed]).exists()
