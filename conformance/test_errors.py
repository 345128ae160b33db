"""The SDK retries and raises on the mock server's errors as it does on OpenAI's."""

import time

import openai
import pytest


def ask(client, text, **options):
    return client.chat.completions.create(model="mock-gpt", messages=[{"role": "user", "content": text}], **options)


def test_429_with_retry_after_is_retried_after_the_delay(client, admin):
    started = time.monotonic()
    completion = ask(client, "please hit the rate limit")
    elapsed = time.monotonic() - started
    assert completion.choices[0].message.content == "Recovered after the rate limit."
    journal = admin.requests()
    assert [entry["status"] for entry in journal] == [429, 429, 200]
    assert [entry["attempt"] for entry in journal] == [1, 2, 3]
    # Two waits of retry-after-ms: 50 each; the SDK's own default would be about 0.5s and more.
    assert elapsed >= 0.1
    assert elapsed < 0.5 + 0.4


def test_500_is_retried(client, admin):
    completion = ask(client, "a server error, then fine")
    assert completion.choices[0].message.content == "Recovered after a server error."
    assert [entry["status"] for entry in admin.requests()] == [500, 200]


def test_400_is_not_retried(client, admin):
    with pytest.raises(openai.BadRequestError) as raised:
        ask(client, "send a bad request")
    assert raised.value.status_code == 400
    assert raised.value.code == "invalid_value"
    assert raised.value.param == "temperature"
    assert "Invalid value for 'temperature'" in raised.value.message
    assert len(admin.requests()) == 1


def test_rate_limit_error_after_retries(client, admin):
    with pytest.raises(openai.RateLimitError) as raised:
        ask(client, "always limited")
    assert raised.value.status_code == 429
    assert raised.value.response.headers["retry-after-ms"] == "10"
    assert len(admin.requests()) == 3  # the first try and the SDK's two retries


def test_internal_server_error_after_retries(client, admin):
    with pytest.raises(openai.InternalServerError) as raised:
        ask(client, "always broken")
    assert raised.value.status_code == 500
    assert raised.value.body["type"] == "server_error"
    assert len(admin.requests()) == 3


def test_no_retry_when_disabled(client, admin):
    with pytest.raises(openai.RateLimitError):
        ask(client.with_options(max_retries=0), "always limited")
    assert len(admin.requests()) == 1


def test_dropped_connection_is_retried(client, admin):
    completion = ask(client.with_options(max_retries=1), "drop the connection once")
    assert completion.choices[0].message.content == "Recovered after a dropped connection."
    outcomes = [entry["outcome"] for entry in admin.requests()]
    assert outcomes == ["drop", "text"]


def test_dropped_connection_raises_connection_error(client, admin):
    with pytest.raises(openai.APIConnectionError):
        ask(client.with_options(max_retries=0), "drop the connection once")


def test_unknown_route_is_not_found(client):
    with pytest.raises(openai.NotFoundError) as raised:
        client.completions.create(model="mock-gpt", prompt="legacy endpoint")
    assert raised.value.status_code == 404


def test_malformed_request_is_bad_request(client, admin):
    with pytest.raises(openai.BadRequestError) as raised:
        client.chat.completions.create(model="mock-gpt", messages=[])
    assert raised.value.param == "messages"
