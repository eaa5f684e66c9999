"""An access-log line for every view, search and export of client records; readable, not editable, in the admin."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from placements.audit.access_log import record_access
from placements.matching.services import propose_placement
from placements.models import AccessLogEntry, OutflowCase
from regions.models import Membership
from tests.factories import MembershipFactory
from tests.helpers import case_post, submitted

pytestmark = pytest.mark.django_db


def test_opening_a_client_writes_a_view_line(client, users, party, case):
    client.force_login(users["care_worker_c"])
    client.get(reverse("placements:case_detail", args=[case.pk]))
    entry = AccessLogEntry.objects.get()
    assert entry.user == users["care_worker_c"]
    assert entry.organisation == party.care_provider
    assert entry.action == AccessLogEntry.Action.VIEW
    assert entry.case_references == [case.reference]


def test_a_search_logs_the_clients_shown_and_the_query(client, users, case, other_case):
    client.force_login(users["coordinator"])
    client.get(reverse("placements:case_list"), {"q": "0001"})
    entry = AccessLogEntry.objects.get()
    assert entry.action == AccessLogEntry.Action.SEARCH
    assert entry.case_references == [case.reference]
    assert "q=0001" in entry.query


def test_an_export_logs_every_exported_client(client, users, case, other_case):
    client.force_login(users["coordinator"])
    b"".join(client.get(reverse("placements:case_list"), {"export": "csv"}).streaming_content)
    entry = AccessLogEntry.objects.get()
    assert entry.action == AccessLogEntry.Action.EXPORT
    assert sorted(entry.case_references) == [case.reference, other_case.reference]
    assert entry.case_count == 2


def test_a_registration_that_fails_after_saving_leaves_neither_the_client_nor_its_line(
    client, users, case, monkeypatch
):
    client.force_login(users["care_worker_c"])
    client.raise_request_exception = False

    def fail(*args, **kwargs):
        raise RuntimeError("fout na het opslaan")

    monkeypatch.setattr("placements.records.views.messages.success", fail)  # after the save and the log line
    response = client.post(reverse("placements:case_create"), submitted(case_post(case)))

    assert response.status_code == 500
    assert list(OutflowCase.objects.all()) == [case]  # the error page's "nothing was saved" is true
    assert not AccessLogEntry.objects.exists()


def test_a_refused_look_writes_nothing(client, users, case):
    client.force_login(users["care_worker_d"])
    assert client.get(reverse("placements:case_detail", args=[case.pk])).status_code == 404
    assert not AccessLogEntry.objects.exists()


def test_the_admin_shows_the_log_read_only(admin_client, users, case, client):
    client.force_login(users["care_worker_c"])
    client.get(reverse("placements:case_detail", args=[case.pk]))
    entry = AccessLogEntry.objects.get()
    assert admin_client.get(reverse("admin:placements_accesslogentry_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:placements_accesslogentry_add")).status_code == 403
    response = admin_client.post(reverse("admin:placements_accesslogentry_delete", args=[entry.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert AccessLogEntry.objects.filter(pk=entry.pk).exists()


def test_the_log_names_the_organisation_through_which_the_client_was_seen(client, users, party, case):
    # One person, coordinator for the municipality and care worker at the client's provider.
    user = users["coordinator"]
    MembershipFactory(user=user, organisation=party.care_provider, role=Membership.Role.CARE_WORKER)
    client.force_login(user)
    client.get(reverse("placements:case_detail", args=[case.pk]))
    assert AccessLogEntry.objects.get().organisation == party.care_provider
    other = case.__class__.objects.create(
        reference="ZAA-2026-0099", care_provider=party.other_care_provider, region=party.region, origin="mo",
        target_group="adult", household_size=1, support_level="light", ready_on=case.ready_on,
    )  # fmt: skip
    client.get(reverse("placements:case_detail", args=[other.pk]))
    assert AccessLogEntry.objects.order_by("-at", "-pk").first().organisation == party.municipality


def test_the_placements_list_logs_the_clients_it_shows_and_the_homes_list_logs_nothing(client, users, dwelling, case):
    propose_placement(dwelling_id=dwelling.pk, case_id=case.pk, by=users["coordinator"])
    client.force_login(users["coordinator"])
    client.get(reverse("placements:dwelling_list"))
    assert not AccessLogEntry.objects.exists()
    client.get(reverse("placements:placement_list"), {"status": "proposed"})
    entry = AccessLogEntry.objects.get()
    assert entry.action == AccessLogEntry.Action.SEARCH
    assert entry.case_references == [case.reference] and "status=proposed" in entry.query


@pytest.mark.django_db(transaction=True)
def test_an_access_line_outside_a_transaction_is_refused(rf, users, case):
    request = rf.get("/clienten/")
    request.user = users["coordinator"]
    with pytest.raises(ImproperlyConfigured):
        record_access(request, action=AccessLogEntry.Action.SEARCH, references=[case.reference])
    assert not AccessLogEntry.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_pages_outside_the_request_transaction_show_no_client(client, users, party):
    client.force_login(users["coordinator"])
    assert client.get(reverse("placements:dwelling_list")).status_code == 200
    assert client.get(reverse("placements:dashboard_region", args=[party.region.pk])).status_code == 200
