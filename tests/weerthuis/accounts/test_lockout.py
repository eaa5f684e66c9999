"""The lockout counts failures per username and real address: behind the compose proxy an attacker locks only
their own address, a forged X-Forwarded-For changes nothing, and trying on during a lockout does not lengthen it."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from tests.helpers import enrol_totp, sign_in
from weerthuis.accounts.models import SignInEvent

pytestmark = pytest.mark.django_db

PROXY = "172.18.0.5"  # the reverse proxy: every connection to the web server comes from it
ATTACKER, USER = "203.0.113.9", "198.51.100.7"


@pytest.fixture
def behind_one_proxy(settings):
    settings.PROXY_COUNT = settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1


def via_proxy(client_address: str, forged: str = "") -> dict:
    """What the web server receives from the proxy: the proxy appends the address it was connected from."""
    chain = f"{forged}, {client_address}" if forged else client_address
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": chain}


def attack(client, settings, username: str, **extra) -> None:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"login": username, "password": "geraden"}, **extra)


def test_behind_the_proxy_an_attacker_locks_their_own_address_not_the_user(
    client, settings, behind_one_proxy, coordinator
):
    secret = enrol_totp(coordinator)
    attack(client, settings, "regisseur", **via_proxy(ATTACKER))
    locked = client.post(
        reverse("login"), {"login": "regisseur", "password": "een-sterk-testwachtwoord"}, **via_proxy(ATTACKER)
    )
    assert locked.status_code == 429
    response = sign_in(client.__class__(), "regisseur", secret=secret, **via_proxy(USER))
    assert response.status_code == 302 and response.url == reverse("home")


def test_a_forged_forwarded_address_neither_frees_the_attacker_nor_locks_the_user(
    client, settings, behind_one_proxy, coordinator
):
    secret = enrol_totp(coordinator)
    # The attacker claims to be the user's address; the proxy appends the attacker's real one, which is counted.
    attack(client, settings, "regisseur", **via_proxy(ATTACKER, forged=USER))
    still_locked = client.post(
        reverse("login"), {"login": "regisseur", "password": "x"}, **via_proxy(ATTACKER, forged="10.9.8.7")
    )
    assert still_locked.status_code == 429
    assert sign_in(client.__class__(), "regisseur", secret=secret, **via_proxy(USER)).url == reverse("home")
    assert set(SignInEvent.objects.filter(kind=SignInEvent.Kind.LOGIN_FAILED).values_list("address", flat=True)) == {
        ATTACKER
    }


def test_trying_on_during_a_lockout_does_not_lengthen_it(client, settings, coordinator):
    secret = enrol_totp(coordinator)
    with time_machine.travel("2026-03-02 09:00 +01:00", tick=False) as clock:
        attack(client, settings, "regisseur", REMOTE_ADDR=USER)
        for _ in range(10):  # every minute for ten minutes
            clock.shift(timedelta(minutes=1))
            response = client.post(reverse("login"), {"login": "regisseur", "password": "fout"}, REMOTE_ADDR=USER)
            assert response.status_code == 429
        clock.shift(settings.AXES_COOLOFF_TIME - timedelta(minutes=10) + timedelta(seconds=1))
        assert sign_in(client, "regisseur", secret=secret, REMOTE_ADDR=USER).url == reverse("home")


def test_failures_and_the_lockout_are_sign_in_events_of_that_account(client, settings, coordinator):
    attack(client, settings, "regisseur", REMOTE_ADDR=ATTACKER)
    client.post(reverse("login"), {"login": "regisseur", "password": "fout"}, REMOTE_ADDR=ATTACKER)
    kinds = list(SignInEvent.objects.filter(user=coordinator).values_list("kind", flat=True))
    assert kinds.count(SignInEvent.Kind.LOGIN_FAILED) >= settings.AXES_FAILURE_LIMIT
    assert SignInEvent.Kind.LOCKED_OUT in kinds
    # A name that matches no account leaves no event: it may be a password typed in the wrong box.
    client.post(reverse("login"), {"login": "mijn-wachtwoord-123", "password": "x"}, REMOTE_ADDR=USER)
    assert not SignInEvent.objects.filter(user__isnull=True).exists()
