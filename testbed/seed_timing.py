"""Fill the `timing` store: where a request's time went, and where it only looks that way.

Through the SDK's span API with explicit times (milliseconds from each trace's start):
  1. itinerary: a trip planner prices six legs with `price_leg` one after another (no leg's
     price feeds the next call), reads fare rules from a retriever, then `write_itinerary` gets a
     ~88,000-token prompt: the sequential calls and the huge prompt are the findings;
  2. digest: a document digest whose last step (`archive_digest`) is short, so the time is in the
     chain before it; one step returns 40 identical "empty table" items;
  3. rolling: a look-alike of (1) that is healthy: `condense_chapter` runs five times in a row,
     and each call's input holds the previous call's summary (it must wait): no finding;
  4. fanout: five `quote_supplier` calls that ran at the same time: no finding.
Through real instrumentation, no network:
  5. openai_tools: the OpenAI SDK under `mlflow.openai.autolog()`, answered by an
     `httpx.MockTransport`: the model asks for four `check_stock` tool calls at once, the app runs
     them in a loop, one after another, then asks the model again.

No sleeps: autologged spans read a virtual clock (as in seed_trials.py).

Usage: python seed_timing.py --tracking-uri URI --manifest FILE [--set timing] [--artifact-root URI]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import warnings

os.environ["MLFLOW_ENABLE_ASYNC_TRACE_LOGGING"] = "false"
warnings.filterwarnings("ignore")

import httpx  # noqa: E402
import mlflow  # noqa: E402
import openai  # noqa: E402
import opentelemetry.sdk.trace as otel_sdk_trace  # noqa: E402
from mlflow.entities import SpanType  # noqa: E402

MS = 1_000_000
# 2026-11-22T08:00:00Z: a day of its own.
BASE_NS = 1_795_334_400_000 * MS


class Clock:
    """OpenTelemetry's time_ns, replaced: each reading moves 0.2 ms on; fakes `spend` latency."""

    TICK_NS = 200_000

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
otel_sdk_trace.time_ns = CLOCK


def span_tree(node: dict, parent, t0_ns: int):
    span = mlflow.start_span_no_context(
        name=node["name"], span_type=node.get("type", SpanType.UNKNOWN), parent_span=parent,
        inputs=node.get("inputs"), attributes=node.get("attrs"),
        start_time_ns=t0_ns + int(node["start"] * MS))
    ids = {node["name"]: span.span_id}
    for child in node.get("children", ()):
        for k, v in span_tree(child, span, t0_ns)[1].items():
            ids.setdefault(k, v)
    span.end(outputs=node.get("outputs"), status=node.get("status"), end_time_ns=t0_ns + int(node["end"] * MS))
    return span, ids


def usage(inp: int, out: int) -> dict:
    return {"input_tokens": inp, "output_tokens": out, "total_tokens": inp + out}


def chat(name: str, start: float, end: float, messages: list, reply: str, tokens: tuple[int, int]) -> dict:
    return {"name": name, "type": SpanType.CHAT_MODEL, "start": start, "end": end,
            "inputs": {"messages": messages, "model": "gpt-4o"},
            "outputs": {"choices": [{"message": {"role": "assistant", "content": reply}, "finish_reason": "stop"}]},
            "attrs": {"mlflow.chat.tokenUsage": usage(*tokens), "mlflow.llm.model": "gpt-4o"}}


# --------------------------------------------------------------------------------------------
# 1. Six legs priced one after another, then a huge prompt
# --------------------------------------------------------------------------------------------

LEGS = [("Lisbon", "Porto", "2027-03-02"), ("Porto", "Madrid", "2027-03-04"), ("Madrid", "Valencia", "2027-03-06"),
        ("Valencia", "Barcelona", "2027-03-08"), ("Barcelona", "Marseille", "2027-03-10"), ("Marseille", "Geneva", "2027-03-12")]
LEG_MS = [4300, 4100, 4700, 4400, 4600, 4200]
FARES = [41.90, 58.25, 37.10, 29.80, 77.45, 66.30]
RULES = [
    {"id": "rules/rail-pass-2027.md", "text": "Rail passes cover regional trains only; high-speed legs need a seat reservation fee of 12 EUR.", "score": 0.91},
    {"id": "rules/baggage-policy.md", "text": "Each traveller may carry two pieces of luggage free of charge on all partner railways.", "score": 0.77},
    {"id": "rules/refunds-2019.md", "text": "Tickets bought before 2020 are refundable up to 24 hours before departure for a small fee.", "score": 0.42},
]


def seed_itinerary(manifest: dict) -> None:
    question = "Plan my rail trip from Lisbon to Geneva, 2-12 March, cheapest fares please."
    t = 0.0
    children = [chat("sketch_route", 20, 1320, [{"role": "user", "content": question}],
                     "Route: Lisbon, Porto, Madrid, Valencia, Barcelona, Marseille, Geneva.", (310, 40))]
    t = 1340.0
    tool_messages = []
    for (frm, to, day), ms, fare in zip(LEGS, LEG_MS, FARES):
        out = {"fare_eur": fare, "carrier": f"{frm[:3].upper()}-{to[:3].upper()} Express", "seats_left": 9 + int(fare) % 7,
               "to": to, "date": day}
        children.append({"name": "price_leg", "type": SpanType.TOOL, "start": t, "end": t + ms,
                         "inputs": {"origin": frm, "to": to, "date": day, "class": "second"}, "outputs": out})
        tool_messages.append({"role": "tool", "content": json.dumps(out)})
        t += ms + 15
    rules_start = t + 10
    children.append({"name": "fare_rules", "type": SpanType.RETRIEVER, "start": rules_start, "end": rules_start + 640,
                     "inputs": {"query": "rail pass reservation baggage refunds", "top_k": 3},
                     "outputs": [{"page_content": r["text"], "metadata": {"doc_uri": r["id"], "score": r["score"]}} for r in RULES]})
    compose_start = rules_start + 660
    # The rules reach the system prompt (two of three), with a long timetable appendix: the prompt is huge.
    system = ("You are a rail travel planner. Fare rules:\n" + "\n".join(r["text"] for r in RULES[:2])
              + "\nTimetable appendix:\n" + "\n".join(f"{i:05d} departs 07:{i % 60:02d} platform {i % 12}" for i in range(1200)))
    messages = [{"role": "system", "content": system}, {"role": "user", "content": question}, *tool_messages]
    answer = "Your cheapest itinerary: six legs, 310.80 EUR in total, Lisbon 2 March to Geneva 12 March."
    children.append(chat("write_itinerary", compose_start, compose_start + 9200, messages, answer, (88000, 420)))
    end = compose_start + 9200 + 30
    spec = {"name": "plan_trip", "type": SpanType.AGENT, "start": 0, "end": end,
            "inputs": {"messages": [{"role": "user", "content": question}]},
            "outputs": {"choices": [{"message": {"role": "assistant", "content": answer}}]}, "children": children}
    root, ids = span_tree(spec, None, BASE_NS)
    manifest["traces"]["itinerary"] = root.trace_id
    manifest["facts"]["itinerary"] = {"tool": "price_leg", "calls": len(LEGS), "min_ms": min(LEG_MS), "max_ms": max(LEG_MS),
                                      "saving_ms": sum(LEG_MS) + 15 * (len(LEGS) - 1) - max(LEG_MS),
                                      "model": "write_itinerary", "input_tokens": 88000, "retriever": "fare_rules",
                                      "docs": [r["id"] for r in RULES], "docs_in_prompt": 2}


# --------------------------------------------------------------------------------------------
# 2. A chain whose last step is short; 40 identical items
# --------------------------------------------------------------------------------------------

def seed_digest(manifest: dict) -> None:
    empty = {"table": None, "status": "empty", "rows": 0}
    spec = {"name": "digest_quarterly_report", "type": SpanType.CHAIN, "start": 0, "end": 11600,
            "inputs": {"document": "q3-2027-board-report.pdf"}, "outputs": {"digest_id": "dg-3381"},
            "children": [
                {"name": "load_pages", "type": SpanType.RETRIEVER, "start": 10, "end": 2810,
                 "inputs": {"uri": "s3://reports/q3-2027-board-report.pdf"}, "outputs": {"pages": 64}},
                {"name": "extract_tables", "type": SpanType.PARSER, "start": 2830, "end": 5930,
                 "inputs": {"pages": 64}, "outputs": [empty] * 40},
                chat("write_digest", 5950, 11150, [{"role": "system", "content": "Summarise board reports in 5 bullet points."},
                                                   {"role": "user", "content": "Pages 1-64 of the Q3 2027 board report: revenue grew 4%, churn fell."}],
                     "- Revenue +4%\n- Churn down\n- Two new markets\n- Hiring paused\n- Dividend kept", (5200, 160)),
                {"name": "archive_digest", "type": SpanType.TOOL, "start": 11170, "end": 11320,
                 "inputs": {"digest": "dg-3381"}, "outputs": {"stored": True}},
            ]}
    root, _ = span_tree(spec, None, BASE_NS + 600_000 * MS)
    manifest["traces"]["digest"] = root.trace_id
    manifest["facts"]["digest"] = {"chain": ["load_pages", "extract_tables", "write_digest", "archive_digest"], "identical_items": 40}


# --------------------------------------------------------------------------------------------
# 3. Healthy look-alike: each call needs the previous one's output
# --------------------------------------------------------------------------------------------

def seed_rolling(manifest: dict) -> None:
    chapters = ["The harbour town wakes to news of a storm.", "Fishermen argue over whether to sail.",
                "Mira repairs her father's boat alone.", "The storm arrives a day early.", "The town rebuilds the pier together."]
    children = []
    summary = "(nothing yet)"
    t = 10.0
    for n, text in enumerate(chapters):
        new = f"Summary after chapter {n + 1}: {text} Earlier: {summary[:120]}"
        children.append(chat("condense_chapter", t, t + 3100 + 100 * n,
                             [{"role": "system", "content": "Fold the new chapter into the running summary."},
                              {"role": "user", "content": f"Running summary: {summary}\nNew chapter: {text}"}], new, (900 + 60 * n, 80)))
        summary = new
        t += 3100 + 100 * n + 20
    spec = {"name": "condense_novel", "type": SpanType.CHAIN, "start": 0, "end": t + 40,
            "inputs": {"book": "storm-harbour"}, "outputs": {"summary": summary}, "children": children}
    root, _ = span_tree(spec, None, BASE_NS + 1_200_000 * MS)
    manifest["traces"]["rolling"] = root.trace_id
    manifest["facts"]["rolling"] = {"calls": len(chapters), "name": "condense_chapter"}


# --------------------------------------------------------------------------------------------
# 4. A parallel batch
# --------------------------------------------------------------------------------------------

def seed_fanout(manifest: dict) -> None:
    suppliers = ["acme-metals", "borealis-steel", "cobalt-works", "delta-alloys", "equinox-forge"]
    children = [{"name": "quote_supplier", "type": SpanType.TOOL, "start": 30 + 5 * i, "end": 30 + 5 * i + 2800 + 150 * i,
                 "inputs": {"supplier": s, "part": "bracket-77", "qty": 500},
                 "outputs": {"supplier": s, "unit_price": round(1.9 + 0.13 * i, 2)}} for i, s in enumerate(suppliers)]
    spec = {"name": "request_quotes", "type": SpanType.AGENT, "start": 0, "end": 3600,
            "inputs": {"part": "bracket-77", "qty": 500}, "outputs": {"best": "acme-metals"}, "children": children}
    root, _ = span_tree(spec, None, BASE_NS + 1_800_000 * MS)
    manifest["traces"]["fanout"] = root.trace_id
    manifest["facts"]["fanout"] = {"calls": len(suppliers), "name": "quote_supplier"}


# --------------------------------------------------------------------------------------------
# 5. OpenAI SDK under autolog: four tool calls asked at once, run one after another
# --------------------------------------------------------------------------------------------

WAREHOUSES = {"rotterdam": 120, "gdansk": 0, "antwerp": 35, "hamburg": 8}


def completion(body: dict, n: int, message: dict, tokens: tuple[int, int]) -> dict:
    return {"id": f"chatcmpl-timing{n}", "object": "chat.completion", "created": BASE_NS // 1_000_000_000,
            "model": f"{body['model']}-2024-08-06",
            "choices": [{"index": 0, "message": message, "logprobs": None,
                         "finish_reason": "tool_calls" if message.get("tool_calls") else "stop"}],
            "usage": {"prompt_tokens": tokens[0], "completion_tokens": tokens[1], "total_tokens": sum(tokens)}}


def seed_openai_tools(manifest: dict) -> None:
    answer = "Pallet jacks are in stock in Rotterdam (120), Antwerp (35) and Hamburg (8); Gdansk has none."
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        calls.append(1)
        if len(calls) == 1:
            CLOCK.spend(1400)
            message = {"role": "assistant", "content": None, "tool_calls": [
                {"id": f"call_{w}", "type": "function", "function": {"name": "check_stock", "arguments": json.dumps({"warehouse": w, "sku": "PJ-2200"})}}
                for w in WAREHOUSES]}
            return httpx.Response(200, json=completion(body, 1, message, (380, 96)))
        assert [m["role"] for m in body["messages"]][-4:] == ["tool"] * 4
        CLOCK.spend(1900)
        return httpx.Response(200, json=completion(body, 2, {"role": "assistant", "content": answer}, (620, 45)))

    client = openai.OpenAI(api_key="-".join(["sk", "test", "timing", "not", "a", "real", "key"]), base_url="https://api.openai.example/v1",
                           http_client=httpx.Client(transport=httpx.MockTransport(handler)), max_retries=0)

    @mlflow.trace(name="check_stock", span_type=SpanType.TOOL)
    def check_stock(warehouse: str, sku: str) -> dict:
        CLOCK.spend(2600 + 150 * len(warehouse))
        return {"warehouse": warehouse, "sku": sku, "on_hand": WAREHOUSES[warehouse]}

    @mlflow.trace(name="stock_assistant", span_type=SpanType.AGENT)
    def stock_assistant(question: str) -> str:
        tools = [{"type": "function", "function": {"name": "check_stock", "parameters": {"type": "object", "properties": {
            "warehouse": {"type": "string"}, "sku": {"type": "string"}}}}}]
        messages = [{"role": "system", "content": "You answer stock questions for a logistics company."},
                    {"role": "user", "content": question}]
        first = client.chat.completions.create(model="gpt-4o", messages=messages, tools=tools)
        msg = first.choices[0].message
        messages.append(msg.model_dump(exclude_none=True))
        for call in msg.tool_calls:  # one after another: the finding
            result = check_stock(**json.loads(call.function.arguments))
            messages.append({"role": "tool", "tool_call_id": call.id, "content": json.dumps(result)})
        return client.chat.completions.create(model="gpt-4o", messages=messages, tools=tools).choices[0].message.content

    mlflow.openai.autolog()
    CLOCK.set(BASE_NS + 2_400_000 * MS)
    stock_assistant("Which warehouses have pallet jack PJ-2200 in stock?")
    mlflow.openai.autolog(disable=True)
    manifest["traces"]["openai_tools"] = mlflow.get_last_active_trace_id()
    manifest["facts"]["openai_tools"] = {"tool": "check_stock", "calls": len(WAREHOUSES), "root": "stock_assistant"}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tracking-uri", required=True)
    parser.add_argument("--manifest", required=True)
    parser.add_argument("--set", default="timing", choices=["timing"])
    parser.add_argument("--artifact-root")
    args = parser.parse_args()
    mlflow.set_tracking_uri(args.tracking_uri)
    manifest: dict = {"tracking_uri": args.tracking_uri, "traces": {}, "sessions": {}, "facts": {}}
    name = "skill-timing"
    if mlflow.get_experiment_by_name(name) is None and args.artifact_root:
        mlflow.create_experiment(name, artifact_location=args.artifact_root)
    manifest["experiment_id"] = mlflow.set_experiment(name).experiment_id
    seed_itinerary(manifest)
    seed_digest(manifest)
    seed_rolling(manifest)
    seed_fanout(manifest)
    seed_openai_tools(manifest)
    mlflow.flush_trace_async_logging()
    with open(args.manifest, "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, indent=2, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
