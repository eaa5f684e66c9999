"""The matching pages in the browser: a proposal that breaks a blocking rule is refused without an override reason
and accepted with one (the reason shows on the placement), a decline needs a reason, and a home's candidates show
their waiting time."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from placements.models import OutflowCase, Placement
from regions.models import DispersionRule
from tests.factories import DispersionRuleFactory
from tests.helpers import submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def blocking_rule(party):
    return DispersionRuleFactory(
        region=party.region,
        max_new_per_neighbourhood=None,
        max_per_thousand_stock=Decimal("0.50"),
        mode=DispersionRule.Mode.BLOCK,
    )


def test_propose_page_shows_the_figures_and_asks_for_a_reason(client, users, dwelling, case, blocking_rule):
    client.force_login(users["coordinator"])
    html = client.get(reverse("placements:propose"), {"dwelling": dwelling.pk, "case": case.pk}).content.decode()
    assert "Blokkeert:" in html
    assert "1,00 per 1.000 sociale huurwoningen" in html
    assert 'name="override_reason"' in html


def test_blocked_without_reason_then_accepted_with_one(client, users, dwelling, case, blocking_rule):
    client.force_login(users["coordinator"])
    url = reverse("placements:propose")
    response = client.post(url, submitted({"dwelling": dwelling.pk, "case": case.pk, "override_reason": "  "}))
    assert response.status_code == 200
    assert "Geef een reden op" in response.content.decode()
    assert not Placement.objects.exists()
    response = client.post(
        url, submitted({"dwelling": dwelling.pk, "case": case.pk, "override_reason": "Enige woning gelijkvloers"})
    )
    placement = Placement.objects.get()
    assert response.url == reverse("placements:placement_detail", args=[placement.pk])
    detail = client.get(response.url).content.decode()
    assert "Enige woning gelijkvloers" in detail and "Afwijking spreidingsregel" in detail


def test_a_second_proposal_of_the_same_home_gets_a_clear_message(client, users, dwelling, case, other_case):
    client.force_login(users["coordinator"])
    url = reverse("placements:propose")
    client.post(url, submitted({"dwelling": dwelling.pk, "case": case.pk}))
    response = client.post(url, submitted({"dwelling": dwelling.pk, "case": other_case.pk}), follow=True)
    assert response.status_code == 200
    assert "niet beschikbaar om voor te dragen" in response.content.decode()
    assert Placement.objects.count() == 1


def test_declining_in_the_browser_needs_a_reason(client, users, dwelling, case):
    client.force_login(users["coordinator"])
    client.post(reverse("placements:propose"), submitted({"dwelling": dwelling.pk, "case": case.pk}))
    placement = Placement.objects.get()
    client.force_login(users["corporation_a"])
    action = reverse("placements:placement_action", args=[placement.pk])
    response = client.post(
        action, submitted({"action": "decline", "reason": "other", "note": "", "confirmed": "1"}), follow=True
    )
    assert "Licht de reden" in response.content.decode()
    client.post(action, submitted({"action": "decline", "reason": "rent_not_affordable", "note": "", "confirmed": "1"}))
    placement.refresh_from_db()
    assert (placement.status, placement.decline_reason, placement.declined_by) == (
        "declined",
        "rent_not_affordable",
        "corporation",
    )


def test_the_candidates_of_a_home_show_each_clients_waiting_time(client, users, dwelling, case):
    OutflowCase.objects.filter(pk=case.pk).update(ready_on=timezone.localdate() - timedelta(days=30))
    client.force_login(users["coordinator"])
    page = client.get(reverse("placements:dwelling_candidates", args=[dwelling.pk])).text
    assert case.reference in page and '<span class="muted">(30 dagen)</span>' in page


def test_the_corporation_plans_the_key_date_on_the_placement_page(client, users, dwelling, case):
    client.force_login(users["coordinator"])
    client.post(reverse("placements:propose"), submitted({"dwelling": dwelling.pk, "case": case.pk}))
    placement = Placement.objects.get()
    client.force_login(users["corporation_a"])
    action = reverse("placements:placement_action", args=[placement.pk])
    client.post(action, submitted({"action": "accept"}))
    page = client.get(reverse("placements:placement_detail", args=[placement.pk])).content.decode()
    assert 'id="id_plan_keys_keys_planned_on"' in page
    yesterday = timezone.localdate() - timedelta(days=1)
    response = client.post(
        action, submitted({"action": "plan_keys", "keys_planned_on": yesterday.isoformat()}), follow=True
    )
    assert "kan niet in het verleden liggen" in response.content.decode()
    day = timezone.localdate() + timedelta(days=5)
    response = client.post(action, submitted({"action": "plan_keys", "keys_planned_on": day.isoformat()}), follow=True)
    assert "De geplande datum van de sleuteloverdracht is vastgelegd" in response.content.decode()
    placement.refresh_from_db()
    assert (placement.status, placement.keys_planned_on) == ("accepted", day)
    client.force_login(users["care_worker_c"])
    page = client.get(reverse("placements:placement_detail", args=[placement.pk])).content.decode()
    assert "Sleuteloverdracht gepland" in page
    assert 'value="plan_keys"' not in page
