"""Each token has its own rate; when the cache (Redis) does not answer the API still answers, unthrottled."""

import pytest
from django.urls import reverse

from placements.api.auth import PerTokenThrottle


@pytest.fixture
def two_a_minute(monkeypatch):
    monkeypatch.setattr(PerTokenThrottle, "THROTTLE_RATES", {"token": "2/min"})


def test_a_token_over_its_rate_waits_and_another_token_does_not(api, two_a_minute, dwelling):
    busy, other = api("corporation"), api("other_corporation")
    answers = [busy.get(reverse("api:home-list")).status_code for _ in range(3)]
    assert answers == [200, 200, 429]
    refused = busy.get(reverse("api:home-list"))
    assert refused.json()["type"] == "urn:weerthuis:problem:throttled" and int(refused["Retry-After"]) > 0
    assert other.get(reverse("api:home-list")).status_code == 200


@pytest.mark.redis
def test_the_api_answers_while_redis_is_down(api, two_a_minute, redis_down, dwelling):
    client = api("corporation")
    answers = {client.get(reverse("api:home-detail", args=[dwelling.pk])).status_code for _ in range(3)}
    assert answers == {200}
    assert client.post(reverse("api:home-withdraw", args=[dwelling.pk])).status_code == 200


def test_the_schema_and_its_documentation_are_public_and_self_hosted(client, db):
    schema = client.get(reverse("api:schema"))
    assert schema.status_code == 200 and b"/api/v1/homes/" in schema.content
    page = client.get(reverse("api:docs"))
    html = page.content.decode()
    assert page.status_code == 200 and "swagger-ui-bundle.js" in html
    assert "http" not in html.replace("http-equiv", "")  # every asset from this origin
    assert "<style>" not in html and "<script>" not in html  # nothing inline: the CSP allows none
    script = client.get(reverse("api:docs") + "?script=")
    assert script.status_code == 200 and script["Content-Type"].startswith("application/javascript")
