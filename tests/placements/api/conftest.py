"""Tokens and an API client for the API tests: a token of each organisation of `party`, made as its
administrator makes one."""

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from placements.api.services import create_token
from regions.models import Membership
from tests.factories import UserFactory


@pytest.fixture
def make_token(party):
    """Factory fixture: (token, secret) of the named organisation of `party`, made by its administrator."""

    def make(organisation: str, scope: str = "write", days: int = 30):
        org = getattr(party, organisation)
        user = UserFactory(username=f"beheer-{organisation}")
        admin = Membership.objects.get_or_create(organisation=org, role=Membership.Role.ORG_ADMIN, user=user)[0].user
        return create_token(
            organisation_id=org.pk,
            name=f"ERP {org.name}",
            scope=scope,
            expires_at=timezone.now() + timedelta(days=days),
            by=admin,
        )

    return make


@pytest.fixture
def api(make_token):
    """Factory fixture: an API client holding a token of the named organisation (None: no token)."""

    def client(organisation: str | None, scope: str = "write") -> APIClient:
        api_client = APIClient()
        if organisation is not None:
            _token, secret = make_token(organisation, scope)
            api_client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
        return api_client

    return client
