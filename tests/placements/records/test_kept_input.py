"""A client form sent after the idle timeout is not lost: after signing in again the care worker sees what they
typed and sends it on; nothing is saved in between, another person never sees it, a forged form is not kept."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from placements.models import OutflowCase
from regions.models import Membership
from tests.helpers import case_post
from weerthuis.kept_input import KEPT_KEY

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def sessions_in_the_database(settings):
    # The database store checks its expiry date against the (travelled) clock, as every store does in real time:
    # the stored session must outlive the idle limit, or a late form finds no session to recognise.
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"


@pytest.fixture
def care_worker(member):
    return member(Membership.Role.CARE_WORKER, "care_provider", username="begeleider")


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel("2026-03-02 09:00 +01:00", tick=False) as traveller:
        yield traveller


def edit_after_a_long_break(client, case, clock, **changes):
    url = reverse("placements:case_update", args=[case.pk])
    client.get(url)
    clock.shift(timedelta(minutes=45))  # away from the desk, the form half filled
    return url, client.post(url, {**case_post(case), **changes})


def test_an_edit_sent_after_the_timeout_comes_back_after_signing_in(client, case, care_worker, clock):
    client.force_login(care_worker)
    url, response = edit_after_a_long_break(client, case, clock, household_size=4, min_rooms=3)
    assert response.status_code == 302 and response.url == f"{reverse('login')}?next={reverse('kept_input')}"
    case.refresh_from_db()
    assert case.household_size != 4  # nothing saved on the way
    client.force_login(care_worker)
    page = client.get(reverse("kept_input")).content.decode()
    assert "<dt>Grootte huishouden</dt><dd>4</dd>" in page and f'action="{url}"' in page
    assert f"<dt>Begeleiding</dt><dd>{case.get_support_level_display()}</dd>" in page  # as the form shows it
    kept = client.session[KEPT_KEY]["data"]
    response = client.post(url, {key: values[0] for key, values in kept.items()})  # "Verder versturen"
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.household_size == 4
    assert KEPT_KEY not in client.session


def test_another_person_signing_in_on_that_browser_never_sees_it(client, case, care_worker, member, clock):
    client.force_login(care_worker)
    edit_after_a_long_break(client, case, clock, household_size=4)
    client.force_login(member(Membership.Role.CARE_WORKER, "care_provider", username="collega"))
    response = client.get(reverse("kept_input"))
    assert response.status_code == 302 and response.url == reverse("home")
    assert KEPT_KEY not in client.session


def test_a_forged_cross_site_form_is_not_kept(case, care_worker, clock):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(care_worker)
    edit_after_a_long_break(browser, case, clock, household_size=9)
    assert KEPT_KEY not in browser.session


def test_throwing_it_away(client, case, care_worker, clock):
    client.force_login(care_worker)
    edit_after_a_long_break(client, case, clock, household_size=4)
    client.force_login(care_worker)
    client.post(reverse("kept_input"))
    assert KEPT_KEY not in client.session
    assert OutflowCase.objects.get(pk=case.pk).household_size != 4


def test_the_warning_button_keeps_the_session_going(client, care_worker, clock):
    client.force_login(care_worker)
    client.get(reverse("home"))
    clock.shift(timedelta(minutes=28))
    assert client.post(reverse("still_here")).status_code == 204
    clock.shift(timedelta(minutes=28))
    assert client.get(reverse("home")).status_code == 200
    assert Client().post(reverse("still_here")).status_code in (401, 403)
