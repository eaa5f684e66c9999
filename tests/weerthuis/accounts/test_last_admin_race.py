"""Two administrators of one organisation deactivating each other at the same moment: the organisation's row lock
makes one wait for the other, and the second finds it no longer administers anything, so one stays."""

import pytest
from django.contrib.auth import get_user_model

from regions.models import Membership
from tests.helpers import at_once
from weerthuis.accounts import services

Role = Membership.Role


@pytest.mark.django_db(transaction=True)
def test_two_admins_deactivating_each_other_at_once_leave_one_active(member):
    first = member(Role.ORG_ADMIN, "corporation", username="eerste")
    second = member(Role.ORG_ADMIN, "corporation", username="tweede")
    User = get_user_model()

    def deactivate(by, target):
        return lambda: services.deactivate_member(
            user=User.objects.get(pk=target.pk), by=User.objects.get(pk=by.pk), request=None
        )

    results = at_once([deactivate(first, second), deactivate(second, first)])
    assert sorted(type(result).__name__ for result in results) == ["AccountChangeRefused", "bool"]
    assert User.objects.filter(pk__in=[first.pk, second.pk], is_active=True).count() == 1
