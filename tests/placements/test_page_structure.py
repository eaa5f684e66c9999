"""The lasting guard of the pages' structure for assistive technology (issue 20): on the main page states of every
role, ids are unique and every `label for`, aria-describedby and in-page link points at something on the page,
every form control has a label, and a list keeps its list role. Also after a failed submit, where the error
summary links to the fields and the fields point at their errors."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from placements.matching.services import accept_placement, hand_over_keys, propose_placement
from placements.records.services import request_urgency
from regions.models import DispersionRule
from tests.factories import DwellingFactory, OutflowCaseFactory
from tests.helpers import structure_problems, submitted


@pytest.fixture
def states(party, users, dwelling, case, neighbourhood):
    """(visitor, method, url, data) of the page states to check, over homes and clients in every status the
    pages show a form for."""
    coordinator = users["coordinator"]
    proposed = propose_placement(dwelling_id=dwelling.pk, case_id=case.pk, by=coordinator)
    let_home = DwellingFactory(corporation=party.corporation, neighbourhood=neighbourhood, street="Verhuurd")
    housed = OutflowCaseFactory(care_provider=party.care_provider, region=party.region, reference="ZAA-2026-0003")
    moved_in = propose_placement(dwelling_id=let_home.pk, case_id=housed.pk, by=coordinator)
    accept_placement(placement_id=moved_in.pk, by=users["corporation_a"])
    hand_over_keys(
        placement_id=moved_in.pk, by=coordinator, moved_in_on=timezone.localdate(), support_arrangement="",
        early_reason="",
    )  # fmt: skip
    waiting = OutflowCaseFactory(care_provider=party.care_provider, region=party.region, reference="ZAA-2026-0004")
    urgent = OutflowCaseFactory(care_provider=party.care_provider, region=party.region, reference="ZAA-2026-0005")
    request_urgency(case_id=urgent.pk, reason="Opvang sluit", by=users["care_worker_c"])
    free_home = DwellingFactory(corporation=party.corporation, neighbourhood=neighbourhood, street="Vrij")
    # A blocking rule the proposal of free_home breaks: the propose page asks for a reason.
    DispersionRule.objects.create(region=party.region, max_new_per_neighbourhood=1, mode=DispersionRule.Mode.BLOCK)
    region, org = party.region.pk, party.care_provider.pk
    since = (timezone.localdate() - timedelta(days=90)).isoformat()
    p = "placements:"
    propose = f"{reverse(p + 'propose')}?dwelling={free_home.pk}&case={waiting.pk}"
    return [
        ("anonymous", "get", reverse("login"), None),
        ("anonymous", "post", reverse("login"), {"login": "regisseur", "password": "fout"}),
        ("anonymous", "get", reverse("accessibility"), None),
        ("coordinator", "get", reverse("home"), None),
        ("coordinator", "get", reverse(p + "dwelling_list"), None),
        ("coordinator", "get", f"{reverse(p + 'dwelling_list')}?available_from_after={since}", None),
        ("coordinator", "get", reverse(p + "dwelling_create"), None),
        ("coordinator", "post", reverse(p + "dwelling_create"), submitted({})),
        ("coordinator", "get", reverse(p + "dwelling_detail", args=[dwelling.pk]), None),
        ("coordinator", "get", reverse(p + "dwelling_detail", args=[let_home.pk]), None),
        ("coordinator", "get", reverse(p + "dwelling_update", args=[dwelling.pk]), None),
        ("coordinator", "get", reverse(p + "dwelling_candidates", args=[free_home.pk]), None),
        ("coordinator", "get", reverse(p + "case_list"), None),
        ("coordinator", "get", f"{reverse(p + 'case_list')}?ready_on_after={since}", None),
        ("coordinator", "get", reverse(p + "case_detail", args=[waiting.pk]), None),
        ("coordinator", "get", reverse(p + "case_detail", args=[urgent.pk]), None),
        ("coordinator", "get", reverse(p + "case_candidates", args=[waiting.pk]), None),
        ("coordinator", "get", propose, None),
        ("coordinator", "post", reverse(p + "propose"), submitted({"dwelling": free_home.pk, "case": waiting.pk})),
        ("coordinator", "get", reverse(p + "placement_list"), None),
        ("coordinator", "get", reverse(p + "placement_detail", args=[proposed.pk]), None),
        ("coordinator", "get", reverse(p + "placement_detail", args=[moved_in.pk]), None),
        ("coordinator", "get", reverse(p + "dashboard"), None),
        ("coordinator", "get", reverse(p + "dashboard_region", args=[region]), None),
        ("coordinator", "get", reverse("accounts:my_account"), None),
        ("corporation_a", "get", reverse(p + "dwelling_list"), None),
        ("corporation_a", "get", reverse(p + "dwelling_detail", args=[let_home.pk]), None),
        ("corporation_a", "get", reverse(p + "placement_detail", args=[proposed.pk]), None),
        ("care_worker_c", "get", reverse(p + "case_list"), None),
        ("care_worker_c", "get", reverse(p + "case_create"), None),
        ("care_worker_c", "post", reverse(p + "case_create"), submitted({})),
        ("care_worker_c", "get", reverse(p + "case_detail", args=[waiting.pk]), None),
        ("care_worker_c", "get", reverse(p + "case_update", args=[waiting.pk]), None),
        ("care_worker_c", "get", reverse(p + "placement_detail", args=[proposed.pk]), None),
        ("care_worker_c", "get", reverse(p + "placement_detail", args=[moved_in.pk]), None),
        ("manager", "get", reverse(p + "dashboard_region", args=[region]), None),
        ("manager", "get", reverse(p + "report"), None),
        ("manager", "get", f"{reverse(p + 'report')}?year=1", None),
        ("org_admin", "get", reverse("accounts:organisations"), None),
        ("org_admin", "get", reverse("accounts:people", args=[org]), None),
        ("org_admin", "get", reverse("accounts:person", args=[org, users["care_worker_c"].pk]), None),
        ("org_admin", "get", reverse("accounts:invite", args=[org]), None),
        ("org_admin", "post", reverse("accounts:invite", args=[org]), {"email": "geen-adres", "role": ""}),
        ("org_admin", "get", reverse("accounts:invitations", args=[org]), None),
        ("org_admin", "get", reverse("accounts:events", args=[org]), None),
        ("org_admin", "get", reverse("accounts:my_account"), None),
        # Pages added with issue 17: start pages as work lists, the inbox, agreements, the organisations' dashboards.
        ("coordinator", "get", reverse("home"), None),
        ("corporation_a", "get", reverse("home"), None),
        ("care_worker_c", "get", reverse("home"), None),
        ("manager", "get", reverse("home"), None),
        ("coordinator", "get", reverse(p + "notifications"), None),
        ("coordinator", "get", reverse(p + "notification_preferences"), None),
        ("coordinator", "get", reverse("regions:agreement_list"), None),
        ("coordinator", "get", reverse("regions:agreement_create"), None),
        ("coordinator", "post", reverse("regions:agreement_create"), {}),
        ("coordinator", "get", reverse("regions:rule_list"), None),
        ("coordinator", "get", reverse("regions:rule_create"), None),
        ("corporation_a", "get", reverse(p + "dashboard_corporation"), None),
        ("care_worker_c", "get", reverse(p + "dashboard_care"), None),
    ]


def test_every_page_state_has_unique_ids_and_labels_that_point_at_their_fields(client, users, states):
    failures = {}
    for visitor, method, url, data in states:
        client.logout()
        if users[visitor] is not None:
            client.force_login(users[visitor])
        response = getattr(client, method)(url, data or {}, follow=True)
        assert response.status_code == 200, (visitor, method, url, response.status_code)
        if problems := structure_problems(response.content.decode()):
            failures[f"{visitor} {method.upper()} {url}"] = problems
    assert not failures


def test_a_failed_submit_links_each_error_to_its_field_and_the_field_to_its_error(client, users):
    client.force_login(users["care_worker_c"])
    html = client.post(reverse("placements:case_create"), submitted({})).content.decode()
    assert "<title>Fout:" in html and "data-error-summary" in html
    assert 'href="#id_household_size"' in html
    assert 'aria-invalid="true"' in html and 'id="id_household_size_error"' in html
    assert 'aria-describedby="id_household_size_error"' in html or "id_household_size_error" in html


def test_the_two_notes_of_the_proposal_page_have_ids_of_their_own(client, users, dwelling, case):
    proposed = propose_placement(dwelling_id=dwelling.pk, case_id=case.pk, by=users["coordinator"])
    client.force_login(users["coordinator"])
    html = client.get(reverse("placements:placement_detail", args=[proposed.pk])).content.decode()
    assert 'for="id_client_declines_note"' in html and 'for="id_cancel_note"' in html
    assert 'id="id_note"' not in html


def test_a_decision_is_still_read_from_the_field_names_the_page_sends(client, users, dwelling, case):
    proposed = propose_placement(dwelling_id=dwelling.pk, case_id=case.pk, by=users["coordinator"])
    client.force_login(users["coordinator"])
    url = reverse("placements:placement_action", args=[proposed.pk])
    response = client.post(url, submitted({"action": "cancel", "note": "Dubbel", "confirmed": "1"}))
    assert response.status_code == 302
    proposed.refresh_from_db()
    assert proposed.status == "cancelled" and proposed.decision_note == "Dubbel"
