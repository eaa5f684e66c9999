"""What a home's address and a client's closing date may hold: refused in Dutch on the form, and for the
house-number addition by the database too."""

from datetime import date, timedelta

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from placements.models import Dwelling, OutflowCase
from placements.records.services import TransitionNotAllowed, close_case
from tests.helpers import dwelling_post, submitted

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("addition", ["A\r\nB", "🏠", "@SUM(1+1)", "=1+1"])
def test_a_house_number_addition_other_than_letters_digits_and_dash_is_refused(client, users, dwelling, addition):
    client.force_login(users["corporation_a"])
    data = {**dwelling_post(dwelling), "house_number_addition": addition}
    response = client.post(reverse("placements:dwelling_update", args=[dwelling.pk]), data)
    assert response.status_code == 200
    assert "alleen uit letters, cijfers en &#x27;-&#x27;" in response.content.decode()
    dwelling.refresh_from_db()
    assert dwelling.house_number_addition == ""


def test_a_house_number_addition_is_saved_in_capitals(client, users, dwelling):
    client.force_login(users["corporation_a"])
    data = {**dwelling_post(dwelling), "house_number_addition": " 3-hoog "}
    assert client.post(reverse("placements:dwelling_update", args=[dwelling.pk]), data).status_code == 302
    dwelling.refresh_from_db()
    assert dwelling.house_number_addition == "3-HOOG"


def test_the_database_refuses_a_house_number_addition_with_a_line_break(dwelling):
    with pytest.raises(IntegrityError):
        Dwelling.objects.filter(pk=dwelling.pk).update(house_number_addition="A\n")


@pytest.mark.parametrize("field", ["street", "place", "building_code"])
def test_an_address_part_with_a_line_break_or_nul_is_refused(client, users, dwelling, field):
    client.force_login(users["corporation_a"])
    for value in ("Regel\r\nTwee", "Nul\x00teken"):
        data = {**dwelling_post(dwelling), field: value}
        response = client.post(reverse("placements:dwelling_update", args=[dwelling.pk]), data)
        assert response.status_code == 200, value
        assert response.context["form"].errors[field], value


def close(client, case, on):
    data = submitted({"action": "close", "reason": "withdrawn", "closed_on": on, "confirmed": "1"})
    return client.post(reverse("placements:case_status", args=[case.pk]), data, follow=True)


@pytest.mark.parametrize("on", ["0001-01-01", "2000-01-01"])
def test_a_client_cannot_be_closed_before_registration(client, users, case, on):
    client.force_login(users["care_worker_c"])
    html = close(client, case, on).content.decode()
    assert "kan niet vóór de registratie van de cliënt liggen" in html
    case.refresh_from_db()
    assert case.status == OutflowCase.Status.WAITING


def test_a_client_cannot_be_closed_in_the_future(client, users, case):
    client.force_login(users["care_worker_c"])
    close(client, case, (timezone.localdate() + timedelta(days=1)).isoformat())
    case.refresh_from_db()
    assert case.status == OutflowCase.Status.WAITING


def test_a_client_is_closed_on_the_day_of_registration(client, users, case):
    client.force_login(users["care_worker_c"])
    close(client, case, timezone.localdate(case.created_at).isoformat())
    case.refresh_from_db()
    assert case.status == OutflowCase.Status.CLOSED


def test_the_service_refuses_a_closing_date_before_registration_too(users, case):
    with pytest.raises(TransitionNotAllowed):
        close_case(case_id=case.pk, reason="withdrawn", on=date(1, 1, 1), by=users["care_worker_c"])
