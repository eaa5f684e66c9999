"""The client model: rules the database keeps even when code skips the services."""

import pytest
from django.db import IntegrityError, transaction

from placements.models import OutflowCase

pytestmark = pytest.mark.django_db


def test_the_database_refuses_a_closed_client_without_reason(case):
    with pytest.raises(IntegrityError), transaction.atomic():
        OutflowCase.objects.filter(pk=case.pk).update(status="closed")
