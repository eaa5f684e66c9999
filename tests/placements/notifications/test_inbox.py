"""The inbox shows a person their own notifications only, newest first, marks them read, and counts the unread
ones in the header."""

import pytest
from django.urls import reverse

from placements.matching import services as matching
from placements.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def accepted(cast, dwelling, case):
    placement = matching.propose_placement(dwelling_id=dwelling.pk, case_id=case.pk, by=cast["coordinator"])
    return matching.accept_placement(placement_id=placement.pk, by=cast["corporation_a"])


def test_the_inbox_shows_only_ones_own_notifications_newest_first(client, cast, accepted):
    client.force_login(cast["care_worker_c"])
    html = client.get(reverse("placements:notifications")).content.decode()
    assert html.index("geaccepteerd") < html.index("Nieuwe voordracht")
    client.force_login(cast["corporation_b"])
    html = client.get(reverse("placements:notifications")).content.decode()
    assert "ZAA-2026-0001" not in html and "nog geen meldingen" in html


def test_the_header_counts_unread_and_all_read_clears_it(client, cast, accepted, django_capture_on_commit_callbacks):
    client.force_login(cast["care_worker_c"])
    assert '2<span class="visually-hidden"> ongelezen' in client.get(reverse("home")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("placements:notifications_read"))
    assert not Notification.objects.filter(recipient=cast["care_worker_c"], read_at__isnull=True).exists()
    assert "ongelezen" not in client.get(reverse("home")).content.decode()


def test_all_read_leaves_other_peoples_notifications_unread(client, cast, accepted):
    client.force_login(cast["care_worker_c"])
    client.post(reverse("placements:notifications_read"))
    assert Notification.objects.filter(recipient=cast["coordinator"], read_at__isnull=True).count() == 1


def test_opening_a_notification_marks_it_read_and_goes_to_its_object(client, cast, accepted):
    mine = Notification.objects.get(recipient=cast["coordinator"])
    client.force_login(cast["coordinator"])
    response = client.get(reverse("placements:notification_open", args=[mine.pk]))
    assert response.url == reverse("placements:placement_detail", args=[accepted.pk])
    mine.refresh_from_db()
    assert mine.read_at is not None


def test_another_persons_notification_is_not_found(client, cast, accepted):
    theirs = Notification.objects.get(recipient=cast["coordinator"])
    client.force_login(cast["coordinator_2"])
    assert client.get(reverse("placements:notification_open", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_the_inbox_asks_for_sign_in(client):
    assert client.get(reverse("placements:notifications")).status_code == 302
