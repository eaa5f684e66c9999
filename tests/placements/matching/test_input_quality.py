"""The free text of the proposal and decision forms refuses control characters with a message instead of dropping
the text; keys cannot be handed over before the client's ready date."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from placements.matching.services import accept_placement, hand_over_keys
from placements.models import Placement
from placements.records.services import TransitionNotAllowed
from tests.helpers import submitted

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("reason", ["Afwijking\x00", "\x1b[2J", "te\x7fveel"])
def test_an_override_reason_with_a_control_character_is_refused_not_dropped(client, users, dwelling, case, reason):
    client.force_login(users["coordinator"])
    data = submitted({"dwelling": dwelling.pk, "case": case.pk, "override_reason": reason})
    response = client.post(reverse("placements:propose"), data)
    assert response.status_code == 200
    assert response.context["form"].errors["override_reason"]
    assert not Placement.objects.exists()


def test_an_override_reason_of_several_lines_is_accepted(client, users, dwelling, case):
    client.force_login(users["coordinator"])
    data = submitted({"dwelling": dwelling.pk, "case": case.pk, "override_reason": "Regel een\r\n\tRegel twee"})
    assert client.post(reverse("placements:propose"), data).status_code == 302
    assert Placement.objects.exists()


@pytest.mark.parametrize(
    ("visitor", "action", "field"),
    [
        ("corporation_a", "decline", "note"),
        ("coordinator", "cancel", "note"),
        ("corporation_a", "keys", "support_arrangement"),
    ],
)
def test_a_decision_note_with_a_nul_byte_is_refused(client, users, proposed, visitor, action, field):
    if action == "keys":
        accept_placement(placement_id=proposed.pk, by=users["corporation_a"])
    client.force_login(users[visitor])
    data = {"action": action, "reason": "other", "moved_in_on": timezone.localdate().isoformat(), field: "X\x00Y"}
    response = client.post(reverse("placements:placement_action", args=[proposed.pk]), submitted(data), follow=True)
    assert "stuurteken" in response.content.decode() or "Null-tekens" in response.content.decode()
    proposed.refresh_from_db()
    assert proposed.status == (Placement.Status.ACCEPTED if action == "keys" else Placement.Status.PROPOSED)


def test_keys_cannot_be_handed_over_before_the_ready_date(users, proposed):
    case = proposed.case
    case.ready_on = timezone.localdate()
    case.save(update_fields=["ready_on"])
    accept_placement(placement_id=proposed.pk, by=users["corporation_a"])
    yesterday = timezone.localdate() - timedelta(days=1)
    proposed.proposed_at -= timedelta(days=5)
    proposed.save(update_fields=["proposed_at"])
    with pytest.raises(TransitionNotAllowed, match="uitstroomklaar"):
        hand_over_keys(placement_id=proposed.pk, by=users["corporation_a"], moved_in_on=yesterday)
    hand_over_keys(placement_id=proposed.pk, by=users["corporation_a"], moved_in_on=timezone.localdate())
