"""The Responses API (POST /v1/responses) through the official SDK's client.responses, plain and
streamed, and through the OpenAI Agents SDK's default model, which uses it."""

import asyncio
import json

import openai
import pytest

WEATHER_FUNCTION = {
    "type": "function",
    "name": "get_weather",
    "description": "Current weather for a city.",
    "parameters": {
        "type": "object",
        "properties": {"city": {"type": "string"}, "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]}},
        "required": ["city"],
    },
}


def test_text(client, admin):
    response = client.responses.create(model="mock-gpt", input="hello")
    assert response.status == "completed"
    assert response.output_text == "Hello! How can I help you today?"
    assert response.id.startswith("resp_")
    assert response.usage.total_tokens == response.usage.input_tokens + response.usage.output_tokens
    assert [entry["path"] for entry in admin.requests()] == ["/v1/responses"]


def test_function_call_then_its_output(client):
    first = client.responses.create(model="mock-gpt", input="What's the weather in Paris?", tools=[WEATHER_FUNCTION])
    call = first.output[0]
    assert call.type == "function_call"
    assert call.name == "get_weather"
    assert json.loads(call.arguments) == {"city": "Paris", "unit": "celsius"}
    assert call.call_id.startswith("call_")
    second = client.responses.create(
        model="mock-gpt",
        input=[
            {"role": "user", "content": "What's the weather in Paris?"},
            {"type": "function_call", "call_id": call.call_id, "name": call.name, "arguments": call.arguments},
            {"type": "function_call_output", "call_id": call.call_id, "output": "18°C, clear"},
        ],
        tools=[WEATHER_FUNCTION],
    )
    assert second.output_text == "The weather: 18°C, clear"


def test_streamed_text_events(client):
    events = list(client.responses.create(model="mock-gpt", input="hello", stream=True))
    types = [event.type for event in events]
    assert types[0] == "response.created" and types[-1] == "response.completed"
    assert [event.sequence_number for event in events] == list(range(len(events)))
    assert "".join(event.delta for event in events if event.type == "response.output_text.delta") == "Hello! How can I help you today?"
    assert events[-1].response.output_text == "Hello! How can I help you today?"


def test_streamed_function_calls(client):
    with client.responses.stream(model="mock-gpt", input="Use two tools for the weather", tools=[WEATHER_FUNCTION]) as stream:
        final = stream.get_final_response()
    calls = [item for item in final.output if item.type == "function_call"]
    assert [json.loads(call.arguments)["city"] for call in calls] == ["Paris", "Tokyo"]


def test_rate_limit_is_retried_by_the_sdk(client, admin):
    response = client.responses.create(model="mock-gpt", input="please hit the rate limit")
    assert response.output_text == "Recovered after the rate limit."
    assert [entry["status"] for entry in admin.requests()] == [429, 429, 200]


def test_the_agents_sdk_default_model_runs_a_tool_loop(base_url, admin, monkeypatch):
    agents = pytest.importorskip("agents")
    agents.set_tracing_disabled(True)
    agents.set_default_openai_client(openai.AsyncOpenAI(base_url=base_url, api_key="mock-key"), use_for_tracing=False)
    agents.set_default_openai_api("responses")
    seen = []

    @agents.function_tool
    def get_weather(city: str, unit: str = "celsius") -> str:
        """Current weather for a city."""
        seen.append((city, unit))
        return f"18 degrees {unit} in {city}, clear"

    agent = agents.Agent(name="weather", instructions="Answer with the weather.", tools=[get_weather])
    result = asyncio.run(agents.Runner.run(agent, "What's the weather in Paris?"))
    assert seen == [("Paris", "celsius")]
    assert result.final_output == "The weather: 18 degrees celsius in Paris, clear"
    assert [entry["path"] for entry in admin.requests()] == ["/v1/responses", "/v1/responses"]
