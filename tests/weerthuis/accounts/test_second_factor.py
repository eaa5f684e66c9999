"""A second factor for everyone who can read client records: enrolment on first login, the code at every login
after that, and nothing of a client before it (weerthuis/accounts/second_factor.py, forms.py)."""

import re
from datetime import timedelta

import pytest
import time_machine
from allauth.mfa.models import Authenticator
from django.urls import reverse

from regions.models import Membership
from tests.factories import OutflowCaseFactory, UserFactory
from tests.helpers import enrol_totp, sign_in, totp_code
from weerthuis.accounts.models import SignInEvent
from weerthuis.accounts.second_factor import SESSION_KEY

pytestmark = pytest.mark.django_db


@pytest.fixture
def care_worker(member):
    return member(Membership.Role.CARE_WORKER, "care_provider", username="begeleider")


@pytest.fixture
def client_record(party):
    return OutflowCaseFactory(care_provider=party.care_provider, region=party.region, reference="ZAA-2026-0042")


def test_care_worker_with_a_password_but_no_second_factor_sees_no_client(client, care_worker, client_record):
    response = sign_in(client, "begeleider")
    assert response.status_code == 302
    for url in (
        reverse("home"),
        reverse("placements:case_list"),
        reverse("placements:case_detail", args=[client_record.pk]),
    ):
        page = client.get(url)
        assert page.status_code == 302 and page.url == reverse("mfa_activate_totp")
    enrolment = client.get(reverse("mfa_activate_totp"), follow=True)
    html = enrolment.content.decode()
    assert "ZAA-2026-0042" not in html
    assert "Tweede stap bij het inloggen instellen" in html and "Stel eerst een tweede stap" in html


@pytest.mark.django_db(transaction=True)  # allauth announces a new factor after the commit, as in production
def test_enrolment_walks_through_app_code_and_recovery_codes_then_opens_the_clients(client, care_worker, client_record):
    sign_in(client, "begeleider")
    page = client.get(reverse("mfa_activate_totp"))
    secret = page.context["form"].secret
    assert secret in page.content.decode()  # to type over when scanning fails
    wrong = client.post(reverse("mfa_activate_totp"), {"code": "000000" if totp_code(secret) != "000000" else "111111"})
    assert wrong.status_code == 200 and not Authenticator.objects.filter(user=care_worker).exists()
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert response.status_code == 302 and response.url == reverse("mfa_view_recovery_codes")
    codes = client.get(response.url).content.decode()
    assert len(re.findall(r"\b\d{8}\b", codes)) >= 10
    assert "ZAA-2026-0042" in client.get(reverse("placements:case_list")).content.decode()
    assert SignInEvent.objects.filter(user=care_worker, kind=SignInEvent.Kind.FACTOR_ADDED).exists()


def test_login_asks_for_the_app_code_and_accepts_each_code_once(client, care_worker, client_record):
    secret = enrol_totp(care_worker)
    response = client.post(reverse("login"), {"login": "begeleider", "password": "een-sterk-testwachtwoord"})
    assert response.url == reverse("mfa_authenticate")
    assert client.get(reverse("placements:case_list")).status_code == 302  # not signed in yet
    code = totp_code(secret)
    assert client.post(reverse("mfa_authenticate"), {"code": code}).url == reverse("home")
    assert client.get(reverse("placements:case_list")).status_code == 200
    # Someone who saw the code over a shoulder, with the password, a second later:
    other = client.__class__()
    other.post(reverse("login"), {"login": "begeleider", "password": "een-sterk-testwachtwoord"})
    replay = other.post(reverse("mfa_authenticate"), {"code": code})
    assert replay.status_code == 200 and "Ongeldige code" in replay.content.decode()


def test_wrong_codes_are_throttled_per_account_and_the_wait_is_not_lengthened(client, settings, care_worker):
    secret = enrol_totp(care_worker)
    with time_machine.travel("2026-03-02 09:00 +01:00", tick=False) as clock:
        client.post(reverse("login"), {"login": "begeleider", "password": "een-sterk-testwachtwoord"})
        wrong = "000000" if totp_code(secret) != "000000" else "111111"
        for _ in range(settings.AXES_FAILURE_LIMIT):
            client.post(reverse("mfa_authenticate"), {"code": wrong})
        clock.shift(timedelta(minutes=10))
        refused = client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)})
        assert refused.status_code == 200 and "te vaak een verkeerde code" in refused.content.decode()
        clock.shift(timedelta(minutes=5, seconds=1))  # 15 minutes after the failures, not after the last try
        client.post(reverse("login"), {"login": "begeleider", "password": "een-sterk-testwachtwoord"})
        assert client.post(reverse("mfa_authenticate"), {"code": totp_code(secret)}).url == reverse("home")


def test_a_session_that_never_used_the_second_step_is_signed_out(client, care_worker):
    enrol_totp(care_worker)
    client.force_login(care_worker)  # a session made some other way than the login page, without the mark
    session = client.session
    del session[SESSION_KEY]
    session.save()
    response = client.get(reverse("placements:case_list"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert client.get(reverse("home")).status_code == 302  # signed out, not merely sent away


@pytest.mark.parametrize(
    ("role", "organisation", "required"),
    [
        (Membership.Role.COORDINATOR, "municipality", True),
        (Membership.Role.CORPORATION_STAFF, "corporation", True),
        (Membership.Role.CARE_WORKER, "care_provider", True),
        (Membership.Role.MANAGER, "municipality", False),
    ],
)
def test_who_must_set_up_a_second_factor(client, member, role, organisation, required):
    member(role, organisation, username="iemand")
    sign_in(client, "iemand")
    response = client.get(reverse("home"))
    assert (response.status_code == 302 and response.url == reverse("mfa_activate_totp")) is required


def test_the_administrator_needs_a_second_factor_for_the_admin(client, db):
    UserFactory(username="admin", is_staff=True, is_superuser=True)
    sign_in(client, "admin")
    response = client.get("/beheer/")
    assert response.status_code == 302 and response.url == reverse("mfa_activate_totp")


def test_demo_users_may_go_without_in_demo_mode_only(client, settings, member):
    namesake = member(Membership.Role.COORDINATOR, "municipality", username="regisseur", email="r@zaanstad.example")
    settings.DEMO_MODE = True
    sign_in(client, "regisseur")
    assert client.get(reverse("home")).url == reverse("mfa_activate_totp")  # a real account with a demo name
    client.logout()
    namesake.email = "regisseur@demo.invalid"  # as seed_demo makes it
    namesake.save()
    sign_in(client, "regisseur")
    assert client.get(reverse("home")).status_code == 200
    settings.DEMO_MODE = False
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response.url == reverse("mfa_activate_totp")


@pytest.mark.django_db(transaction=True)
def test_an_address_recorded_as_unverified_does_not_block_enrolment(client, care_worker):
    # A password reset records the address in allauth's table, unverified; addresses are never verified here.
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=care_worker, email="bea@zorg.example", verified=False, primary=True)
    sign_in(client, "begeleider")
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    response = client.post(reverse("mfa_activate_totp"), {"code": totp_code(page.context["form"].secret)})
    assert response.status_code == 302 and Authenticator.objects.filter(user=care_worker).exists()


def test_the_second_step_offers_a_security_key_only_to_who_has_one(client, care_worker):
    enrol_totp(care_worker)
    client.post(reverse("login"), {"login": "begeleider", "password": "een-sterk-testwachtwoord"})
    html = client.get(reverse("mfa_authenticate")).content.decode()
    assert "Vul de code van 6 cijfers in" in html and "Beveiligingssleutel gebruiken" not in html


@pytest.mark.django_db(transaction=True)
def test_a_session_parked_with_the_password_does_not_open_when_the_person_enrols_elsewhere(care_worker, client_record):
    from django.test import Client

    parked, own = Client(), Client()  # someone who learned the password, and the person themselves
    sign_in(parked, "begeleider")
    assert parked.get(reverse("home")).url == reverse("mfa_activate_totp")
    sign_in(own, "begeleider")
    page = own.get(reverse("mfa_activate_totp"))
    own.post(reverse("mfa_activate_totp"), {"code": totp_code(page.context["form"].secret)})
    assert "ZAA-2026-0042" in own.get(reverse("placements:case_list")).content.decode()
    response = parked.get(reverse("placements:case_list"))
    assert response.status_code == 302 and reverse("login") in response.url
    assert parked.get(reverse("mfa_view_recovery_codes")).status_code == 302


@pytest.mark.parametrize("typed", ["Regisseur", "REGISSEUR", " regisseur", "regisseur "])
def test_another_spelling_of_a_locked_username_is_locked_too(client, settings, coordinator, typed):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"login": "regisseur", "password": "fout"}, REMOTE_ADDR="10.0.0.7")
    response = client.post(
        reverse("login"), {"login": typed, "password": "een-sterk-testwachtwoord"}, REMOTE_ADDR="10.0.0.7"
    )
    assert response.status_code == 429
    assert SignInEvent.objects.filter(user=coordinator, kind=SignInEvent.Kind.LOGIN_FAILED).count() >= 5


@pytest.mark.django_db(transaction=True)
def test_the_owner_is_told_when_wrong_codes_block_the_second_step(client, settings, care_worker):
    from django.core import mail

    care_worker.email = "bea@zorg.example"
    care_worker.save()
    secret = enrol_totp(care_worker)
    client.post(reverse("login"), {"login": "begeleider", "password": "een-sterk-testwachtwoord"})
    wrong = "000000" if totp_code(secret) != "000000" else "111111"
    for _ in range(settings.AXES_FAILURE_LIMIT + 2):
        client.post(reverse("mfa_authenticate"), {"code": wrong})
    [message] = mail.outbox  # once, when the codes start being refused
    assert message.to == ["bea@zorg.example"] and "wachtwoord" in message.body
