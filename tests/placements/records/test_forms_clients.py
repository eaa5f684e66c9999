"""Every validation message of the client form, in Dutch, next to the field, keeping the input; a registered client
gets a fresh reference."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from placements.models import OutflowCase
from tests.factories import MunicipalityFactory, RegionFactory
from tests.helpers import case_post, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def new_client(case, party):
    data = case_post(case)
    data["preferred_municipalities"] = [party.region.centre_municipality.pk]
    return data


def post_case(client, user, data):
    client.force_login(user)
    return client.post(reverse("placements:case_create"), submitted(data))


def test_care_worker_registers_a_client_and_gets_a_reference(client, users, party, new_client):
    response = post_case(client, users["care_worker_c"], new_client)
    assert response.status_code == 302
    case = OutflowCase.objects.latest("pk")
    assert case.reference.startswith(f"ZAA-{timezone.localdate().year}-")
    assert case.status == OutflowCase.Status.WAITING
    assert list(case.preferred_municipalities.all()) == [party.region.centre_municipality]


@pytest.mark.parametrize(
    ("moment", "year"),
    [
        (datetime(2025, 12, 31, 22, 30, tzinfo=UTC), 2025),  # 31 December, 23:30 in Amsterdam: still 2025
        (datetime(2025, 12, 31, 23, 30, tzinfo=UTC), 2026),  # 1 January, 00:30 in Amsterdam; in UTC still 2025
    ],
    ids=["31-dec-23h30", "1-jan-00h30"],
)
def test_a_client_registered_around_new_year_gets_a_reference_of_the_dutch_year(
    client, users, new_client, moment, year
):
    """The reference's year is the year in the Netherlands when the care worker registers the client, not the
    server's (UTC) year: half an hour after midnight in Amsterdam it is already the new year."""
    new_client["ready_on"] = "2025-12-01"
    with time_machine.travel(moment, tick=False):
        response = post_case(client, users["care_worker_c"], new_client)
        shown = client.get(response.url).content.decode()
    reference = OutflowCase.objects.latest("pk").reference
    assert reference.startswith(f"ZAA-{year}-")
    assert f"Cliënt aangemeld met referentie {reference}." in shown


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("household_size", "0", "Een huishouden telt minstens 1 persoon."),
        ("household_size", "13", "Een huishouden telt hier hoogstens 12 personen."),
        (
            "ready_on",
            (timezone.localdate() + timedelta(days=400)).isoformat(),
            "De datum uitstroomklaar mag hoogstens een jaar vooruit liggen.",
        ),
        ("origin", "", "Dit veld is verplicht."),
    ],
)
def test_an_invalid_client_value_is_refused_next_to_its_field_in_dutch(
    client, users, new_client, field, value, message
):
    new_client[field] = value
    count = OutflowCase.objects.count()
    response = post_case(client, users["care_worker_c"], new_client)
    assert response.status_code == 200
    assert message in response.context["form"].errors[field]
    assert OutflowCase.objects.count() == count


def test_preferred_municipalities_must_lie_in_the_providers_regions(client, users, new_client):
    foreign = MunicipalityFactory(region=RegionFactory(), cbs_code="GM0555")
    new_client["preferred_municipalities"] = [foreign.pk]
    response = post_case(client, users["care_worker_c"], new_client)
    assert response.status_code == 200
    assert "preferred_municipalities" in response.context["form"].errors


def test_a_care_worker_cannot_register_for_another_provider(client, users, party, new_client):
    new_client["care_provider"] = party.other_care_provider.pk
    response = post_case(client, users["care_worker_c"], new_client)
    assert response.status_code == 200
    assert "care_provider" in response.context["form"].errors


def test_the_case_form_has_no_field_for_personal_data():
    names = {f.name for f in OutflowCase._meta.get_fields()}
    assert not names & {"name", "first_name", "last_name", "bsn", "date_of_birth", "birth_date", "birthdate"}
