"""A journey with the keyboard only (no mouse, no clicks): a care worker opens the page, skips to the content,
registers a client and reaches the saved client, with a visible focus ring on every control on the way."""

import re

import pytest
from django.urls import reverse

from placements.models import OutflowCase

ACTIVE_MATCHES = "selector => document.activeElement.matches(selector)"
FOCUS_RING = "() => getComputedStyle(document.activeElement).outlineStyle !== 'none'"


def tab_to(page, selector: str, *, limit: int = 80) -> None:
    """Press Tab until the focus is on `selector`, as a keyboard user does; each stop must show where it is."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        assert page.evaluate(FOCUS_RING), page.evaluate("() => document.activeElement.outerHTML.slice(0, 120)")
        if page.evaluate(ACTIVE_MATCHES, selector):
            return
    pytest.fail(f"{selector} not reached with {limit} presses of Tab")


def type_into(page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def test_care_worker_registers_a_client_with_the_keyboard_only(visit):
    page = visit("begeleider").go(reverse("placements:case_list"))
    page.keyboard.press("Tab")
    assert page.evaluate(ACTIVE_MATCHES, "a.skip-link")
    page.keyboard.press("Enter")
    tab_to(page, f"main a[href='{reverse('placements:case_create')}']")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(reverse("placements:case_create")))

    tab_to(page, "#id_origin")
    page.keyboard.press("ArrowDown")
    tab_to(page, "#id_target_group")
    page.keyboard.press("ArrowDown")
    type_into(page, "#id_household_size", "3")
    tab_to(page, "#id_support_level")
    page.keyboard.press("ArrowDown")
    type_into(page, "#id_min_rooms", "2")
    tab_to(page, "#id_preferred_municipalities_0")
    page.keyboard.press("Space")
    tab_to(page, "#id_ready_on")
    page.keyboard.type("01012026")
    tab_to(page, "main form button[type=submit]")
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/clienten/\d+/$"))
    reference = re.search(r"ZAA-\d{4}-\d{4}", page.get_by_role("heading", level=1).inner_text()).group(0)
    case = OutflowCase.objects.get(reference=reference)
    assert case.household_size == 3 and case.min_rooms == 2
    assert case.ready_on.isoformat() == "2026-01-01"
    assert [m.cbs_code for m in case.preferred_municipalities.all()] == ["GM0431"]
