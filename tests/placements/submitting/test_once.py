"""A create or decision form sent twice (double click, back and resend) is handled once: the second sending
shows the first one's result, never a second client or a second decision."""

import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from placements.matching.services import propose_placement
from placements.models import OutflowCase, Placement, Submission
from placements.submitting.once import FIELD
from placements.submitting.tasks import forget_old_form_tokens
from tests.helpers import case_post, dwelling_post, submitted

pytestmark = pytest.mark.django_db
ALREADY_SENT = "Dit formulier was al verstuurd"


@pytest.fixture
def registration(case):
    """A new client's registration form as sent, with its token (the `case` fixture is the client before)."""
    return {key: value for key, value in case_post(case).items() if key != "seen_version"}


def new_clients():
    return OutflowCase.objects.exclude(reference="ZAA-2026-0001")


def test_a_registration_sent_twice_creates_one_client_and_shows_it_both_times(client, users, registration):
    client.force_login(users["care_worker_c"])
    url = reverse("placements:case_create")
    first = client.post(url, registration)
    second = client.post(url, registration, follow=True)

    case = new_clients().get()
    assert first.url == reverse("placements:case_detail", args=[case.pk])
    assert second.redirect_chain[-1][0] == first.url
    assert ALREADY_SENT in second.content.decode()


def test_a_proposal_sent_twice_is_one_proposal(client, users, dwelling, case):
    client.force_login(users["coordinator"])
    data = submitted({"dwelling": dwelling.pk, "case": case.pk})
    first = client.post(reverse("placements:propose"), data)
    second = client.post(reverse("placements:propose"), data, follow=True)

    assert Placement.objects.count() == 1
    assert second.redirect_chain[-1][0] == first.url
    html = second.content.decode()
    assert ALREADY_SENT in html and "is al voorgedragen" not in html


def test_a_decision_sent_twice_is_taken_once_without_an_error(client, users, dwelling, case):
    placement = propose_placement(dwelling_id=dwelling.pk, case_id=case.pk, by=users["coordinator"])
    client.force_login(users["corporation_a"])
    url = reverse("placements:placement_action", args=[placement.pk])
    data = submitted({"action": "accept"})
    client.post(url, data)
    second = client.post(url, data, follow=True)

    placement.refresh_from_db()
    assert placement.status == "accepted"
    messages = [str(m) for m in second.context["messages"]]
    assert any(ALREADY_SENT in m for m in messages) and not any("Alleen" in m for m in messages)


def test_a_form_with_errors_can_be_corrected_and_sent_with_its_token(client, users, registration):
    client.force_login(users["care_worker_c"])
    url = reverse("placements:case_create")
    assert client.post(url, {**registration, "household_size": 0}).status_code == 200
    assert client.post(url, registration).status_code == 302
    assert new_clients().count() == 1


def test_a_form_rendered_before_tokens_existed_is_still_handled(client, users, registration, caplog):
    client.force_login(users["care_worker_c"])
    data = {key: value for key, value in registration.items() if key != FIELD}
    response = client.post(reverse("placements:case_create"), data)
    assert response.status_code == 302 and new_clients().count() == 1
    assert "without a form token" in caplog.text


def test_a_refused_decision_can_be_corrected_and_sent_with_the_same_form(client, users, dwelling, case):
    placement = propose_placement(dwelling_id=dwelling.pk, case_id=case.pk, by=users["coordinator"])
    client.force_login(users["corporation_a"])
    url = reverse("placements:placement_action", args=[placement.pk])
    form = submitted({"action": "decline", "reason": "other", "note": "", "confirmed": "1"})
    refused = client.post(url, form, follow=True)
    assert "Licht de reden" in refused.content.decode()

    client.post(url, {**form, "note": "Woning te klein voor het gezin"})  # back, note added, sent again

    placement.refresh_from_db()
    assert placement.status == "declined"


def test_another_users_token_does_not_show_the_first_users_result(client, users, registration):
    client.force_login(users["care_worker_c"])
    client.post(reverse("placements:case_create"), registration)
    client.force_login(users["care_worker_d"])
    response = client.post(reverse("placements:case_create"), registration, follow=True)
    assert response.redirect_chain[0][0] == reverse("home")
    assert "hoort bij een andere gebruiker" in response.content.decode()
    assert new_clients().count() == 1 and Submission.objects.count() == 1


def test_tokens_are_forgotten_after_thirty_days(users):
    now = timezone.now()
    old = Submission.objects.create(token=uuid.uuid4(), user=users["coordinator"], result_url="/")
    recent = Submission.objects.create(token=uuid.uuid4(), user=users["coordinator"], result_url="/")
    Submission.objects.filter(pk=old.pk).update(at=now - timedelta(days=31))
    Submission.objects.filter(pk=recent.pk).update(at=now - timedelta(days=29))

    assert forget_old_form_tokens() == 1
    assert list(Submission.objects.all()) == [recent]


def test_every_page_that_takes_a_post_handles_it_once():
    """A new create or decision page that forgets the one-time token is caught here."""
    from django.urls import get_resolver

    from placements.submitting.once import SubmitOnceMixin

    views = {
        name: pattern.callback.view_class
        for name, pattern in (
            (p.name, p) for p in get_resolver("placements.urls").url_patterns if hasattr(p.callback, "view_class")
        )
        if hasattr(pattern.callback.view_class, "post")
    }
    assert {name for name, view in views.items() if not issubclass(view, SubmitOnceMixin)} == set()
    assert "dashboard_recompute" in views and "placement_action" in views


SENT_TWICE = {
    # page: (who, url, form)
    "dwelling_create": ("corporation_a", lambda r: reverse("placements:dwelling_create"),
                        lambda r: {**dwelling_post(r["dwelling"]), "postcode": "1521 AB", "house_number": 99}),
    "dwelling_update": ("corporation_a", lambda r: reverse("placements:dwelling_update", args=[r["dwelling"].pk]),
                        lambda r: dwelling_post(r["dwelling"])),
    "dwelling_status": ("corporation_a", lambda r: reverse("placements:dwelling_status", args=[r["dwelling"].pk]),
                        lambda r: {"action": "withdraw", "confirmed": "1"}),
    "case_status": ("care_worker_c", lambda r: reverse("placements:case_status", args=[r["case"].pk]),
                    lambda r: {"action": "close", "reason": "withdrawn", "closed_on": r["today"], "confirmed": "1"}),
    "dashboard_recompute": ("coordinator", lambda r: reverse("placements:dashboard_recompute", args=[r["region"]]),
                            lambda r: {}),
}  # fmt: skip


@pytest.mark.parametrize("page", list(SENT_TWICE))
def test_each_page_answers_a_form_sent_twice_with_the_first_result(client, users, party, dwelling, case, page):
    who, url, form = SENT_TWICE[page]
    records = {"dwelling": dwelling, "case": case, "region": party.region.pk, "today": timezone.localdate()}
    client.force_login(users[who])
    data = submitted(form(records))
    first = client.post(url(records), data)
    second = client.post(url(records), data, follow=True)
    assert first.status_code == 302
    assert second.redirect_chain[0][0] == first.url
    assert ALREADY_SENT in second.content.decode()


def test_a_token_that_is_no_token_is_refused(client, users, registration):
    client.force_login(users["care_worker_c"])
    response = client.post(reverse("placements:case_create"), {**registration, FIELD: "niet-een-sleutel"})
    assert response.status_code == 400
    assert not new_clients().exists()


def test_a_token_taken_from_another_form_records_nothing(client, users, dwelling, other_dwelling):
    client.force_login(users["coordinator"])
    token = submitted({})[FIELD]
    withdraw = {"action": "withdraw", "confirmed": "1", FIELD: token}
    client.post(reverse("placements:dwelling_status", args=[dwelling.pk]), withdraw)
    response = client.post(reverse("placements:dwelling_status", args=[other_dwelling.pk]), withdraw, follow=True)
    assert "hoort bij een andere pagina" in response.content.decode()
    other_dwelling.refresh_from_db()
    assert other_dwelling.status == "reserved"
