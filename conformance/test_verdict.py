"""The resilience verdict (GET /_mock/verdict) on four clients of the "resilience" scenario: the
official SDK with app code that retries a cut stream (well behaved), and three badly behaved
ones. Run with -s to see the table."""

import json
import time
import urllib.request

import httpx
import openai
import pytest

CHECKS = [
    "retried-before-retry-after",
    "retried-without-backoff",
    "retried-non-retryable",
    "gave-up-too-early",
    "accepted-truncated-stream",
]
QUESTIONS = ["rate limit me", "overloaded, sorry", "an invalid request"]


def post_json(url, payload):
    request = urllib.request.Request(url, method="POST", data=json.dumps(payload).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.load(response)


@pytest.fixture
def resilience(server_root):
    post_json(f"{server_root}/_mock/scenario", {"builtIn": "resilience"})
    yield server_root
    post_json(f"{server_root}/_mock/scenario", {"builtIn": "conformance"})


def verdict(root):
    with urllib.request.urlopen(f"{root}/_mock/verdict", timeout=5) as response:
        return json.load(response)


def report(name, result):
    counts = " ".join(f"{result['counts'][check]:>2}" for check in CHECKS)
    print(f"\nverdict | {name:<22} | {'pass' if result['passed'] else 'FAIL'} | {counts} | {result['requests']} requests, {result['retries']} retries")


def user(text):
    return [{"role": "user", "content": text}]


def test_the_sdk_with_a_careful_app_passes(resilience, base_url):
    client = openai.OpenAI(base_url=base_url, api_key="mock-key", max_retries=4, timeout=10.0)
    for question in QUESTIONS:
        try:
            client.chat.completions.create(model="mock-gpt", messages=user(question))
        except openai.BadRequestError:
            pass
    story = ""
    for _ in range(3):  # a stream cut short is an error: ask again, keep nothing of it
        try:
            story = "".join(
                chunk.choices[0].delta.content or ""
                for chunk in client.chat.completions.create(model="mock-gpt", messages=user("tell me a story"), stream=True)
                if chunk.choices
            )
            break
        except (openai.APIConnectionError, httpx.HTTPError):
            time.sleep(0.5)
            continue
    assert story == "Once upon a time the stream arrived whole."
    result = verdict(resilience)
    report("SDK + careful app", result)
    assert result["passed"], result["findings"]


def raw_ask(base_url, text, attempts, wait):
    """Asks until a 200 or `attempts` run out, sleeping `wait` seconds after every failure."""
    with httpx.Client(timeout=10) as http:
        return ask_with(http, base_url, text, attempts, wait)


def ask_with(http, base_url, text, attempts, wait):
    for attempt in range(attempts):
        response = http.post(f"{base_url}/chat/completions", json={"model": "mock-gpt", "messages": user(text)})
        if response.status_code == 200:
            return response
        if attempt + 1 < attempts:
            time.sleep(wait)
    return None


def test_an_impatient_client_fails_four_checks(resilience, base_url):
    # Two attempts, no wait, whatever the error.
    for question in QUESTIONS:
        raw_ask(base_url, question, attempts=2, wait=0)
    result = verdict(resilience)
    report("impatient (2 tries, 0 s)", result)
    assert result["counts"] == {
        "retried-before-retry-after": 1,
        "retried-without-backoff": 1,
        "retried-non-retryable": 1,
        "gave-up-too-early": 1,
        "accepted-truncated-stream": 0,
    }, result["findings"]


def test_a_constant_delay_client_fails_two_checks(resilience, base_url):
    # Five attempts, 200 ms apart, Retry-After (300 ms) ignored; it knows 4xx are final.
    for question in QUESTIONS[:2]:
        raw_ask(base_url, question, attempts=5, wait=0.2)
    result = verdict(resilience)
    report("constant 200 ms", result)
    assert result["counts"]["retried-before-retry-after"] == 2, result["findings"]
    assert result["counts"]["retried-without-backoff"] == 1, result["findings"]
    assert sum(result["counts"].values()) == 3, result["findings"]


def test_a_client_that_keeps_half_a_stream_fails_two_checks(resilience, base_url):
    client = openai.OpenAI(base_url=base_url, api_key="mock-key", max_retries=0, timeout=10.0)
    partial = ""
    try:
        for chunk in client.chat.completions.create(model="mock-gpt", messages=user("tell me a story"), stream=True):
            if chunk.choices:
                partial += chunk.choices[0].delta.content or ""
    except (openai.APIConnectionError, httpx.HTTPError):
        pass  # keeps what it got
    assert partial
    history = user("tell me a story") + [{"role": "assistant", "content": partial}, {"role": "user", "content": "and then?"}]
    client.chat.completions.create(model="mock-gpt", messages=history)
    result = verdict(resilience)
    report("keeps half a stream", result)
    assert result["counts"]["accepted-truncated-stream"] == 1, result["findings"]
    assert result["counts"]["gave-up-too-early"] == 1, result["findings"]
    assert sum(result["counts"].values()) == 2, result["findings"]
