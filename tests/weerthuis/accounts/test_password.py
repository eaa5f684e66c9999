"""A forgotten password is reset by e-mail without revealing which addresses have an account; a new password
follows the strength rules; changing or resetting it ends the other sessions."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.helpers import enrol_totp, sign_in
from weerthuis.accounts.models import SignInEvent

# E-mails go out after the commit (weerthuis.accounts.adapter), as in production: real transactions.
pytestmark = pytest.mark.django_db(transaction=True)

NEW_PASSWORD = "zeven-zeeën-zeilen-zacht"


@pytest.fixture
def person(coordinator):
    coordinator.email = "rianne@zaanstad.example"
    coordinator.save()
    return coordinator


def reset_link(message) -> str:
    return re.search(r"https?://\S+/password/reset/key/\S+/", message.body).group(0)


def ask_reset(client, email: str):
    return client.post(reverse("account_reset_password"), {"email": email})


def test_a_forgotten_password_is_reset_by_e_mail(client, settings, person):
    settings.SITE_URL = "https://weerthuis.zaanstad.example"
    secret = enrol_totp(person)
    response = ask_reset(client, "Rianne@Zaanstad.example")
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["rianne@zaanstad.example"]
    assert "Nieuw wachtwoord instellen" in message.subject and "Beste gebruiker" in message.body
    link = reset_link(message)
    assert link.startswith("https://weerthuis.zaanstad.example/")
    page = client.get(link.removeprefix(settings.SITE_URL), follow=True)
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else link.removeprefix(settings.SITE_URL)
    weak = client.post(form_url, {"password1": "kort", "password2": "kort"})
    assert weak.status_code == 200 and "te kort" in weak.content.decode()
    done = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert done.status_code == 302
    assert sign_in(Client(), "regisseur", NEW_PASSWORD, secret=secret).url == reverse("home")
    assert SignInEvent.objects.filter(user=person, kind=SignInEvent.Kind.PASSWORD_RESET).exists()
    # The link works once.
    again = client.get(link.removeprefix(settings.SITE_URL), follow=True)
    assert "ongeldig" in again.content.decode().lower() or again.status_code == 200 and not again.context.get("form")


def test_the_answer_does_not_tell_whether_an_address_has_an_account(client, person):
    known = ask_reset(client, "rianne@zaanstad.example")
    unknown = ask_reset(Client(), "niemand@elders.example")
    assert (known.status_code, known.url) == (unknown.status_code, unknown.url)
    assert known.content == unknown.content
    assert [m.to for m in mail.outbox] == [["rianne@zaanstad.example"]]  # nothing to the unknown address


@pytest.mark.django_db
def test_the_reset_e_mail_is_not_sent_within_the_request(client, person, django_capture_on_commit_callbacks):
    # Sending over SMTP in the request made a known address answer slower than an unknown one.
    with django_capture_on_commit_callbacks() as after_commit:
        ask_reset(client, "rianne@zaanstad.example")
    assert mail.outbox == []
    for callback in after_commit:
        callback()
    assert [m.to for m in mail.outbox] == [["rianne@zaanstad.example"]]


def test_reset_requests_for_one_address_are_throttled(client, person):
    for _ in range(6):
        response = ask_reset(client, "rianne@zaanstad.example")
        assert response.status_code < 500
    assert len(mail.outbox) == 3  # three an hour per address


def test_a_weak_new_password_is_refused_in_dutch(client, person):
    client.force_login(person)
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": "een-sterk-testwachtwoord", "password1": "welkom123", "password2": "welkom123"},
    )
    assert response.status_code == 200
    assert "te kort" in response.content.decode()


def test_changing_the_password_ends_the_other_sessions_and_keeps_this_one(client, person, session_store):
    elsewhere = Client()
    elsewhere.force_login(person)
    assert elsewhere.get(reverse("home")).status_code == 200  # listed
    client.force_login(person)
    assert client.get(reverse("home")).status_code == 200
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": "een-sterk-testwachtwoord", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200
    assert elsewhere.get(reverse("home")).status_code == 302
    assert SignInEvent.objects.filter(user=person, kind=SignInEvent.Kind.PASSWORD_CHANGED).exists()
    assert any("wachtwoord" in m.body.lower() for m in mail.outbox)  # the owner is told


def test_every_reset_request_is_answered_after_the_same_wait(client, person, monkeypatch):
    from weerthuis.accounts import reset

    waits = []
    monkeypatch.setattr(reset.time, "sleep", waits.append)
    client.get(reverse("account_reset_password"))
    ask_reset(client, "rianne@zaanstad.example")
    ask_reset(client, "niemand@elders.example")
    assert len(waits) == 2 and all(0 < wait <= reset.ANSWER_SECONDS for wait in waits)
    assert len(mail.outbox) == 1
