"""seed_demo: the Zaanstreek with one demo user per role, idempotent, and only in demo mode."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from placements.matching.dispersion import check_dwelling
from placements.models import Dwelling, Placement
from regions.models import Agreement, DispersionRule, Membership, Municipality, Neighbourhood, Organisation, Region

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def demo_mode(settings):
    settings.DEMO_MODE = True


SEEDED = [Region, Municipality, Neighbourhood, Organisation, Membership, Agreement, DispersionRule]


def counts():
    return {model.__name__: model.objects.count() for model in SEEDED}


def test_seed_demo_builds_the_zaanstreek_and_is_idempotent(capsys):
    call_command("seed_demo")
    first = counts()
    call_command("seed_demo")
    assert counts() == first
    region = Region.objects.get(code="ZAA")
    assert region.centre_municipality.cbs_code == "GM0479"
    assert set(region.municipalities.values_list("cbs_code", flat=True)) == {"GM0479", "GM0880", "GM0431"}
    assert Neighbourhood.objects.filter(municipality__region=region).count() >= 12
    assert Neighbourhood.objects.filter(social_rent_stock__isnull=True).exists()  # the no-stock edge case
    assert set(Membership.objects.values_list("role", flat=True)) == set(Membership.Role)
    assert DispersionRule.objects.applicable(region_id=region.pk, year=2026) is not None
    assert "regisseur" in capsys.readouterr().out
    assert Placement.objects.get().status == Placement.Status.MOVED_IN


def test_the_demo_shows_a_blocking_dispersion_rule():
    call_command("seed_demo")
    home = Dwelling.objects.select_related("neighbourhood__municipality").get(street="Kerkbuurt", house_number=4)
    figures = check_dwelling(home, year=timezone.localdate().year)
    assert figures.blocks


def test_seeded_data_passes_model_validation():
    call_command("seed_demo")
    for model in SEEDED:
        for obj in model.objects.all():
            obj.full_clean()


def test_demo_coordinator_can_log_in(client):
    call_command("seed_demo")
    response = client.post(reverse("login"), {"login": "regisseur", "password": "weerthuis-demo"})
    assert response.status_code == 302
    assert "Gemeente Zaanstad" in client.get(reverse("home")).content.decode()


def test_seed_demo_refuses_outside_demo_mode(settings):
    settings.DEMO_MODE = False
    with pytest.raises(CommandError, match="demomodus"):
        call_command("seed_demo")
    assert not Region.objects.exists()


def test_demo_urgency_is_as_the_pages_make_it(db):
    from placements.models import OutflowCase

    call_command("seed_demo")
    granted = OutflowCase.objects.filter(urgency="granted")
    assert granted.exists()
    assert not granted.filter(urgency_decided_by__isnull=True).exists()  # granted only by a coordinator's decision
    assert not OutflowCase.objects.filter(urgency="requested", urgency_reason="").exists()
