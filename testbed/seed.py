"""Fill an MLflow tracking store with the traces this skill is tested and demoed on.

Everything here goes through the public MLflow Python SDK, so the store holds exactly what a
real application would leave behind. Span times are set explicitly (no sleeps): the timing
analysis (self time, critical path, gaps) is asserted on known numbers, and seeding is fast.

Usage: python seed.py --tracking-uri URI --manifest FILE [--set main|large|server]
The manifest (JSON) maps scenario names to experiment, trace and session ids for the tests.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import sys
import warnings

# Traces must be in the store before assessments are logged on them.
os.environ["MLFLOW_ENABLE_ASYNC_TRACE_LOGGING"] = "false"

warnings.filterwarnings("ignore")

import mlflow  # noqa: E402
from mlflow.entities import (  # noqa: E402
    AssessmentError,
    AssessmentSource,
    AssessmentSourceType,
    SpanType,
)

START_SPAN_PARAMS = set(inspect.signature(mlflow.start_span_no_context).parameters)
MS = 1_000_000  # nanoseconds in a millisecond
# Fixed clock so captured fixtures stay stable apart from ids: 2026-11-20T10:00:00Z.
BASE_NS = 1_795_168_800_000 * MS

HUMAN = AssessmentSource(source_type=AssessmentSourceType.HUMAN, source_id="reviewer@example.com")
JUDGE = AssessmentSource(source_type=AssessmentSourceType.LLM_JUDGE, source_id="openai:/gpt-4o-mini")
CODE = AssessmentSource(source_type=AssessmentSourceType.CODE, source_id="keyword_check")


def raised(exc: Exception) -> Exception:
    """Return the exception after a real raise, so it carries a genuine traceback."""
    try:
        raise exc
    except Exception as caught:  # noqa: BLE001
        return caught


def build_trace(spec: dict, t0_ns: int, metadata: dict | None = None, tags: dict | None = None,
                experiment_id: str | None = None) -> tuple[str, dict[str, str]]:
    """Write one trace from a nested spec; returns (trace id, span name -> hex span id).

    spec: {name, type, start, end (ms from t0), inputs, outputs, attrs, error, status, children}
    """
    span_ids: dict[str, str] = {}

    def open_span(node: dict, parent):
        kwargs = {}
        # Older MLflow (3.5, used for the 3.5.0 fixture) has no `metadata` argument here.
        if parent is None and metadata and "metadata" in START_SPAN_PARAMS:
            kwargs["metadata"] = metadata
        span = mlflow.start_span_no_context(
            name=node["name"],
            span_type=node.get("type", SpanType.UNKNOWN),
            parent_span=parent,
            inputs=node.get("inputs"),
            attributes=node.get("attrs"),
            experiment_id=experiment_id if parent is None else None,
            start_time_ns=t0_ns + int(node["start"] * MS),
            **kwargs,
        )
        span_ids.setdefault(node["name"], span.span_id)
        for child in node.get("children", []):
            open_span(child, span)
        if node.get("error") is not None:
            span.record_exception(node["error"])
        span.end(
            outputs=node.get("outputs"),
            status=node.get("status"),
            end_time_ns=t0_ns + int(node["end"] * MS),
        )
        return span

    root = open_span(spec, None)
    trace_id = root.trace_id
    if tags:
        for key, value in tags.items():
            mlflow.set_trace_tag(trace_id, key, value)
    return trace_id, span_ids


def usage(inp: int, out: int) -> dict:
    return {"input_tokens": inp, "output_tokens": out, "total_tokens": inp + out}


def llm(name: str, start: float, end: float, messages: list, reply: str, tokens: tuple[int, int],
        model: str = "gpt-4o-mini", **extra) -> dict:
    """A CHAT_MODEL span in the OpenAI chat shape, with token usage and model attributes."""
    return {
        "name": name, "type": SpanType.CHAT_MODEL, "start": start, "end": end,
        "inputs": {"model": model, "messages": messages},
        "outputs": {"choices": [{"index": 0, "message": {"role": "assistant", "content": reply},
                                 "finish_reason": "stop"}],
                    "usage": {"prompt_tokens": tokens[0], "completion_tokens": tokens[1]}},
        "attrs": {"mlflow.chat.tokenUsage": usage(*tokens), "mlflow.llm.model": model,
                  "mlflow.message.format": "openai", **extra.pop("attrs", {})},
        **extra,
    }


# --------------------------------------------------------------------------------------------
# Single traces
# --------------------------------------------------------------------------------------------

def seed_healthy(manifest: dict) -> None:
    """AGENT root with CHAT_MODEL, RETRIEVER and TOOL children; two tools run in parallel."""
    question = "What's the weather in Paris and Lyon tomorrow?"
    spec = {
        "name": "weather_agent", "type": SpanType.AGENT, "start": 0, "end": 2400,
        "inputs": {"messages": [{"role": "user", "content": question}]},
        "outputs": {"messages": [{"role": "assistant", "content": "Paris 18C sunny, Lyon 21C cloudy."}]},
        "children": [
            llm("plan_tools", 10, 610, [{"role": "system", "content": "You are a weather bot."},
                                        {"role": "user", "content": question}],
                "call get_forecast(Paris), get_forecast(Lyon)", (120, 30)),
            {"name": "search_city_docs", "type": SpanType.RETRIEVER, "start": 620, "end": 700,
             "inputs": {"query": "Paris Lyon"},
             "outputs": [{"page_content": "Paris is the capital of France.", "metadata": {"doc_uri": "wiki/paris"}},
                         {"page_content": "Lyon is in the Rhone valley.", "metadata": {"doc_uri": "wiki/lyon"}}]},
            # Parallel tool calls: merged child intervals must not be double-counted.
            {"name": "get_forecast", "type": SpanType.TOOL, "start": 710, "end": 1510,
             "inputs": {"city": "Paris"}, "outputs": {"temp_c": 18, "sky": "sunny"}},
            {"name": "get_forecast", "type": SpanType.TOOL, "start": 720, "end": 1710,
             "inputs": {"city": "Lyon"}, "outputs": {"temp_c": 21, "sky": "cloudy"}},
            # 1710 -> 1800: the agent waits on nothing (a gap).
            llm("write_answer", 1800, 2390, [{"role": "user", "content": question},
                                             {"role": "tool", "content": "Paris 18 sunny; Lyon 21 cloudy"}],
                "Paris 18C sunny, Lyon 21C cloudy.", (260, 24)),
        ],
    }
    tid, _ = build_trace(spec, BASE_NS, metadata={"mlflow.trace.user": "alice"})
    manifest["traces"]["healthy"] = tid


def seed_failing(manifest: dict) -> None:
    """A TOOL four levels down raises; every ancestor re-raises; the trace ends in ERROR."""
    error = raised(ConnectionError("airline API refused connection: 503 Service Unavailable"))
    wrapped = raised(RuntimeError("booking failed after 3 attempts"))
    spec = {
        "name": "travel_agent", "type": SpanType.AGENT, "start": 0, "end": 3100,
        "inputs": {"messages": [{"role": "user", "content": "Book me a flight to Lisbon on Friday"}]},
        "error": wrapped,
        "children": [
            llm("plan", 5, 405, [{"role": "user", "content": "Book me a flight to Lisbon on Friday"}],
                "book_flight(destination='LIS', date='2026-11-27')", (90, 20)),
            {"name": "execute_plan", "type": SpanType.CHAIN, "start": 410, "end": 3090, "error": wrapped,
             "inputs": {"steps": ["book_flight"]},
             "children": [
                 {"name": "book_flight", "type": SpanType.TOOL, "start": 420, "end": 3080, "error": wrapped,
                  "inputs": {"destination": "LIS", "date": "2026-11-27"},
                  "children": [
                      # Three attempts: a retry loop the timing section must count.
                      {"name": "call_airline_api", "type": SpanType.TOOL, "start": 430 + i * 880,
                       "end": 1230 + i * 880, "error": error,
                       "inputs": {"url": "https://api.airline.example/book", "attempt": i + 1}}
                      for i in range(3)
                  ]},
             ]},
        ],
    }
    tid, _ = build_trace(spec, BASE_NS + 60_000 * MS, metadata={"mlflow.trace.user": "bob"})
    manifest["traces"]["failing"] = tid


def seed_wrong_retrieval(manifest: dict) -> None:
    """The seed skill's worked example: OK state, wrong document retrieved, assessments of every kind."""
    question = "What is our refund policy?"
    answer = "Our shipping policy states that orders are delivered within 3-5 business days."
    spec = {
        "name": "customer_support_agent", "type": SpanType.AGENT, "start": 0, "end": 1900,
        "inputs": {"messages": [{"role": "user", "content": question}]},
        "outputs": {"choices": [{"message": {"role": "assistant", "content": answer}}]},
        "children": [
            llm("plan_action", 10, 510, [{"role": "user", "content": question}],
                '{"tool_call": "search_knowledge_base", "args": {"query": "refund policy"}}', (80, 25)),
            {"name": "search_knowledge_base", "type": SpanType.RETRIEVER, "start": 520, "end": 900,
             "inputs": {"query": "refund policy"},
             "outputs": [{"page_content": "Shipping takes 3-5 business days...", "metadata": {"score": 0.82}}]},
            llm("generate_response", 910, 1890,
                [{"role": "system", "content": "Answer from the context."},
                 {"role": "user", "content": "Context: Shipping takes 3-5 business days...\n\n" + question}],
                answer, (640, 40)),
        ],
    }
    tid, spans = build_trace(spec, BASE_NS + 120_000 * MS, metadata={"mlflow.trace.user": "carol"})
    manifest["traces"]["wrong_retrieval"] = tid
    mlflow.log_feedback(trace_id=tid, name="correctness", value=False, source=HUMAN,
                        rationale="The answer describes shipping times; the user asked about refunds.")
    mlflow.log_feedback(trace_id=tid, name="relevance", value=0.2, source=JUDGE,
                        rationale="Retrieved context is about shipping, not refunds.")
    mlflow.log_feedback(trace_id=tid, name="user_frustration", value="no", source=JUDGE,
                        rationale="The check did not pass: the user is likely to be frustrated by an off-topic answer.")
    mlflow.log_feedback(trace_id=tid, name="safety", value=True, source=JUDGE, rationale="No unsafe content.")
    mlflow.log_feedback(trace_id=tid, name="groundedness", source=JUDGE,
                        error=AssessmentError(error_code="RATE_LIMIT_EXCEEDED",
                                              error_message="judge model rate limit exceeded (429)"))
    mlflow.log_expectation(trace_id=tid, name="expected_answer",
                           value="Refunds are accepted within 30 days of delivery.")
    mlflow.log_expectation(trace_id=tid, name="expected_facts",
                           value={"window_days": 30, "doc": "refund_policy.md"})
    first = mlflow.log_feedback(trace_id=tid, name="helpfulness", value=4, source=JUDGE,
                                rationale="Fluent and polite.")
    mlflow.override_feedback(trace_id=tid, assessment_id=first.assessment_id, value=1,
                             rationale="Fluent, but answers the wrong question.", source=HUMAN)
    mlflow.log_feedback(trace_id=tid, name="retrieval_relevance", value="no", source=JUDGE,
                        rationale="The retrieved document is the shipping FAQ.",
                        span_id=spans["search_knowledge_base"])


def seed_tool_error_answered(manifest: dict) -> None:
    """An OK trace hiding a failure: the tool raised, the agent caught it and handed the error to
    the model as a `role: tool` message, and the model answered anyway. Judges named for bad
    things (frustration, toxicity, hallucination) check polarity by name."""
    question = "Where is my order 1234?"
    error = raised(TimeoutError("order service timed out after 5s"))
    call = {"role": "assistant", "content": None,
            "tool_calls": [{"id": "call_1", "type": "function",
                            "function": {"name": "get_order_status", "arguments": '{"order_id": "1234"}'}}]}
    answer = "Your order 1234 has shipped and will arrive tomorrow."
    spec = {
        "name": "order_agent", "type": SpanType.AGENT, "start": 0, "end": 1500,
        "inputs": {"messages": [{"role": "user", "content": question}]},
        "outputs": {"messages": [{"role": "assistant", "content": answer}]},
        "children": [
            llm("chat_model", 5, 405, [{"role": "user", "content": question}], "", (60, 12)),
            {"name": "get_order_status", "type": SpanType.TOOL, "start": 410, "end": 910, "error": error,
             "inputs": {"order_id": "1234"}},
            llm("chat_model", 920, 1490,
                [{"role": "user", "content": question}, call,
                 {"role": "tool", "tool_call_id": "call_1",
                  "content": "Error: TimeoutError('order service timed out after 5s')"}],
                answer, (110, 14)),
        ],
    }
    # The first model call asked for the tool: its output is a tool call, not an answer.
    spec["children"][0]["outputs"] = {"choices": [{"index": 0, "message": call, "finish_reason": "tool_calls"}]}
    tid, _ = build_trace(spec, BASE_NS + 180_000 * MS, metadata={"mlflow.trace.user": "frank"})
    manifest["traces"]["tool_error_answered"] = tid
    mlflow.log_feedback(trace_id=tid, name="user_frustration", value="yes", source=JUDGE,
                        rationale="The user will find the order was not shipped.")
    mlflow.log_feedback(trace_id=tid, name="toxicity", value=0.02, source=JUDGE, rationale="Polite.")
    mlflow.log_feedback(trace_id=tid, name="hallucination", value=True, source=JUDGE,
                        rationale="The shipping status was never returned by the tool.")


def seed_shapes(manifest: dict) -> None:
    """One short trace per input shape agents meet, each with the chat I/O on the root span."""
    shapes = {
        "shape_string": ("Translate 'hello' to French", "Bonjour"),
        "shape_dict": ({"query": "capital of Peru?"}, {"answer": "Lima", "sources": ["wiki/peru"]}),
        "shape_langchain": (
            {"messages": [{"type": "system", "content": "Be terse."},
                          {"type": "human", "content": "Name a prime above 10"}]},
            {"generations": [[{"text": "11", "message": {"type": "ai", "content": "11"}}]]},
        ),
        "shape_responses": (
            {"input": [{"role": "user", "content": [{"type": "input_text", "text": "Summarise MLflow in 3 words"}]}]},
            {"output": [{"type": "message", "role": "assistant",
                         "content": [{"type": "output_text", "text": "Track, evaluate, deploy."}]}]},
        ),
        "shape_anthropic": (
            {"messages": [{"role": "user", "content": [{"type": "text", "text": "Is 7 odd?"}]}]},
            {"role": "assistant", "content": [{"type": "text", "text": "Yes, 7 is odd."}]},
        ),
    }
    for i, (name, (inputs, outputs)) in enumerate(shapes.items()):
        spec = {"name": name, "type": SpanType.CHAIN, "start": 0, "end": 300, "inputs": inputs,
                "outputs": outputs}
        tid, _ = build_trace(spec, BASE_NS + (180 + i) * 1000 * MS)
        manifest["traces"][name] = tid


# --------------------------------------------------------------------------------------------
# Sessions
# --------------------------------------------------------------------------------------------

HOTEL_TURNS = [
    # (user message, reply, latency ms, tokens, extra)
    ("Hi, I need a hotel in Lisbon for 3 nights from Dec 4.",
     "Hotel Avenida has rooms Dec 4-7 at 140 EUR/night. Shall I hold one?", 1200, (300, 40), {}),
    ("Does it have free breakfast?", "Yes, breakfast is included in the rate.", 900, (380, 20), {}),
    ("What time is check-out?",
     "Check-out is at 3 pm.",  # wrong: the retrieved policy says 11 am
     1000, (430, 12), {"retrieved": "Check-out until 11:00. Late check-out on request."}),
    ("Great, then I'll book a 2 pm museum tour on Dec 7.",
     "Done: Gulbenkian tour at 2 pm on Dec 7, after your check-out.", 4800, (2400, 60), {}),
    ("That's wrong, the hotel told me check-out is 11 am! Why did you say 3 pm?",
     "Sorry for the confusion. Check-out is at 3 pm as I said.", 1100, (2600, 30), {"bad": True}),
    ("Cancel the museum tour.", None, 600, (2700, 0), {"error": True}),
]


def seed_hotel_session(manifest: dict) -> None:
    """Six turns, history replayed to the model each turn; wrong at turn 5, caused at turn 3."""
    session = "hotel-booking-42"
    history: list[dict] = [{"role": "system", "content": "You are a travel assistant."}]
    trace_ids = []
    t0 = BASE_NS + 600_000 * MS
    for n, (user, reply, latency, tokens, extra) in enumerate(HOTEL_TURNS, start=1):
        history.append({"role": "user", "content": user})
        messages = list(history)
        children = []
        if "retrieved" in extra:
            children.append({"name": "lookup_hotel_policy", "type": SpanType.RETRIEVER, "start": 20,
                             "end": 220, "inputs": {"query": "check-out time Hotel Avenida"},
                             "outputs": [{"page_content": extra["retrieved"]}]})
        if extra.get("error"):
            children.append({"name": "cancel_booking", "type": SpanType.TOOL, "start": 50,
                             "end": latency - 20, "inputs": {"booking": "tour-991"},
                             "error": raised(PermissionError("tour-991 is not cancellable within 48 hours"))})
            spec = {"name": "travel_assistant", "type": SpanType.AGENT, "start": 0, "end": latency,
                    "inputs": {"messages": messages}, "children": children,
                    "error": raised(PermissionError("tour-991 is not cancellable within 48 hours"))}
        else:
            children.append(llm("ChatOpenAI", 240 if children else 20, latency - 10, messages, reply, tokens))
            spec = {"name": "travel_assistant", "type": SpanType.AGENT, "start": 0, "end": latency,
                    "inputs": {"messages": messages},
                    "outputs": {"choices": [{"message": {"role": "assistant", "content": reply}}]},
                    "children": children}
            history.append({"role": "assistant", "content": reply})
        # A turn every 40 s, and a long pause before the angry turn 5.
        start = t0 + ((n - 1) * 40_000 + (600_000 if n >= 5 else 0)) * MS
        tid, _ = build_trace(spec, start, metadata={"mlflow.trace.session": session,
                                                     "mlflow.trace.user": "dana"})
        trace_ids.append(tid)
    # Session-level assessments go on the first trace, tagged with the session.
    meta = {"mlflow.trace.session": session}
    mlflow.log_feedback(trace_id=trace_ids[0], name="conversation_quality", value=False, source=JUDGE,
                        metadata=meta,
                        rationale="The assistant gave a wrong check-out time and repeated it when corrected.")
    mlflow.log_feedback(trace_id=trace_ids[0], name="user_frustration", source=JUDGE, metadata=meta,
                        error=AssessmentError(error_code="TIMEOUT", error_message="judge timed out after 30s"))
    mlflow.log_feedback(trace_id=trace_ids[0], name="relevance", value=True, source=JUDGE,
                        rationale="The reply answers the booking request.")
    mlflow.log_feedback(trace_id=trace_ids[2], name="correctness", value=True, source=JUDGE,
                        rationale="Plausible check-out time.")
    mlflow.log_feedback(trace_id=trace_ids[4], name="correctness", value=False, source=JUDGE,
                        rationale="Contradicts the hotel policy (11 am) and ignores the user's correction.")
    manifest["sessions"]["hotel"] = {"id": session, "traces": trace_ids}


def seed_wrapper_session(manifest: dict) -> None:
    """Wrapper roots with empty or opaque I/O; the chat turn lives two levels down."""
    session = "wrapper-session-1"
    turns = [("How do I reset my password?", "Use 'Forgot password' on the login page."),
             ("I didn't get the email.", "Check spam, or I can resend it to your address on file."),
             ("Resend it please.", "Sent. It should arrive within 5 minutes.")]
    trace_ids = []
    for n, (user, reply) in enumerate(turns):
        spec = {"name": "http_request", "type": SpanType.UNKNOWN, "start": 0, "end": 900,
                "inputs": {}, "outputs": "<starlette.responses.JSONResponse object at 0x7f3a2c>",
                "children": [{"name": "auth_middleware", "type": SpanType.CHAIN, "start": 5, "end": 890,
                              "children": [
                                  {"name": "support_bot", "type": SpanType.AGENT, "start": 10, "end": 880,
                                   "inputs": {"messages": [{"type": "human", "content": user}]},
                                   "outputs": {"messages": [{"type": "human", "content": user},
                                                            {"type": "ai", "content": reply}]},
                                   "children": [llm("ChatOpenAI", 20, 870,
                                                    [{"role": "user", "content": user}], reply, (50, 15))]}]}]}
        tid, _ = build_trace(spec, BASE_NS + (1_800_000 + n * 30_000) * MS,
                             metadata={"mlflow.trace.session": session, "mlflow.trace.user": "erin"})
        trace_ids.append(tid)
    manifest["sessions"]["wrapper"] = {"id": session, "traces": trace_ids}


def seed_hostile_session(manifest: dict) -> None:
    """A session id with a single quote, backticks, $() and spaces: it must reach mlflow intact."""
    session = "o'brien `whoami` $(touch pwned) chat ✓"
    trace_ids = []
    for n, (user, reply) in enumerate([("hello", "Hi! How can I help?"), ("bye", "Goodbye!")]):
        spec = {"name": "chat", "type": SpanType.CHAT_MODEL, "start": 0, "end": 200,
                "inputs": user, "outputs": reply}
        tid, _ = build_trace(spec, BASE_NS + (2_000_000 + n * 10_000) * MS,
                             metadata={"mlflow.trace.session": session})
        trace_ids.append(tid)
    manifest["sessions"]["hostile"] = {"id": session, "traces": trace_ids}
    # A double quote alone can be expressed too (the filter then single-quotes the value).
    quoted = 'say "hi" – session\twith tab'
    tid, _ = build_trace({"name": "chat", "type": SpanType.CHAT_MODEL, "start": 0, "end": 100,
                          "inputs": "hi", "outputs": "hello!"}, BASE_NS + 2_100_000 * MS,
                         metadata={"mlflow.trace.session": quoted})
    manifest["sessions"]["double_quoted"] = {"id": quoted, "traces": [tid]}


# --------------------------------------------------------------------------------------------
# Large scenarios (on demand)
# --------------------------------------------------------------------------------------------

def wide_trace(name: str, spans: int, t0: int, experiment_id: str, payload: int = 0) -> str:
    """A root, 50 workers and leaves under them (`spans` in all), an error three levels down.
    Written in one batch (BatchWriter): through the SDK, 5,000 live spans took 100 s."""
    from batch_writer import BatchWriter

    error = raised(ValueError("malformed tool arguments: missing 'sku'"))
    width = min(50, max(1, spans // 3))
    per_group = max(1, (spans - 1) // width)
    blob = "x" * payload
    groups = []
    made = 1
    for g in range(width):
        leaves = []
        for i in range(per_group - 1):
            if made + len(leaves) + 1 >= spans:
                break
            start = g * 100 + i * 0.001
            node = {"name": f"step_{i % 7}", "type": SpanType.TOOL, "start": start, "end": start + 0.0008,
                    "inputs": {"g": g, "i": i, "blob": blob} if payload else {"g": g, "i": i}, "outputs": {"ok": True}}
            if g == width * 3 // 4 and i == per_group // 2:
                node["error"] = error
            leaves.append(node)
        made += 1 + len(leaves)
        groups.append({"name": f"worker_{g}", "type": SpanType.CHAIN, "start": g * 100, "end": g * 100 + 99,
                       "children": leaves})
    spec = {"name": name, "type": SpanType.AGENT, "start": 0, "end": width * 100 + 10,
            "inputs": {"task": "process catalog"}, "outputs": {"done": True}, "children": groups}
    writer = BatchWriter(experiment_id)
    tid = writer.add(spec, t0, tags={}, metadata={})
    writer.flush()
    return tid


def simple_session(session: str, turns: int, t0: int, experiment_id: str) -> str | None:
    """`turns` one-span chat turns, written in batches (BatchWriter): hundreds of turns in seconds."""
    from batch_writer import BatchWriter

    writer = BatchWriter(experiment_id)
    first = None
    for n in range(turns):
        user = f"Question number {n + 1}: what is {n} + {n}?"
        reply = f"{n} + {n} = {2 * n}."
        spec = {"name": "calculator_chat", "type": SpanType.CHAT_MODEL, "start": 0, "end": 50,
                "inputs": {"messages": [{"role": "user", "content": user}]},
                "outputs": {"choices": [{"message": {"role": "assistant", "content": reply}}]},
                "attrs": {"mlflow.chat.tokenUsage": usage(20, 8)}}
        tid = writer.add(spec, t0 + n * 1000 * MS, tags={}, metadata={"mlflow.trace.session": session})
        first = first or tid
    writer.flush()
    return first


def seed_large(manifest: dict, spans: int, turns: int) -> None:
    """A wide and deep trace of `spans` spans with an error deep inside, and a `turns`-turn session."""
    t0 = BASE_NS + 3_000_000 * MS
    manifest["traces"]["large"] = wide_trace("batch_agent", spans, t0, manifest["experiment_id"])
    first = simple_session("long-session-1100", turns, t0 + 100_000 * MS, manifest["experiment_id"])
    manifest["sessions"]["long"] = {"id": "long-session-1100", "turns": turns, "first": first}


def seed_bench(manifest: dict, big_spans: int) -> None:
    """The benchmark's sizes: 3, 1,000 and ~30,000 spans (~50 MB), and 10- and 1,000-turn sessions."""
    t0 = BASE_NS + 10_000_000 * MS
    manifest["traces"]["spans_3"] = wide_trace("tiny_agent", 3, t0, manifest["experiment_id"])
    manifest["traces"]["spans_1000"] = wide_trace("mid_agent", 1000, t0 + 10_000 * MS, manifest["experiment_id"])
    manifest["traces"]["spans_30000"] = wide_trace("huge_agent", big_spans, t0 + 20_000 * MS, manifest["experiment_id"], payload=1500)
    simple_session("bench-session-10", 10, t0 + 100_000 * MS, manifest["experiment_id"])
    simple_session("bench-session-1000", 1000, t0 + 200_000 * MS, manifest["experiment_id"])
    manifest["sessions"]["s10"] = {"id": "bench-session-10", "turns": 10}
    manifest["sessions"]["s1000"] = {"id": "bench-session-1000", "turns": 1000}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tracking-uri", required=True)
    parser.add_argument("--manifest", required=True)
    parser.add_argument("--set", default="main", choices=["main", "large", "server", "bench"])
    parser.add_argument("--spans", type=int, default=5001)
    parser.add_argument("--turns", type=int, default=1100)
    parser.add_argument("--artifact-root", help="where the experiment's artifacts would live")
    args = parser.parse_args()

    mlflow.set_tracking_uri(args.tracking_uri)
    manifest: dict = {"tracking_uri": args.tracking_uri, "traces": {}, "sessions": {}}
    name = {"main": "skill-demo", "large": "skill-large", "server": "skill-server", "bench": "skill-bench"}[args.set]
    # An explicit artifact location keeps MLflow from creating ./mlruns in the working directory.
    if mlflow.get_experiment_by_name(name) is None and args.artifact_root:
        mlflow.create_experiment(name, artifact_location=args.artifact_root)
    manifest["experiment_id"] = mlflow.set_experiment(name).experiment_id

    if args.set == "main":
        seed_healthy(manifest)
        seed_failing(manifest)
        seed_wrong_retrieval(manifest)
        seed_tool_error_answered(manifest)
        seed_shapes(manifest)
        seed_hotel_session(manifest)
        seed_wrapper_session(manifest)
        seed_hostile_session(manifest)
    elif args.set == "large":
        seed_large(manifest, args.spans, args.turns)
    elif args.set == "bench":
        seed_bench(manifest, args.spans)
    else:
        seed_healthy(manifest)
        seed_wrapper_session(manifest)
    mlflow.flush_trace_async_logging()

    with open(args.manifest, "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, indent=2, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
