"""The placement model: rules the database keeps even when code skips the services."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from placements.models import Placement


@pytest.mark.django_db
def test_the_database_itself_refuses_a_second_active_placement(users, dwelling, case, other_case):
    Placement.objects.create(dwelling=dwelling, case=case, proposed_at=timezone.now(), proposed_by=users["coordinator"])
    with pytest.raises(IntegrityError), transaction.atomic():
        Placement.objects.create(
            dwelling=dwelling, case=other_case, proposed_at=timezone.now(), proposed_by=users["coordinator"]
        )
