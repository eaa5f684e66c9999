"""Settings come from the environment, and production settings are safe."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY is required when DEBUG is off" in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="weerthuis.example.nl",
        SECURE_SSL_REDIRECT="true",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_migrations_match_the_models():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db
def test_language_switch_to_english_and_back(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("login")}, follow=True)
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert "Log in" in html
    response = client.post(reverse("set_language"), {"language": "nl", "next": reverse("login")}, follow=True)
    assert "Inloggen" in response.content.decode()


@pytest.mark.parametrize(("web_concurrency", "expected"), [(None, 2 * len(os.sched_getaffinity(0)) + 1), ("3", 3)])
def test_gunicorn_runs_two_workers_per_core_plus_one_unless_web_concurrency_says_otherwise(web_concurrency, expected):
    """The Dockerfile and docker-compose.yml leave the worker count to gunicorn.conf.py."""
    env = {key: value for key, value in os.environ.items() if key != "WEB_CONCURRENCY"}
    if web_concurrency:
        env["WEB_CONCURRENCY"] = web_concurrency
    printed = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--print-config", "weerthuis.wsgi"],
        cwd=ROOT, env={**env, "DEBUG": "true"}, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert printed.returncode == 0, printed.stderr
    assert f"workers                            = {expected}\n" in printed.stdout
    for deployment in ("Dockerfile", "docker-compose.yml"):
        assert "--workers" not in (ROOT / deployment).read_text()


@pytest.mark.django_db
def test_the_language_choice_names_each_language_in_itself(client):
    for language in ("nl", "en"):
        client.post(reverse("set_language"), {"language": language, "next": reverse("login")})
        html = client.get(reverse("login")).content.decode()
        selected = "nl" if language == "nl" else "en"
        assert f'<option value="{selected}" selected>' in html
        assert ">Nederlands</option>" in html and ">English</option>" in html
