"""The organisation administrator reads the sign-in events of their own people, of the last 90 days, newest first;
never those of another organisation's people."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from weerthuis.accounts.events import record
from weerthuis.accounts.models import SignInEvent

pytestmark = pytest.mark.django_db

Kind = SignInEvent.Kind


def test_events_page_shows_own_people_of_the_last_90_days_newest_first(client, party, admin_a, staff_a, staff_b):
    with time_machine.travel(timezone.now() - timedelta(days=91)):
        record(Kind.LOGIN_FAILED, user=staff_a, detail="te oud")
    record(Kind.LOGIN, user=staff_a, by=staff_a, detail="eerste")
    record(Kind.PASSWORD_CHANGED, user=staff_a, by=staff_a, detail="tweede")
    record(Kind.LOGIN, user=staff_b, by=staff_b, detail="van B")
    client.force_login(admin_a)
    page = client.get(reverse("accounts:events", args=[party.corporation.pk]))
    details = [event.detail for event in page.context["events"]]
    assert details[:2] == ["tweede", "eerste"]
    assert "te oud" not in details and "van B" not in details


def test_events_page_is_paginated(client, party, admin_a, staff_a):
    SignInEvent.objects.bulk_create([SignInEvent(kind=Kind.LOGIN, user=staff_a) for _ in range(60)])
    client.force_login(admin_a)
    url = reverse("accounts:events", args=[party.corporation.pk])
    first = client.get(url)
    assert len(first.context["events"]) == 50 and first.context["paginator"].num_pages == 2
    assert len(client.get(url + "?page=2").context["events"]) == 10
