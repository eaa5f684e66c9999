"""The access matrix: every visitor × every page, form and export of homes and clients × GET/POST, against a
record of the visitor's own organisation and of another one. Another organisation's record answers 404 and
never shows in a list or export; a role without the page gets 403; an anonymous visitor goes to the login."""

import pytest
from django.urls import reverse
from django.utils import timezone

from placements.models import Dwelling, OutflowCase
from tests.helpers import VISITORS, case_post, dwelling_post, expected_status, submitted

pytestmark = pytest.mark.django_db

# endpoint → (method, url, data, expected status per visitor; visitors not named get 403, anonymous 302)
DWELLING_READERS = {"coordinator": 200, "corporation_a": 200, "foreign_coordinator": 404, "corporation_b": 404}
DWELLING_WRITERS = {"coordinator": 302, "corporation_a": 302, "foreign_coordinator": 404, "corporation_b": 404}
DWELLING_LISTERS = {"coordinator": 200, "corporation_a": 200, "foreign_coordinator": 200, "corporation_b": 200}
CASE_READERS = {"coordinator": 200, "care_worker_c": 200, "foreign_coordinator": 404, "care_worker_d": 404}
CASE_EDITORS_GET = {"care_worker_c": 200, "care_worker_d": 404}
CASE_EDITORS_POST = {"care_worker_c": 302, "care_worker_d": 404}
CASE_LISTERS = {"coordinator": 200, "foreign_coordinator": 200, "care_worker_c": 200, "care_worker_d": 200}

ENDPOINTS = {
    "dwelling_list": ("get", lambda r: reverse("placements:dwelling_list"), None, DWELLING_LISTERS),
    "dwelling_export": ("get", lambda r: reverse("placements:dwelling_list") + "?export=csv", None, DWELLING_LISTERS),
    "dwelling_detail": ("get", lambda r: reverse("placements:dwelling_detail", args=[r["dwelling"].pk]), None, DWELLING_READERS),
    "dwelling_update_get": ("get", lambda r: reverse("placements:dwelling_update", args=[r["dwelling"].pk]), None, DWELLING_READERS),
    "dwelling_update_post": (
        "post", lambda r: reverse("placements:dwelling_update", args=[r["dwelling"].pk]), lambda r: dwelling_post(r["dwelling"]), DWELLING_WRITERS,
    ),
    "dwelling_status_post": (
        "post", lambda r: reverse("placements:dwelling_status", args=[r["dwelling"].pk]), lambda r: {"action": "withdraw", "confirmed": "1"}, DWELLING_WRITERS,
    ),
    "dwelling_create_get": ("get", lambda r: reverse("placements:dwelling_create"), None, DWELLING_LISTERS),
    "case_list": ("get", lambda r: reverse("placements:case_list"), None, CASE_LISTERS),
    "case_export": ("get", lambda r: reverse("placements:case_list") + "?export=csv", None, CASE_LISTERS),
    "case_detail": ("get", lambda r: reverse("placements:case_detail", args=[r["case"].pk]), None, CASE_READERS),
    "case_update_get": ("get", lambda r: reverse("placements:case_update", args=[r["case"].pk]), None, CASE_EDITORS_GET),
    "case_update_post": (
        "post", lambda r: reverse("placements:case_update", args=[r["case"].pk]), lambda r: case_post(r["case"]), CASE_EDITORS_POST,
    ),
    "case_status_post": (
        "post", lambda r: reverse("placements:case_status", args=[r["case"].pk]),
        lambda r: {"action": "close", "reason": "withdrawn", "closed_on": timezone.localdate().isoformat(), "confirmed": "1"}, CASE_EDITORS_POST,
    ),
    "case_create_get": ("get", lambda r: reverse("placements:case_create"), None, {"care_worker_c": 200, "care_worker_d": 200}),
}  # fmt: skip


@pytest.mark.parametrize("endpoint", list(ENDPOINTS))
@pytest.mark.parametrize("visitor", VISITORS)
def test_home_and_client_pages_answer_each_visitor_by_role_and_organisation(
    client, users, dwelling, other_dwelling, case, other_case, endpoint, visitor
):
    method, url, data, allowed = ENDPOINTS[endpoint]
    records = {"dwelling": dwelling, "case": case}
    if users[visitor] is not None:
        client.force_login(users[visitor])
    before = (Dwelling.objects.values().get(pk=dwelling.pk), OutflowCase.objects.values().get(pk=case.pk))
    response = getattr(client, method)(url(records), submitted(data(records)) if data else None)
    expected = expected_status(visitor, allowed)
    assert response.status_code == expected, f"{visitor} {endpoint}"
    if visitor == "anonymous":
        assert reverse("login") in response.url
    after = (Dwelling.objects.values().get(pk=dwelling.pk), OutflowCase.objects.values().get(pk=case.pk))
    if method == "post" and expected != 302:
        assert after == before, "a refused request changed data"


LIST_VISIBILITY = [
    # visitor, list endpoint, shown marker, hidden markers
    ("coordinator", "dwelling", ["Eigenstraat", "Anderestraat"], []),
    ("corporation_a", "dwelling", ["Eigenstraat"], ["Anderestraat"]),
    ("corporation_b", "dwelling", ["Anderestraat"], ["Eigenstraat"]),
    ("foreign_coordinator", "dwelling", [], ["Eigenstraat", "Anderestraat"]),
    ("coordinator", "case", ["ZAA-2026-0001", "ZAA-2026-0002"], []),
    ("care_worker_c", "case", ["ZAA-2026-0001"], ["ZAA-2026-0002"]),
    ("care_worker_d", "case", ["ZAA-2026-0002"], ["ZAA-2026-0001"]),
    ("foreign_coordinator", "case", [], ["ZAA-2026-0001", "ZAA-2026-0002"]),
]


@pytest.mark.parametrize(("visitor", "kind", "shown", "hidden"), LIST_VISIBILITY)
@pytest.mark.parametrize("export", [False, True], ids=["list", "export"])
def test_lists_and_exports_hold_only_visible_records(
    client, users, dwelling, other_dwelling, case, other_case, visitor, kind, shown, hidden, export
):
    client.force_login(users[visitor])
    url = reverse(f"placements:{kind}_list") + ("?export=csv" if export else "")
    response = client.get(url)
    body = b"".join(response.streaming_content).decode("utf-8-sig") if export else response.content.decode()
    for marker in shown:
        assert marker in body
    for marker in hidden:
        assert marker not in body
    if not export:
        assert response.context["paginator"].count == len(shown)
