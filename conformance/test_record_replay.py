"""mock-llm record between the SDK and a real server (here the suite's own mock-llm, with the
conformance scenario), then the recorded file replayed offline: the same text and tool calls,
ids included, plain and streamed; the key never reaches the file."""

import json
import os
import re
import signal
import subprocess
import urllib.request

import openai
import pytest

from conftest import WEATHER_TOOL


def load(server_root, document):
    request = urllib.request.Request(
        f"{server_root}/_mock/scenario", method="POST", data=json.dumps(document).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.load(response)


def calls_of(message_calls):
    return [(call.id, call.function.name, call.function.arguments) for call in message_calls or []]


def conversation(client):
    """A weather tool round trip, two tool calls streamed, a text streamed: what the client saw."""
    seen = []
    messages = [{"role": "user", "content": "What's the weather in Paris?"}]
    first = client.chat.completions.create(model="mock-gpt", messages=messages, tools=[WEATHER_TOOL]).choices[0].message
    seen.append((first.content, calls_of(first.tool_calls)))
    messages += [first.model_dump(exclude_none=True), {"role": "tool", "tool_call_id": first.tool_calls[0].id, "content": "18°C, clear"}]
    second = client.chat.completions.create(model="mock-gpt", messages=messages, tools=[WEATHER_TOOL]).choices[0].message
    seen.append((second.content, calls_of(second.tool_calls)))
    for text in ["Use two tools for the weather", "hello there"]:
        content, calls = "", {}
        stream = client.chat.completions.create(model="mock-gpt", messages=[{"role": "user", "content": text}], tools=[WEATHER_TOOL], stream=True)
        for chunk in stream:
            for choice in chunk.choices:
                content += choice.delta.content or ""
                for call in choice.delta.tool_calls or []:
                    entry = calls.setdefault(call.index, ["", "", ""])
                    entry[0] += call.id or ""
                    entry[1] += (call.function.name or "") if call.function else ""
                    entry[2] += (call.function.arguments or "") if call.function else ""
        seen.append((content, [tuple(calls[index]) for index in sorted(calls)]))
    return seen


@pytest.fixture
def recorder(base_url, tmp_path):
    binary = os.environ.get("MOCK_LLM_BIN")
    if not binary:
        pytest.skip("MOCK_LLM_BIN is not set: run scripts/conformance.sh")
    out = tmp_path / "recorded.json"
    process = subprocess.Popen(
        [binary, "record", "--upstream", base_url, "--out", str(out), "--port", "0", "--log-level", "warning"],
        stdout=subprocess.PIPE, text=True, env={**os.environ, "OPENAI_API_KEY": "sk-recording-secret"},
    )
    line = process.stdout.readline()
    match = re.search(r"listening on (\S+)", line)
    assert match, line
    yield match.group(1), out, process
    if process.poll() is None:
        process.kill()
        process.wait(10)


def test_a_recorded_conversation_replays_offline(recorder, base_url, server_root):
    proxy_url, out, process = recorder
    recorded = conversation(openai.OpenAI(base_url=proxy_url, api_key="client-key", max_retries=0))
    process.send_signal(signal.SIGINT)
    assert process.wait(10) == 0
    assert "recorded 4 conversations" in process.stdout.read()
    text = out.read_text()
    assert "sk-recording-secret" not in text and "client-key" not in text
    document = json.loads(text)
    assert len(document["rules"]) == 4
    try:
        assert load(server_root, document)["rules"] == 4
        replayed = conversation(openai.OpenAI(base_url=base_url, api_key="another-key", max_retries=0))
    finally:
        load(server_root, {"builtIn": "conformance"})
    assert replayed == recorded
    assert recorded[0][1][0][1] == "get_weather"
    assert recorded[1][0].startswith("The weather: 18°C")
    assert [call[1] for call in recorded[2][1]] == ["get_weather", "get_weather"]
    assert recorded[3][0] == "Hello! How can I help you today?"
