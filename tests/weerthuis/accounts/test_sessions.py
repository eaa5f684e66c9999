"""Every session is listed for its owner and can be ended; deactivating or reactivating an account ends them all,
so an old session never comes back to life."""

from importlib import import_module

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from weerthuis.accounts import services
from weerthuis.accounts.models import SignInEvent

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    assert client.get(reverse("home")).status_code == 200  # the first request lists the session
    return client


def test_deactivation_ends_every_session_and_reactivation_does_not_revive_them(coordinator, session_store, db):
    laptop, phone = signed_in(coordinator), signed_in(coordinator)
    cookie = laptop.cookies[settings.SESSION_COOKIE_NAME].value
    services.deactivate(user=coordinator, by=None)
    store = import_module(settings.SESSION_ENGINE).SessionStore
    assert not store().exists(cookie) and store(cookie).load() == {}  # gone from the database and the cache
    services.reactivate(user=coordinator, by=None)
    for client in (laptop, phone):
        response = client.get(reverse("home"))
        assert response.status_code == 302 and reverse("login") in response.url
    laptop.cookies[settings.SESSION_COOKIE_NAME] = cookie  # a copied cookie opens nothing either
    assert laptop.get(reverse("home")).status_code == 302
    kinds = set(SignInEvent.objects.filter(user=coordinator).values_list("kind", flat=True))
    assert {SignInEvent.Kind.DEACTIVATED, SignInEvent.Kind.REACTIVATED} <= kinds


def test_deactivating_in_the_admin_ends_the_sessions_too(coordinator, session_store, django_user_model):
    from tests.factories import UserFactory

    admin = UserFactory(username="admin", is_staff=True, is_superuser=True)
    session = signed_in(coordinator)
    client = Client()
    client.force_login(admin)
    page = client.get(reverse("admin:auth_user_change", args=[coordinator.pk]))
    data = {k: v for k, v in page.context["adminform"].form.initial.items() if v is not None and k != "password"}
    data |= {
        "is_active": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "09:00:00",
        "last_login_0": "",
        "last_login_1": "",
    }
    data |= {"memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0"}
    data.pop("is_active")
    data.pop("groups", None)
    data.pop("user_permissions", None)
    response = client.post(reverse("admin:auth_user_change", args=[coordinator.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    coordinator.refresh_from_db()
    assert not coordinator.is_active
    assert session.get(reverse("home")).status_code == 302


def test_a_person_sees_their_sessions_and_ends_the_others(coordinator):
    elsewhere = signed_in(coordinator)
    here = signed_in(coordinator)
    page = here.get(reverse("usersessions_list"))
    assert page.status_code == 200 and page.content.decode().count("<tr>") == 3  # header and two sessions
    assert "deze sessie" in page.content.decode()
    here.post(reverse("usersessions_list"))
    assert elsewhere.get(reverse("home")).status_code == 302
    assert here.get(reverse("home")).status_code == 200
    assert SignInEvent.objects.filter(user=coordinator, kind=SignInEvent.Kind.SESSIONS_ENDED).count() == 1


def test_my_account_shows_recent_sign_ins_of_this_account_only(coordinator, member, client):
    other = member("manager", "municipality", username="collega")
    SignInEvent.objects.create(kind=SignInEvent.Kind.LOGIN, user=coordinator, address="198.51.100.7")
    SignInEvent.objects.create(kind=SignInEvent.Kind.LOGIN, user=other, address="203.0.113.9")
    client.force_login(coordinator)
    html = client.get(reverse("accounts:my_account")).content.decode()
    assert "198.51.100.7" in html and "203.0.113.9" not in html
    assert "Wachtwoord wijzigen" in html and "niet ingesteld" in html


def test_sign_in_events_stay_when_the_account_is_deleted(coordinator):
    SignInEvent.objects.create(kind=SignInEvent.Kind.LOGIN, user=coordinator, username="regisseur")
    coordinator.delete()
    event = SignInEvent.objects.get()
    assert event.user is None and event.username == "regisseur"


def test_deleting_a_persons_authenticator_in_the_admin_signs_them_out(coordinator):
    from allauth.mfa.models import Authenticator

    from tests.factories import UserFactory
    from tests.helpers import enrol_totp

    enrol_totp(coordinator)
    theirs = signed_in(coordinator)
    admin = Client()
    admin.force_login(UserFactory(username="admin", is_staff=True, is_superuser=True))
    authenticator = Authenticator.objects.get(user=coordinator)
    response = admin.post(reverse("admin:mfa_authenticator_delete", args=[authenticator.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert theirs.get(reverse("home")).status_code == 302
    assert SignInEvent.objects.filter(user=coordinator, kind=SignInEvent.Kind.FACTOR_REMOVED).exists()


def test_a_password_set_by_the_administrator_ends_the_persons_sessions(coordinator):
    from tests.factories import UserFactory

    theirs = signed_in(coordinator)
    admin = Client()
    admin.force_login(UserFactory(username="admin", is_staff=True, is_superuser=True))
    new = "een-nieuw-wachtwoord-van-de-beheerder"
    url = reverse("admin:auth_user_password_change", args=[coordinator.pk])
    response = admin.post(url, {"password1": new, "password2": new, "usable_password": "true"})
    assert response.status_code == 302
    assert theirs.get(reverse("home")).status_code == 302
    assert SignInEvent.objects.filter(user=coordinator, kind=SignInEvent.Kind.PASSWORD_CHANGED).exists()
