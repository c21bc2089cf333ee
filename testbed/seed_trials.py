"""Fill the `trials` store: the agent-trial tasks (testbed/TRIALS.md), each a realistic failure.

Two of them come from real framework instrumentation, not hand-built spans:
  1. a LangGraph ReAct agent under `mlflow.langchain.autolog()` whose tool raises, the ToolNode
     hands the error to the model as a ToolMessage, and the model answers confidently anyway;
  2. an app on the OpenAI SDK under `mlflow.openai.autolog()`, its HTTP answered by an
     `httpx.MockTransport`, which sends the model only the current message: the history is lost,
     a wrong fact at turn 2 is built on, and the user corrects it at turn 4.
The others use the SDK's span API with explicit times:
  3. a batch trace of ~3,000 spans with an exception caught deep inside (trace OK);
  4. a trace whose judges have inverted-polarity names (user_frustration = "yes", toxicity = 0.0).

No network: the chat models are fakes or mocked HTTP. No sleeps: every span time comes from a
virtual clock (see `Clock`), so durations are explicit, the same on every run, and seeding is fast.

Usage: python seed_trials.py --tracking-uri URI --manifest FILE [--set trials] [--artifact-root URI]
The manifest (JSON, the shape seed.py writes) maps task names to trace and session ids, and
`facts` to the span names and values the tests look for.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import warnings

# Traces must be in the store before tags and assessments are logged on them.
os.environ["MLFLOW_ENABLE_ASYNC_TRACE_LOGGING"] = "false"
# LangChain must not try to reach LangSmith.
os.environ["LANGCHAIN_TRACING_V2"] = "false"
os.environ["LANGSMITH_TRACING"] = "false"

warnings.filterwarnings("ignore")

import httpx  # noqa: E402
import mlflow  # noqa: E402
import openai  # noqa: E402
import opentelemetry.sdk.trace as otel_sdk_trace  # noqa: E402
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel  # noqa: E402
from langchain_core.messages import AIMessage  # noqa: E402
from langchain_core.tools import tool  # noqa: E402
from langgraph.prebuilt import ToolNode, create_react_agent  # noqa: E402
from mlflow.entities import AssessmentSource, AssessmentSourceType, SpanType  # noqa: E402
from mlflow.tracing.export.mlflow_v3 import MlflowV3SpanExporter  # noqa: E402

MS = 1_000_000  # nanoseconds in a millisecond
# A fixed day for the trials, after the main store's: 2026-11-21T09:00:00Z.
BASE_NS = 1_795_251_600_000 * MS

JUDGE = AssessmentSource(source_type=AssessmentSourceType.LLM_JUDGE, source_id="openai:/gpt-4o-mini")


class Clock:
    """A virtual clock for OpenTelemetry's span and event times.

    Autologged spans take their times from `time_ns()` in the OTel SDK; this replaces it. Each
    reading moves the clock on by a tick (so spans keep their order and nesting), and the fake
    model, tool and HTTP handler `spend` the latency a real one would have.
    """

    TICK_NS = 200_000  # 0.2 ms per reading: the framework's own overhead

    def __init__(self) -> None:
        self.now = BASE_NS

    def __call__(self) -> int:
        self.now += self.TICK_NS
        return self.now

    def set(self, ns: int) -> None:
        self.now = ns

    def spend(self, ms: float) -> None:
        self.now += int(ms * MS)


CLOCK = Clock()
otel_sdk_trace.time_ns = CLOCK  # span.start()/end() and events read the module-level name


def write_each_trace_in_one_call() -> None:
    """Hand MLflow's exporter a trace's spans in one batch, when its root span ends.

    MLflow 3.17 writes every span to a SQL store in its own transaction as the span ends
    (`_export_spans_incrementally`): ~3,000 of them take minutes on this machine, and its async
    mode races the sqlite file ("database is locked"). The same exporter, given the same spans
    at once, makes one `log_spans` call: the store ends up holding exactly the same rows.
    """
    incremental = MlflowV3SpanExporter._export_spans_incrementally
    pending: dict[int, list] = {}

    def batched(self, spans):  # noqa: ANN001, ANN202
        ready = []
        for span in spans:
            pending.setdefault(span.context.trace_id, []).append(span)
            if span.parent is None:  # the root ended: the trace is complete
                ready.extend(pending.pop(span.context.trace_id))
        if ready:
            incremental(self, ready)

    MlflowV3SpanExporter._export_spans_incrementally = batched


def raised(exc: Exception) -> Exception:
    """Return the exception after a real raise, so it carries a genuine traceback."""
    try:
        raise exc
    except Exception as caught:  # noqa: BLE001
        return caught


# --------------------------------------------------------------------------------------------
# 1. LangGraph: a tool fails, the model answers anyway
# --------------------------------------------------------------------------------------------

class FakeToolCallingChatModel(GenericFakeChatModel):
    """LangChain's fake chat model, scripted to call a tool and then answer; takes `latency_ms`."""

    latency_ms: float = 0

    def bind_tools(self, tools, **kwargs):  # noqa: ANN001, ANN003, ARG002
        # The script already holds the tool calls: binding changes nothing.
        return self

    def _generate(self, messages, stop=None, run_manager=None, **kwargs):  # noqa: ANN001, ANN003
        CLOCK.spend(self.latency_ms)
        return super()._generate(messages, stop=stop, run_manager=run_manager, **kwargs)


def usage_metadata(inp: int, out: int) -> dict:
    return {"input_tokens": inp, "output_tokens": out, "total_tokens": inp + out}


@tool
def get_order_status(order_id: str) -> str:
    """Look up where an order is: shipped, in the warehouse, or delivered."""
    CLOCK.spend(5000)
    raise TimeoutError(f"orders-db did not answer within 5s for order {order_id}")


def seed_langgraph_tool_error(manifest: dict) -> None:
    question = "Where is my order A-1042? It was supposed to arrive yesterday."
    answer = "Good news: your order A-1042 has shipped and will arrive on Thursday."
    model = FakeToolCallingChatModel(latency_ms=640, messages=iter([
        AIMessage(content="", tool_calls=[{"name": "get_order_status", "args": {"order_id": "A-1042"},
                                          "id": "call_order_1", "type": "tool_call"}],
                  usage_metadata=usage_metadata(212, 18)),
        AIMessage(content=answer, usage_metadata=usage_metadata(268, 17)),
    ]))
    # handle_tool_errors=True: the exception becomes a ToolMessage the model reads, as in the trial.
    agent = create_react_agent(model, ToolNode([get_order_status], handle_tool_errors=True),
                               prompt="You are the order-support assistant of an online shop.")
    mlflow.langchain.autolog()
    CLOCK.set(BASE_NS)
    result = agent.invoke({"messages": [{"role": "user", "content": question}]})
    mlflow.langchain.autolog(disable=True)
    tool_message = result["messages"][-2]
    assert getattr(tool_message, "status", None) == "error", tool_message
    tid = mlflow.get_last_active_trace_id()
    mlflow.set_trace_tag(tid, "app", "order-support")
    manifest["traces"]["langgraph_tool_error"] = tid
    manifest["facts"]["langgraph_tool_error"] = {
        "tool_span": "get_order_status", "exception": "TimeoutError",
        "chat_span": type(model).__name__, "tool_node": "tools", "answer": answer,
    }


# --------------------------------------------------------------------------------------------
# 2. OpenAI SDK: history lost between turns
# --------------------------------------------------------------------------------------------

RESTAURANT_SESSION = "table-booking-7"
# (user message, what the model answers to that message alone, model latency ms, tokens)
RESTAURANT_TURNS = [
    ("Hi! Please book a table for 4 at Lumen on Friday, 7 pm.",
     "Booked: Lumen, Friday 19:00, party of four. Reference LM-2231.", 820, (61, 19)),
    # The model never sees turn 1: it invents a day and a time (the wrong fact).
    ("Can you make it 6 people instead?",
     "Sure! I've booked a table for 6 at Lumen on Saturday at 8 pm. Reference LM-2290.", 760, (45, 24)),
    # Built on the wrong booking.
    ("Great, and please add a birthday cake to the booking.",
     "Done: a birthday cake is added to your Saturday 8 pm booking for 6 (LM-2290).", 700, (49, 23)),
    # The correction.
    ("Wait, Saturday at 8 pm? That's wrong, I booked Friday at 7 pm!",
     "I'm sorry, I can't find an earlier booking. Could you give me its reference?", 690, (55, 18)),
    ("LM-2231. Friday, 7 pm, 6 people, with the cake.",
     "Updated LM-2231: Friday 19:00, party of six, birthday cake added.", 740, (58, 17)),
]
SYSTEM_PROMPT = "You are the booking assistant of the restaurant Lumen."


def chat_completion(model: str, reply: str, tokens: tuple[int, int], n: int) -> dict:
    """The JSON body the OpenAI API returns for a chat completion."""
    return {
        "id": f"chatcmpl-trial{n:04d}", "object": "chat.completion", "created": BASE_NS // 1_000_000_000,
        "model": f"{model}-2024-07-18", "system_fingerprint": "fp_trials",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": reply, "refusal": None},
                     "logprobs": None, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": tokens[0], "completion_tokens": tokens[1], "total_tokens": sum(tokens)},
    }


def seed_openai_lost_history(manifest: dict) -> None:
    replies = {user: (reply, latency, tokens) for user, reply, latency, tokens in RESTAURANT_TURNS}
    calls: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        messages = body["messages"]
        # The bug under test: only the system prompt and the current message reach the model.
        assert [m["role"] for m in messages] == ["system", "user"], messages
        reply, latency, tokens = replies[messages[-1]["content"]]
        CLOCK.spend(latency)
        calls.append(1)
        return httpx.Response(200, json=chat_completion(body["model"], reply, tokens, len(calls)))

    client = openai.OpenAI(api_key="sk-" + "test-trials-not-a-real-key", base_url="https://api.openai.example/v1",
                           http_client=httpx.Client(transport=httpx.MockTransport(handler)), max_retries=0)

    @mlflow.trace(name="booking_assistant", span_type=SpanType.AGENT)
    def booking_assistant(message: str) -> str:
        mlflow.update_current_trace(metadata={"mlflow.trace.session": RESTAURANT_SESSION,
                                              "mlflow.trace.user": "gina"})
        response = client.chat.completions.create(
            model="gpt-4o-mini", temperature=0.2,
            messages=[{"role": "system", "content": SYSTEM_PROMPT}, {"role": "user", "content": message}])
        return response.choices[0].message.content

    mlflow.openai.autolog()
    trace_ids = []
    for n, (user, *_rest) in enumerate(RESTAURANT_TURNS):
        CLOCK.set(BASE_NS + (600_000 + n * 45_000) * MS)  # a turn every 45 s
        booking_assistant(user)
        trace_ids.append(mlflow.get_last_active_trace_id())
    mlflow.openai.autolog(disable=True)
    assert len(calls) == len(RESTAURANT_TURNS)
    manifest["sessions"]["lost_history"] = {"id": RESTAURANT_SESSION, "traces": trace_ids,
                                            "turns": len(trace_ids)}
    manifest["facts"]["lost_history"] = {"wrong_turn": 2, "correction_turn": 4, "root_span": "booking_assistant"}


# --------------------------------------------------------------------------------------------
# 3. A batch job with an exception caught deep inside
# --------------------------------------------------------------------------------------------

def span_tree(node: dict, parent, t0_ns: int) -> object:
    """Write one span and its children (times in ms from t0) with the SDK's span API."""
    span = mlflow.start_span_no_context(
        name=node["name"], span_type=node.get("type", SpanType.UNKNOWN), parent_span=parent,
        inputs=node.get("inputs"), attributes=node.get("attrs"),
        start_time_ns=t0_ns + int(node["start"] * MS))
    for child in node.get("children", ()):
        span_tree(child, span, t0_ns)
    if node.get("error") is not None:
        span.record_exception(node["error"])
    span.end(outputs=node.get("outputs"), status=node.get("status"),
             end_time_ns=t0_ns + int(node["end"] * MS))
    return span


BATCHES, ITEMS = 40, 24  # 1 + 40 + 960 × 3 = 2,921 spans
BAD = (27, 13)  # batch, item whose price cannot be parsed


def seed_batch_caught(manifest: dict) -> None:
    """enrich_catalog › batch_NN › enrich_item › {fetch_product, describe_product, normalise_fields › parse_price}.

    One parse_price raises; normalise_fields re-raises (ERROR); enrich_item catches it, logs
    the item as skipped and ends OK; so does everything above it, and the trace is OK.
    """
    bad_price = "12,99 €"
    error = raised(ValueError(f"could not convert string to float: '{bad_price}'"))
    batches = []
    for b in range(BATCHES):
        b0 = b * 1000
        items = []
        for i in range(ITEMS):
            t = b0 + 5 + i * 40
            sku = f"SKU-{b:02d}{i:02d}"
            item = {"name": "enrich_item", "type": SpanType.CHAIN, "start": t, "end": t + 38,
                    "inputs": {"sku": sku},
                    "outputs": {"sku": sku, "status": "enriched"},
                    "children": [
                        {"name": "fetch_product", "type": SpanType.RETRIEVER, "start": t + 1, "end": t + 9,
                         "inputs": {"sku": sku}, "outputs": [{"page_content": f"Product {sku}", "metadata": {"sku": sku}}]},
                        {"name": "describe_product", "type": SpanType.CHAT_MODEL, "start": t + 10, "end": t + 33,
                         "inputs": {"messages": [{"role": "user", "content": f"Describe {sku} in one line."}]},
                         "outputs": {"choices": [{"message": {"role": "assistant", "content": f"A fine product ({sku})."}}]},
                         "attrs": {"mlflow.chat.tokenUsage": {"input_tokens": 22, "output_tokens": 9, "total_tokens": 31},
                                   "mlflow.llm.model": "gpt-4o-mini"}},
                    ]}
            if (b, i) == BAD:
                item["outputs"] = {"sku": sku, "status": "skipped", "reason": "price unparseable"}
                item["children"].append(
                    {"name": "normalise_fields", "type": SpanType.PARSER, "start": t + 34, "end": t + 37,
                     "inputs": {"price": bad_price, "currency": "EUR"}, "error": error,
                     "children": [{"name": "parse_price", "type": SpanType.PARSER, "start": t + 34.5,
                                   "end": t + 36, "inputs": {"raw": bad_price}, "error": error}]})
            items.append(item)
        batches.append({"name": f"batch_{b:02d}", "type": SpanType.CHAIN, "start": b0, "end": b0 + 5 + ITEMS * 40,
                        "inputs": {"batch": b, "items": ITEMS}, "outputs": {"enriched": ITEMS - (b == BAD[0])},
                        "children": items})
    spec = {"name": "enrich_catalog", "type": SpanType.CHAIN, "start": 0, "end": BATCHES * 1000,
            "inputs": {"catalog": "autumn-2026", "batches": BATCHES}, "outputs": {"enriched": BATCHES * ITEMS - 1, "skipped": 1},
            "children": batches}
    root = span_tree(spec, None, BASE_NS + 1_200_000 * MS)
    manifest["traces"]["batch_caught"] = root.trace_id
    manifest["facts"]["batch_caught"] = {
        "spans": 1 + BATCHES + BATCHES * ITEMS * 3 + 2, "failing_span": "parse_price", "rethrown_by": "normalise_fields",
        "caught_in": "enrich_item", "batch": f"batch_{BAD[0]:02d}", "sku": f"SKU-{BAD[0]:02d}{BAD[1]:02d}",
        "exception": "ValueError",
    }


# --------------------------------------------------------------------------------------------
# 4. Judges whose names invert the polarity of their values
# --------------------------------------------------------------------------------------------

def seed_judge_polarity(manifest: dict) -> None:
    question = "I have asked THREE times now: cancel my subscription. Why is this so hard?"
    answer = "I understand. Your subscription is cancelled as of today; you will not be charged again."
    spec = {
        "name": "support_chat", "type": SpanType.AGENT, "start": 0, "end": 1400,
        "inputs": {"messages": [{"role": "user", "content": question}]},
        "outputs": {"choices": [{"message": {"role": "assistant", "content": answer}}]},
        "children": [
            {"name": "cancel_subscription", "type": SpanType.TOOL, "start": 20, "end": 300,
             "inputs": {"account": "acct-5521"}, "outputs": {"cancelled": True}},
            {"name": "write_reply", "type": SpanType.CHAT_MODEL, "start": 310, "end": 1390,
             "inputs": {"messages": [{"role": "user", "content": question},
                                     {"role": "tool", "content": '{"cancelled": true}'}]},
             "outputs": {"choices": [{"message": {"role": "assistant", "content": answer}}]},
             "attrs": {"mlflow.chat.tokenUsage": {"input_tokens": 140, "output_tokens": 26, "total_tokens": 166},
                       "mlflow.llm.model": "gpt-4o-mini"}},
        ],
    }
    root = span_tree(spec, None, BASE_NS + 1_800_000 * MS)
    tid = root.trace_id
    mlflow.log_feedback(trace_id=tid, name="user_frustration", value="yes", source=JUDGE,
                        rationale="The user says they asked three times, writes in capitals and asks why it is so hard.")
    mlflow.log_feedback(trace_id=tid, name="toxicity", value=0.0, source=JUDGE,
                        rationale="The reply is polite and contains no offensive language.")
    manifest["traces"]["judge_polarity"] = tid
    manifest["facts"]["judge_polarity"] = {"negative": "user_frustration", "not_negative": "toxicity"}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tracking-uri", required=True)
    parser.add_argument("--manifest", required=True)
    parser.add_argument("--set", default="trials", choices=["trials"])
    parser.add_argument("--artifact-root", help="where the experiment's artifacts would live")
    args = parser.parse_args()

    write_each_trace_in_one_call()
    mlflow.set_tracking_uri(args.tracking_uri)
    manifest: dict = {"tracking_uri": args.tracking_uri, "traces": {}, "sessions": {}, "facts": {}}
    name = "skill-trials"
    # An explicit artifact location keeps MLflow from creating ./mlruns in the working directory.
    if mlflow.get_experiment_by_name(name) is None and args.artifact_root:
        mlflow.create_experiment(name, artifact_location=args.artifact_root)
    manifest["experiment_id"] = mlflow.set_experiment(name).experiment_id

    seed_langgraph_tool_error(manifest)
    seed_openai_lost_history(manifest)
    seed_batch_caught(manifest)
    seed_judge_polarity(manifest)
    mlflow.flush_trace_async_logging()

    with open(args.manifest, "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, indent=2, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
