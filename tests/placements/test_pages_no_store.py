"""No signed-in page may come back from the browser's cache after logging out (weerthuis.middleware)."""

import pytest
from django.urls import reverse

from placements.matching.services import propose_placement

pytestmark = pytest.mark.django_db

# (name of the visitor, the page): every kind of page a signed-in user reads, as someone who may read it.
PAGES = {
    "home": ("coordinator", lambda r: reverse("home")),
    "dwelling_list": ("coordinator", lambda r: reverse("placements:dwelling_list")),
    "dwelling_detail": ("corporation_a", lambda r: reverse("placements:dwelling_detail", args=[r["dwelling"].pk])),
    "dwelling_update": ("corporation_a", lambda r: reverse("placements:dwelling_update", args=[r["dwelling"].pk])),
    "case_list": ("care_worker_c", lambda r: reverse("placements:case_list")),
    "case_detail": ("care_worker_c", lambda r: reverse("placements:case_detail", args=[r["case"].pk])),
    "case_update": ("care_worker_c", lambda r: reverse("placements:case_update", args=[r["case"].pk])),
    "case_create": ("care_worker_c", lambda r: reverse("placements:case_create")),
    "dwelling_candidates": ("coordinator", lambda r: reverse("placements:dwelling_candidates", args=[r["free"].pk])),
    "case_candidates": ("coordinator", lambda r: reverse("placements:case_candidates", args=[r["other_case"].pk])),
    "placement_list": ("coordinator", lambda r: reverse("placements:placement_list")),
    "placement_detail": ("coordinator", lambda r: reverse("placements:placement_detail", args=[r["placement"].pk])),
    "dashboard": ("coordinator", lambda r: reverse("placements:dashboard_region", args=[r["region"].pk])),
    "report": ("coordinator", lambda r: reverse("placements:report")),
    "admin_index": ("admin", lambda r: reverse("admin:index")),
    "admin_dwellings": ("admin", lambda r: reverse("admin:placements_dwelling_changelist")),
}


@pytest.fixture
def records(party, users, dwelling, other_dwelling, case, other_case):
    placement = propose_placement(dwelling_id=dwelling.pk, case_id=case.pk, by=users["coordinator"])
    return {
        "dwelling": dwelling, "free": other_dwelling, "case": case, "other_case": other_case,
        "placement": placement, "region": party.region,
    }  # fmt: skip


@pytest.mark.parametrize("page", list(PAGES))
def test_signed_in_page_is_not_stored_by_the_browser(client, users, admin_user, records, page):
    visitor, url = PAGES[page]
    client.force_login(admin_user if visitor == "admin" else users[visitor])
    response = client.get(url(records))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_a_download_keeps_its_own_cache_control(client, users, records):
    client.force_login(users["care_worker_c"])
    response = client.get(reverse("placements:case_list") + "?export=csv")
    assert response["Cache-Control"] == "no-store"


def test_a_page_after_logging_out_is_not_required_to_be_no_store(client, users):
    client.force_login(users["coordinator"])
    client.post(reverse("logout"))
    response = client.get(reverse("placements:case_list"))
    assert response.status_code == 302
    assert "no-store" not in response.get("Cache-Control", "")


def test_health_check_and_anonymous_login_page_still_answer(client):
    # Neither is for a signed-in user; both are never_cache in their own right (Django's LoginView, the health view).
    assert client.get(reverse("login")).status_code == 200
    assert client.get(reverse("health") + "?alleen=database").status_code == 200
