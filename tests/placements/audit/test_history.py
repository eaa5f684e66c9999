"""Every change to homes and clients is kept (who, when, old → new), also when code bypasses save()."""

import pghistory
import pytest
from django.urls import reverse

from placements.audit.history import history_of
from placements.models import Dwelling, OutflowCase
from placements.records.services import withdraw_dwelling
from tests.helpers import dwelling_post

pytestmark = pytest.mark.django_db


def test_an_edit_in_the_browser_is_recorded_with_user_and_values(client, users, dwelling):
    user = users["corporation_a"]
    client.force_login(user)
    data = dwelling_post(dwelling)
    assert client.post(reverse("placements:dwelling_update", args=[dwelling.pk]), data).status_code == 302
    last = history_of(dwelling)[-1]
    assert last.user == user.get_username()
    changes = {c.field: (c.old, c.new) for c in last.changes}
    assert changes["straat"] == ("Eigenstraat", "Nieuwe straat")
    assert changes["kamers"] == ("2", "3")


def test_the_detail_page_shows_the_history(client, users, dwelling):
    withdraw_dwelling(dwelling_id=dwelling.pk, by=users["coordinator"])
    client.force_login(users["coordinator"])
    html = client.get(reverse("placements:dwelling_detail", args=[dwelling.pk])).content.decode()
    assert "Geschiedenis" in html
    assert "Gereserveerd → Ingetrokken" in html
    assert "regisseur" in html


def test_bulk_updates_and_raw_sql_cannot_bypass_the_history(dwelling, case):
    Dwelling.objects.filter(pk=dwelling.pk).update(rooms=5)
    OutflowCase.objects.filter(pk=case.pk).update(household_size=4)
    assert ("2", "5") in [(c.old, c.new) for line in history_of(dwelling) for c in line.changes]
    assert ("1", "4") in [(c.old, c.new) for line in history_of(case) for c in line.changes]


def test_a_homes_history_starts_with_its_creation(dwelling):
    assert history_of(dwelling)[0].label == "created"


def test_history_reads_in_a_fixed_number_of_queries(dwelling, users, django_assert_num_queries):
    for rooms, who in zip(range(3, 9), ["coordinator", "corporation_a"] * 3, strict=True):
        with pghistory.context(user=users[who].pk):
            Dwelling.objects.filter(pk=dwelling.pk).update(rooms=rooms)
    with django_assert_num_queries(2):
        lines = history_of(dwelling)
    assert len(lines) == 7
    assert {line.user for line in lines[1:]} == {"regisseur", "corporatie-a"}


def test_the_history_reads_in_english_too(client, users, dwelling):
    """Yes/no values and changes made by the system (a bulk update, no user) are translated like the page."""
    Dwelling.objects.filter(pk=dwelling.pk).update(ground_floor=not dwelling.ground_floor)
    client.force_login(users["coordinator"])
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("placements:dwelling_detail", args=[dwelling.pk])).content.decode()
    assert "system" in html and "systeem" not in html
    assert any(pair in html for pair in ("no → yes", "yes → no"))
