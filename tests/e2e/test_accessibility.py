"""axe-core on every page state of every role (WCAG 2.0/2.1 A and AA rules: no violation at all), and on a phone
of 375 px wide no page that scrolls sideways as a whole: lists, forms and dashboards fit, wide tables scroll
inside their own region. The states include the pages after a failed submit (error summary, fields marked)."""

from dataclasses import dataclass

import pytest
from django.urls import reverse

from placements.matching.services import propose_placement
from placements.models import Dwelling, OutflowCase, Placement
from regions.models import Organisation, Region
from tests.e2e.conftest import DESKTOP, PHONE, SMALL_PHONE, axe_violations, page_width


@dataclass
class State:
    path: str
    submit: str | None = None  # the button to press (browser validation off): the page after a failed submit


def demo() -> dict:
    """The demo region's records that the pages of the states need, plus an open proposal."""
    region = Region.objects.get(code="ZAA")
    provider = Organisation.objects.get(name="Stichting Onderdak Zaanstreek (demo)")
    waiting = OutflowCase.objects.filter(care_provider=provider, status="waiting").order_by("reference")
    urgent = waiting.filter(urgency="requested").first()
    free = Dwelling.objects.get(postcode="1500 AA", house_number=12)
    proposed = propose_placement(
        dwelling_id=free.pk, case_id=waiting.exclude(pk=urgent.pk).first().pk, by=region_user("regisseur")
    )
    over_rule = Dwelling.objects.get(postcode="1551 AA", house_number=4)
    moved_in = Placement.objects.get(status="moved_in")
    return {
        "region": region,
        "provider": provider,
        "case": waiting.last(),
        "urgent": urgent,
        "free": free,
        "over_rule": over_rule,
        "let": moved_in.dwelling,
        "proposed": proposed,
        "moved_in": moved_in,
    }


def region_user(username: str):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=username)


def states(role: str, d: dict) -> list[State]:
    p = "placements:"

    def url(name, *args):
        return reverse(name, args=args)

    propose = f"{url(p + 'propose')}?dwelling={d['over_rule'].pk}&case={d['case'].pk}"
    org = d["provider"].pk
    return {
        None: [
            State(url("login")),
            State(url("login"), submit="Inloggen"),
            State(url("accessibility")),
            State(url("account_reset_password")),
        ],
        "regisseur": [
            State(url("home")),
            State(url(p + "dwelling_list")),
            State(url(p + "dwelling_list") + "?status=let"),
            State(url(p + "dwelling_create")),
            State(url(p + "dwelling_create"), submit="Opslaan"),
            State(url(p + "dwelling_detail", d["free"].pk)),
            State(url(p + "dwelling_detail", d["let"].pk)),
            State(url(p + "dwelling_update", d["free"].pk)),
            State(url(p + "dwelling_candidates", d["over_rule"].pk)),
            State(url(p + "case_list")),
            State(url(p + "case_detail", d["case"].pk)),
            State(url(p + "case_detail", d["urgent"].pk)),
            State(url(p + "case_candidates", d["case"].pk)),
            State(propose),
            State(propose, submit="Toch voordragen (met reden)"),
            State(url(p + "placement_list")),
            State(url(p + "placement_detail", d["proposed"].pk)),
            State(url(p + "placement_detail", d["moved_in"].pk)),
            State(url(p + "dashboard_region", d["region"].pk)),
            State(url(p + "dashboard_region", d["region"].pk), submit="Nu herberekenen"),
            State(url(p + "notifications")),
            State(url(p + "notification_preferences")),
            State(url("regions:agreement_list")),
            State(url("regions:agreement_create")),
            State(url("regions:agreement_create"), submit="Opslaan"),
            State(url("regions:rule_list")),
            State(url("regions:rule_create")),
            State(url("accounts:my_account")),
        ],
        "corporatie": [
            State(url("home")),
            State(url(p + "dwelling_list")),
            State(url(p + "dwelling_detail", d["free"].pk)),
            State(url(p + "placement_list")),
            State(url(p + "placement_detail", d["proposed"].pk)),
            State(url(p + "dashboard_corporation")),
            State(url(p + "import_dwellings")),
            State(url(p + "import_dwellings"), submit="Uploaden en controleren"),
        ],
        "begeleider": [
            State(url("home")),
            State(url(p + "case_list")),
            State(url(p + "case_create")),
            State(url(p + "case_create"), submit="Opslaan"),
            State(url(p + "case_detail", d["case"].pk)),
            State(url(p + "case_update", d["case"].pk)),
            State(url(p + "placement_detail", d["proposed"].pk)),
            State(url(p + "placement_detail", d["moved_in"].pk)),
            State(url(p + "dashboard_care")),
            State(url(p + "import_cases")),
            State(url("accounts:my_account")),
            State(url("mfa_index")),
            State(url("mfa_activate_totp")),  # asks for the password again first
            State(url("usersessions_list")),
            State(url("account_change_password")),
        ],
        "manager": [
            State(url("home")),
            State(url(p + "dashboard_region", d["region"].pk)),
            State(url(p + "report")),
            State(url(p + "report"), submit="Toegankelijke webpagina (HTML)"),
            State(url(p + "report") + "?first_month=3&last_month=1&format=pdf"),
        ],
        "beheerder-zorg": [
            State(url("home")),
            State(url("accounts:organisations")),
            State(url("accounts:people", org)),
            State(url("accounts:person", org, region_user("begeleider").pk)),
            State(url("accounts:invite", org)),
            State(url("accounts:invite", org), submit="Uitnodiging versturen"),
            State(url("accounts:invitations", org)),
            State(url("accounts:events", org)),
            State(url("accounts:api_tokens", org)),
            State(url("accounts:api_tokens", org), submit="Sleutel maken"),
        ],
        # The administrator, in the Django admin: its index, a list and a form.
        "beheerder": [
            State(url("admin:index")),
            State(url("admin:placements_dwelling_changelist")),
            State(url("admin:regions_region_change", d["region"].pk)),
        ],
    }[role]


def show(visitor, state: State):
    page = visitor.go(state.path)
    if state.submit:
        page.evaluate("document.querySelectorAll('form').forEach(f => f.noValidate = true)")
        page.locator("main").get_by_role("button", name=state.submit, exact=True).first.click()
        page.wait_for_load_state()
    return page


ROLES = [None, "regisseur", "corporatie", "begeleider", "manager", "beheerder-zorg", "beheerder"]


@pytest.mark.parametrize("role", ROLES, ids=lambda role: role or "anonymous")
def test_every_page_state_of_the_role_passes_axe_and_fits_a_375_px_phone(visit, role):
    """Each state is loaded once: axe at desktop width, then the same page narrowed to a phone of 375 and of 320 px
    (the layout follows the viewport without a reload) must not be wider than the phone."""
    visitor = visit(role)
    violations, too_wide = {}, {}
    for state in states(role, demo()):
        page = show(visitor, state)
        where = f"{state.path} {state.submit or ''}"
        if found := axe_violations(page):
            violations[where] = found
        for phone in (PHONE, SMALL_PHONE):
            page.set_viewport_size(phone)
            if (width := page_width(page)) > phone["width"]:
                too_wide[f"{where} at {phone['width']} px"] = width
        page.set_viewport_size(DESKTOP)
    assert not violations
    assert not too_wide


def test_the_charts_keep_readable_text_on_a_phone(visit):
    page = visit("manager", viewport=PHONE).go(reverse("placements:dashboard"))
    heights = page.locator("svg.chart text").evaluate_all("texts => texts.map(t => t.getBoundingClientRect().height)")
    assert heights and min(heights) >= 10  # px on the screen: 12-unit text shrunk to the screen was 5 px
    assert page_width(page) <= PHONE["width"]  # the chart scrolls in its own frame, not the page


def test_axe_reports_what_breaks_a_rule(visit):
    """The check above would pass on a page axe never looked at: here it must find an image without a text
    alternative and a field without a label that a page was given."""
    page = visit("begeleider").go(reverse("placements:case_list"))
    page.evaluate(
        "() => document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/static/x.png\"><input>')"
    )
    assert {"image-alt", "label"} <= {violation["id"] for violation in axe_violations(page)}
