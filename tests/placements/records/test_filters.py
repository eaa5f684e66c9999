"""The filters of the homes and clients lists (placements/records/filters.py): each alone and with others."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import DwellingFactory, OutflowCaseFactory

pytestmark = pytest.mark.django_db


def test_homes_filter_by_rooms_text_status_and_dates_alone_and_together(client, users, party, neighbourhood):
    DwellingFactory(corporation=party.corporation, neighbourhood=neighbourhood, street="Kerkstraat", rooms=1)
    DwellingFactory(
        corporation=party.corporation, neighbourhood=neighbourhood, street="Dijk", rooms=4, postcode="1521 XY"
    )
    client.force_login(users["coordinator"])
    url = reverse("placements:dwelling_list")

    def streets(**params):
        return [d.street for d in client.get(url, params).context["object_list"]]

    assert streets(rooms=3) == ["Dijk"]
    assert streets(q="kerk") == ["Kerkstraat"]
    assert streets(q="1521xy") == ["Dijk"]
    assert streets(order="-rooms") == ["Dijk", "Kerkstraat"]
    assert streets(status="withdrawn") == []
    # A range is named by its parts; each filter applies alone and together with others.
    soon = (timezone.localdate() + timedelta(days=14)).isoformat()
    assert sorted(streets(available_from_after="2000-01-01")) == ["Dijk", "Kerkstraat"]
    assert streets(available_from_before="2000-01-01") == []
    assert streets(available_from_before=soon, rooms=3, order="-rooms") == ["Dijk"]


def test_clients_filter_by_the_days_they_have_been_waiting(client, users, party):
    OutflowCaseFactory(
        care_provider=party.care_provider,
        region=party.region,
        reference="OLD-1",
        ready_on=timezone.localdate() - timedelta(days=200),
    )
    OutflowCaseFactory(
        care_provider=party.care_provider,
        region=party.region,
        reference="NEW-1",
        ready_on=timezone.localdate() - timedelta(days=5),
    )
    client.force_login(users["care_worker_c"])
    response = client.get(reverse("placements:case_list"), {"waiting_days": 90})
    assert [c.reference for c in response.context["object_list"]] == ["OLD-1"]
