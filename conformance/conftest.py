"""Fixtures for the conformance suite: a running mock-llm (started by scripts/conformance.sh)."""

import json
import os
import urllib.request

import openai
import pytest


@pytest.fixture(scope="session")
def base_url() -> str:
    url = os.environ.get("MOCK_LLM_BASE_URL")
    if not url:
        pytest.exit("MOCK_LLM_BASE_URL is not set: run scripts/conformance.sh", returncode=2)
    return url.rstrip("/")


@pytest.fixture(scope="session")
def server_root(base_url: str) -> str:
    return base_url.removesuffix("/v1")


class Admin:
    """The mock server's admin API."""

    def __init__(self, root: str) -> None:
        self.root = root

    def reset(self) -> None:
        request = urllib.request.Request(f"{self.root}/_mock/reset", method="POST", data=b"")
        with urllib.request.urlopen(request, timeout=5) as response:
            assert response.status == 200

    def requests(self) -> list[dict]:
        with urllib.request.urlopen(f"{self.root}/_mock/requests", timeout=5) as response:
            return json.load(response)["requests"]


@pytest.fixture
def admin(server_root: str) -> Admin:
    admin = Admin(server_root)
    admin.reset()
    return admin


@pytest.fixture
def client(base_url: str, admin: Admin) -> openai.OpenAI:
    """An SDK client with its default retry policy (2 retries) and a short timeout."""
    return openai.OpenAI(base_url=base_url, api_key="mock-key", timeout=10.0)


WEATHER_TOOL = {
    "type": "function",
    "function": {
        "name": "get_weather",
        "description": "Current weather for a city.",
        "parameters": {
            "type": "object",
            "properties": {"city": {"type": "string"}, "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}},
            "required": ["city"],
        },
    },
}
