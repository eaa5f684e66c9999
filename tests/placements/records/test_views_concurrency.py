"""Edits and double submissions at the same instant, through the real views on real PostgreSQL, each request in
a thread and connection of its own: an edit never undoes a proposal made at that moment, only one of several
simultaneous edits of one version is saved (the others are told), and a registration sent eight times at once
creates one client."""

import pytest
from django.test import Client
from django.urls import reverse

from placements.models import Dwelling, OutflowCase, Placement
from tests.factories import DwellingFactory, OutflowCaseFactory
from tests.helpers import at_once, case_post, dwelling_post, submitted

THREADS = 8
ROUNDS = 3
PROPOSE = reverse("placements:propose")
STALE = "Iemand anders heeft deze gegevens opgeslagen"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def edits_and_a_proposal(editors, coordinator, url, data, home, case):
    """The editors send the same rendered form while the coordinator proposes `home` to `case`, all at once."""
    edits = [lambda e=e: e.post(url, submitted(data)) for e in editors]
    proposal = submitted({"dwelling": home.pk, "case": case.pk})
    *edited, proposed = at_once([*edits, lambda: coordinator.post(PROPOSE, proposal)])
    assert proposed.status_code == 302 and Placement.objects.filter(dwelling=home, case=case).exists()
    return edited


def outcomes(results) -> tuple[int, int, list]:
    """(saved, refused as stale, anything else) of the edit requests among `results`."""
    saved = [r for r in results if getattr(r, "status_code", None) == 302]
    stale = [r for r in results if getattr(r, "status_code", None) == 200 and STALE in r.content.decode()]
    return len(saved), len(stale), [r for r in results if r not in saved and r not in stale]


# What is edited, by whom, and what it looks like afterwards: (record, its status after the proposal, a field
# the edit changed and its new value).
EDITED = {
    "home": ("corporation_a", "dwelling_update", dwelling_post, Dwelling.Status.OFFERED, ("street", "Nieuwe straat")),
    "client": ("care_worker_c", "case_update", case_post, OutflowCase.Status.MATCHED, ("household_size", 2)),
}


@pytest.mark.parametrize("kind", list(EDITED))
@pytest.mark.django_db(transaction=True)
def test_edits_at_the_moment_of_a_proposal_leave_its_status_and_save_once(users, party, neighbourhood, kind):
    editor, url_name, form_post, status, (field, value) = EDITED[kind]
    editors = [signed_in(users[editor]) for _ in range(THREADS - 1)]
    coordinator = signed_in(users["coordinator"])
    for _ in range(ROUNDS):
        home = DwellingFactory(corporation=party.corporation, neighbourhood=neighbourhood)
        case = OutflowCaseFactory(care_provider=party.care_provider, region=party.region)
        record = home if kind == "home" else case
        url, data = reverse(f"placements:{url_name}", args=[record.pk]), form_post(record)

        edited = edits_and_a_proposal(editors, coordinator, url, data, home, case)

        record.refresh_from_db()
        assert record.status == status  # the proposal's status survived every edit
        assert (getattr(record, field), record.version) == (value, 2)
        assert outcomes(edited)[:2] == (1, THREADS - 2), outcomes(edited)[2]


@pytest.mark.django_db(transaction=True)
def test_a_registration_sent_eight_times_at_once_creates_one_client(users, case):
    clicks = [signed_in(users["care_worker_c"]) for _ in range(THREADS)]
    data = {key: value for key, value in case_post(case).items() if key != "seen_version"}  # one rendered form
    url = reverse("placements:case_create")

    responses = at_once([lambda c=c: c.post(url, data) for c in clicks])

    registered = OutflowCase.objects.exclude(pk=case.pk)
    assert registered.count() == 1
    detail = reverse("placements:case_detail", args=[registered.get().pk])
    assert [getattr(r, "url", r) for r in responses] == [detail] * THREADS
