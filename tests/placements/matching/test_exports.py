"""The CSV download of the placements list: the user's own placements only, no notes, logged as an export."""

import pytest
from django.urls import reverse

from placements.matching.services import cancel_placement, propose_placement
from placements.models import AccessLogEntry

pytestmark = pytest.mark.django_db


def download(client, **params):
    response = client.get(reverse("placements:placement_list"), {"export": "csv", **params})
    return b"".join(response.streaming_content).decode("utf-8")


@pytest.fixture
def two_placements(users, dwelling, other_dwelling, case, other_case):
    mine = propose_placement(dwelling_id=dwelling.pk, case_id=case.pk, by=users["coordinator"])
    cancel_placement(placement_id=mine.pk, by=users["coordinator"], note="Geheime toelichting over de cliënt")
    propose_placement(dwelling_id=other_dwelling.pk, case_id=other_case.pk, by=users["coordinator"])


@pytest.mark.parametrize(
    ("visitor", "shown"),
    [("coordinator", {"ZAA-2026-0001", "ZAA-2026-0002"}), ("corporation_a", {"ZAA-2026-0001"}),
     ("care_worker_d", {"ZAA-2026-0002"}), ("foreign_coordinator", set())],
)  # fmt: skip
def test_the_csv_holds_the_placements_the_user_may_see(client, users, two_placements, visitor, shown):
    client.force_login(users[visitor])

    text = download(client)

    assert text.startswith("\ufeffReferentie cliënt;")
    assert {ref for ref in ("ZAA-2026-0001", "ZAA-2026-0002") if ref in text} == shown
    assert "Geheime toelichting" not in text


def test_the_csv_follows_the_filters_and_is_logged(client, users, two_placements):
    client.force_login(users["coordinator"])

    text = download(client, status="cancelled")

    assert "ZAA-2026-0001" in text and "ZAA-2026-0002" not in text
    entry = AccessLogEntry.objects.filter(action=AccessLogEntry.Action.EXPORT).get()
    assert (entry.case_references, entry.query) == (["ZAA-2026-0001"], "export=csv&status=cancelled")
