"""Fill a tracking store with a production-like stream of traces for triage_traces / compare_traces.

Everything goes through the MLflow Python SDK with explicit times (no sleeps): the bulk stream
through the tracking store's batch span ingest (the OTLP path, see BatchWriter), the compare pair
and every assessment through the fluent API. Times are spread over
five days (2026-11-10 to 2026-11-15 UTC), so every figure the tests assert is known in advance:

- N traces (default 1,200; one every 360 s) of a small RAG agent: answer_question (AGENT) over
  retrieve_docs (RETRIEVER), lookup_order (TOOL) and call_llm (CHAT_MODEL, token usage).
- tag app_version: v41 for the first 60 % of the traces, v42 after.
- three failure kinds whose messages carry varying numbers, ids, hex, quoted values and paths:
    lookup_order  OrderNotFoundError  only under v42, every 10th trace after the switch
    call_llm      TimeoutError        every 25th trace, all versions
    retrieve_docs FileNotFoundError   every 60th trace
- a slow tail: retrieve_docs takes 3-4 s in every 20th trace (else 100-200 ms).
- one token outlier (call_llm with 50,000 input tokens).
- negative verdicts (correctness = False, two rationales) and judge failures (groundedness with
  RATE_LIMIT_EXCEEDED, TIMEOUT): the judge failures are not trace failures.
- users alice / bob / o'brien (metadata mlflow.trace.user), sessions per user and day.
- a pair: the same question answered right (09:00) and wrong (09:30) on 2026-11-14, differing in
  retrieved documents, temperature, tool arguments, one extra span and the answer.
- a second experiment with one trace (compare across experiments).

Usage: python seed_triage.py --tracking-uri URI --manifest FILE [--set triage] [--count N]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
import warnings

# The bulk is written asynchronously (one queue, flushed once) to keep seeding fast; assessments
# are logged after the flush, when every trace is in the store.
os.environ.setdefault("MLFLOW_ENABLE_ASYNC_TRACE_LOGGING", "true")
warnings.filterwarnings("ignore")

import mlflow  # noqa: E402
from mlflow.entities import AssessmentError, AssessmentSource, AssessmentSourceType, SpanType  # noqa: E402

from batch_writer import BatchWriter  # noqa: E402

MS = 1_000_000
# 2026-11-10T00:00:00Z: well in the past, so `--since 24h` finds nothing whatever today is.
START_NS = 1_794_268_800_000 * MS
random.seed(11)
STEP_MS = 360_000
JUDGE = AssessmentSource(source_type=AssessmentSourceType.LLM_JUDGE, source_id="openai:/gpt-4o-mini")
HUMAN = AssessmentSource(source_type=AssessmentSourceType.HUMAN, source_id="reviewer@example.com")
USERS = ["alice", "bob", "o'brien"]
QUESTIONS = [
    "Where is my order {n}?",
    "Can I return order {n}?",
    "How long does shipping to Lyon take?",
    "Do you ship order {n} abroad?",
]


def raised(exc: Exception) -> Exception:
    try:
        raise exc
    except Exception as caught:  # noqa: BLE001
        return caught


def write_trace(spec: dict, t0_ns: int, *, tags: dict, metadata: dict, experiment_id: str | None = None) -> str:
    """One trace from a nested spec {name, type, start, end (ms from t0), inputs, outputs, attrs, error, children}.

    A failing span fails its ancestors too, as an uncaught exception would."""

    def open_span(node: dict, parent) -> tuple[object, bool]:
        root = parent is None
        span = mlflow.start_span_no_context(
            name=node["name"], span_type=node.get("type", SpanType.UNKNOWN), parent_span=parent,
            inputs=node.get("inputs"), attributes=node.get("attrs"),
            tags=tags if root else None, metadata=metadata if root else None,
            experiment_id=experiment_id if root else None,
            start_time_ns=t0_ns + int(node["start"] * MS),
        )
        failed = False
        for child in node.get("children", []):
            failed = open_span(child, span)[1] or failed
        if node.get("error") is not None:
            span.record_exception(node["error"])
            failed = True
        span.end(outputs=None if failed else node.get("outputs"), status="ERROR" if failed else None,
                 end_time_ns=t0_ns + int(node["end"] * MS))
        return span, failed

    return open_span(spec, None)[0].trace_id


def usage(inp: int, out: int) -> dict:
    return {"input_tokens": inp, "output_tokens": out, "total_tokens": inp + out}


def docs(*pairs: tuple[str, str, str]) -> list[dict]:
    return [{"id": i, "page_content": text, "metadata": {"doc_uri": uri, "chunk_id": i}} for i, uri, text in pairs]


def agent(question: str, answer: str, *, retrieve_ms: float, tokens: tuple[int, int], order: int,
          documents: list[dict], temperature: float = 0.0, model: str = "gpt-4o-mini",
          tool_args: dict | None = None, failure: str | None = None, n: int = 0, extra: list | None = None) -> dict:
    r_end = 5 + retrieve_ms
    t_end = r_end + 40
    l_end = t_end + 600
    retrieve = {"name": "retrieve_docs", "type": SpanType.RETRIEVER, "start": 5, "end": r_end,
                "inputs": {"query": question}, "outputs": documents}
    tool = {"name": "lookup_order", "type": SpanType.TOOL, "start": r_end + 2, "end": t_end,
            "inputs": tool_args or {"order_id": order}, "outputs": {"order_id": order, "status": "shipped"}}
    messages = [{"role": "system", "content": "Answer from the documents."}, {"role": "user", "content": question}]
    llm = {"name": "call_llm", "type": SpanType.CHAT_MODEL, "start": t_end + 2, "end": l_end,
           "inputs": {"model": model, "temperature": temperature, "max_tokens": 512, "messages": messages,
                      "tools": [{"type": "function", "function": {"name": "lookup_order"}}]},
           "outputs": {"choices": [{"index": 0, "message": {"role": "assistant", "content": answer}, "finish_reason": "stop"}],
                       "usage": {"prompt_tokens": tokens[0], "completion_tokens": tokens[1]}},
           "attrs": {"mlflow.chat.tokenUsage": usage(*tokens), "mlflow.llm.model": model, "mlflow.message.format": "openai"}}
    if failure == "order":
        tool["error"] = raised(LookupError(f"order {order} not found in shard {n % 13} (request id req_{n * 7919:08x})"))
    elif failure == "llm":
        llm["error"] = raised(TimeoutError(f"request to https://api.openai.com/v1/chat/completions timed out after {30 + n % 7}.{n % 10}s (id 0x{n * 2654435761 % 2**32:08x})"))
    elif failure == "index":
        retrieve["error"] = raised(FileNotFoundError(f"[Errno 2] No such file or directory: '/data/index/shard-{n % 40}.faiss'"))
    children = [retrieve, *(extra or []), tool, llm]
    return {"name": "answer_question", "type": SpanType.AGENT, "start": 0, "end": l_end + 5,
            "inputs": {"question": question}, "outputs": {"answer": answer}, "children": children}


def seed_stream(manifest: dict, count: int) -> dict:
    writer = BatchWriter(manifest["experiment_id"])
    switch = int(count * 0.6)
    kinds = {"order": 0, "llm": 0, "index": 0}
    negatives: list[tuple[str, str]] = []
    judge_fail: list[tuple[str, str, str]] = []
    slow: list[str] = []
    failing_v42 = 0
    version_counts = {"v41": 0, "v42": 0}
    token_outlier = None
    for n in range(count):
        version = "v41" if n < switch else "v42"
        version_counts[version] += 1
        failure = None
        if n >= switch and n % 10 == 0:
            failure = "order"
        elif n % 25 == 0:
            failure = "llm"
        elif n % 60 == 0:
            failure = "index"
        if failure:
            kinds[failure] += 1
        retrieve_ms = 3000 + (n % 10) * 100 if n % 20 == 7 else 100 + (n % 10) * 10
        tokens = (50_000, 300) if n == 333 else (400 + n % 50, 80 + n % 20)
        order = 10_000 + n * 37 % 90_000
        question = QUESTIONS[n % len(QUESTIONS)].format(n=order)
        user = USERS[(n // 7) % 3]
        day = n * STEP_MS // 86_400_000
        spec = agent(question, f"Order {order} is on its way.", retrieve_ms=retrieve_ms, tokens=tokens, order=order,
                     documents=docs((f"doc-{n % 5}", f"kb/orders-{n % 5}.md", "Orders ship in 2 days.")), failure=failure, n=n)
        tid = writer.add(spec, START_NS + n * STEP_MS * MS, tags={"app_version": version, "region": ["eu", "us"][(n // 3) % 2]},
                          metadata={"mlflow.trace.user": user, "mlflow.trace.session": f"{user}-day{day}"})
        if n == 333:
            token_outlier = tid
        if retrieve_ms >= 3000:
            slow.append(tid)
        if failure == "order":
            failing_v42 += 1
        # Verdicts on a sample: every 15th trace negative (two rationales), every 40th a judge error.
        if n % 15 == 3:
            negatives.append((tid, "The answer does not cite the order status." if n % 2 else "The answer contradicts the retrieved document."))
        if n % 40 == 11:
            judge_fail.append((tid, "RATE_LIMIT_EXCEEDED" if n % 80 == 11 else "TIMEOUT", "judge call failed"))
    writer.flush()
    manifest["stream"] = {
        "count": count, "switch_index": switch, "failures": kinds, "version_counts": version_counts,
        "slow_retrieve": len(slow), "token_outlier": token_outlier,
        "negative_correctness": len(negatives), "judge_failures": {
            "RATE_LIMIT_EXCEEDED": sum(1 for j in judge_fail if j[1] == "RATE_LIMIT_EXCEEDED"),
            "TIMEOUT": sum(1 for j in judge_fail if j[1] == "TIMEOUT")},
        "first_ms": START_NS // MS, "last_ms": START_NS // MS + (count - 1) * STEP_MS,
        "switch_ms": START_NS // MS + switch * STEP_MS,
    }
    return {"negatives": negatives, "judge_fail": judge_fail}


def seed_pair(manifest: dict) -> None:
    """The same question answered right, then wrong: other documents, temperature, tool args, a rerank span."""
    q = "What is the refund window for order 1001?"
    t_good = 1_794_646_800_000 * MS  # 2026-11-14T09:00:00Z
    good = agent(q, "You can get a refund within 30 days of delivery.", retrieve_ms=120, tokens=(420, 40), order=1001,
                 documents=docs(("policy-refunds-v3", "kb/policies/refunds.md", "Refunds are accepted within 30 days of delivery.")),
                 temperature=0.0, tool_args={"order_id": 1001})
    bad = agent(q, "You can get a refund within 90 days.", retrieve_ms=140, tokens=(610, 35), order=1001,
                documents=docs(("policy-returns-2019", "kb/archive/returns-2019.md", "Returns were accepted within 90 days (2019).")),
                temperature=0.9, tool_args={"order_id": "1001", "include_archived": True},
                extra=[{"name": "rerank", "type": SpanType.RERANKER, "start": 150, "end": 160, "inputs": {"k": 3}, "outputs": {"kept": 1}}])
    meta = {"mlflow.trace.user": "carol", "mlflow.trace.session": "carol-refund"}
    manifest["traces"]["pair_good"] = write_trace(good, t_good, tags={"app_version": "v41", "region": "eu"}, metadata=meta)
    manifest["traces"]["pair_bad"] = write_trace(bad, t_good + 1_800_000 * MS, tags={"app_version": "v42", "region": "eu"}, metadata=meta)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tracking-uri", required=True)
    parser.add_argument("--manifest", required=True)
    parser.add_argument("--set", default="triage")
    parser.add_argument("--count", type=int, default=1200)
    parser.add_argument("--max-assessments", type=int, default=None,
                        help="log at most this many verdicts and judge failures each (the benchmark's 10,000 traces)")
    parser.add_argument("--artifact-root")
    args = parser.parse_args()
    started = time.monotonic()
    mlflow.set_tracking_uri(args.tracking_uri)
    manifest: dict = {"tracking_uri": args.tracking_uri, "traces": {}, "sessions": {}}
    for name in ("skill-triage", "skill-triage-other"):
        if mlflow.get_experiment_by_name(name) is None:
            mlflow.create_experiment(name, artifact_location=args.artifact_root)
    other = mlflow.get_experiment_by_name("skill-triage-other").experiment_id
    manifest["experiment_id"] = mlflow.set_experiment("skill-triage").experiment_id
    manifest["other_experiment_id"] = other

    verdicts = seed_stream(manifest, args.count)
    if args.max_assessments is not None:
        verdicts = {k: v[: args.max_assessments] for k, v in verdicts.items()}
        manifest["stream"]["negative_correctness"] = len(verdicts["negatives"])
        manifest["stream"]["judge_failures"] = {code: sum(1 for j in verdicts["judge_fail"] if j[1] == code) for code in ("RATE_LIMIT_EXCEEDED", "TIMEOUT")}
    seed_pair(manifest)
    manifest["traces"]["other_experiment"] = write_trace(
        agent("How long does shipping to Lyon take?", "Two days.", retrieve_ms=100, tokens=(300, 20), order=5,
              documents=docs(("doc-1", "kb/orders-1.md", "Orders ship in 2 days."))),
        START_NS, tags={"app_version": "v41"}, metadata={"mlflow.trace.user": "alice"}, experiment_id=other)
    mlflow.flush_trace_async_logging()

    for tid, why in verdicts["negatives"]:
        mlflow.log_feedback(trace_id=tid, name="correctness", value=False, source=JUDGE, rationale=why)
    for tid, code, msg in verdicts["judge_fail"]:
        mlflow.log_feedback(trace_id=tid, name="groundedness", source=JUDGE, error=AssessmentError(error_code=code, error_message=msg))
    mlflow.log_feedback(trace_id=manifest["traces"]["pair_good"], name="correctness", value=True, source=HUMAN, rationale="Matches the policy.")
    mlflow.log_feedback(trace_id=manifest["traces"]["pair_bad"], name="correctness", value=False, source=HUMAN, rationale="Quotes the 2019 policy.")

    manifest["seed_seconds"] = round(time.monotonic() - started, 1)
    with open(args.manifest, "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, indent=2, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
