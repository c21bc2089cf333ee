"""Fill a tracking store with a deploy that made a travel-booking copilot worse and slower (issue 17).

Everything goes through the MLflow SDK with explicit, fixed times (2026-11-19 .. 2026-11-21 UTC):
the bulk through the tracking store's batch span ingest (as OTLP arrives), assessments through
`mlflow.log_feedback`. What the tests assert is known in advance and written to the manifest:

- N traces (default 1,000; one every 240 s) of `trip_copilot` (AGENT): search_flights (RETRIEVER),
  rank_offers (RERANKER), convert_currency (TOOL), draft_reply (CHAT_MODEL).
- tag app_version: v7 for the first half, v8 after (the deploy). v8 lowered draft_reply's
  max_tokens 1024 → 256 (replies end with finish_reason "length", cut off mid-sentence) and made
  rank_offers ~15x slower (40 ms → 600 ms self time). Model and temperature did not change. Four in
  five v8 replies are cut (n % 5 != 0).
- tag region eu/us alternating (no switch), metadata mlflow.trace.user per traveller.
- background failures that did not change: search_flights raises GdsTimeout in every 29th trace.
- caught failures: convert_currency fails in every 37th trace (a fallback rate is used; the trace
  is OK).
- verdicts on every 4th trace (answer_quality, by an LLM judge): "no" with the old rationale
  "The reply does not mention the baggage allowance." on every 7th judged trace of both versions;
  "no" with the new rationale "The reply is cut off mid-sentence." on most judged v8 traces. And
  user_frustration = "yes" (a bad thing named: yes is bad) on every 10th v8 trace, "no" on every 10th v7 one.
- a second application in the same experiment: `fare_alert_digest` (CHAIN) every 40th slot, one
  of them (in the v8 period) 45 s long: a one-off that must not explain the slow tail.
- the experiment is named "travel-copilot-prod"; two more experiments: "travel-copilot-staging"
  and "2024" (a name that looks like a number and is no id; three traces).

Usage: python seed_changes.py --tracking-uri URI --manifest FILE [--count N] [--max-assessments N]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
import warnings

os.environ.setdefault("MLFLOW_ENABLE_ASYNC_TRACE_LOGGING", "true")
warnings.filterwarnings("ignore")

import mlflow  # noqa: E402
from mlflow.entities import AssessmentSource, AssessmentSourceType, SpanType  # noqa: E402

MS = 1_000_000
START_MS = 1_795_046_400_000  # 2026-11-19T00:00:00Z
STEP_MS = 240_000
random.seed(17)
JUDGE = AssessmentSource(source_type=AssessmentSourceType.LLM_JUDGE, source_id="openai:/gpt-4o-mini")
ROUTES = [("Lisbon", "Oslo"), ("Paris", "Tokyo"), ("Madrid", "Lima"), ("Berlin", "Rome"), ("Dublin", "Boston"), ("Vienna", "Cairo")]
TRAVELLERS = ["ana", "ben", "chloe", "dev"]
OLD_WHY = "The reply does not mention the baggage allowance."
NEW_WHY = "The reply is cut off mid-sentence."


class BatchWriter:
    """Finished spans handed to the store's `log_spans` many traces at a time (the OTLP ingest
    path): trace info is derived from the root span, tags from `mlflow.traceTag.*` attributes."""

    def __init__(self, experiment_id: str, size: int = 250):
        from mlflow.tracking import MlflowClient

        self.store = MlflowClient()._tracking_client.store
        self.experiment_id = experiment_id
        self.size = size
        self.pending: list = []
        self.traces = 0
        self.counter = 0

    def _id(self, width: int) -> str:
        self.counter += 1
        return f"{random.getrandbits(width * 4 - 24):0{width - 6}x}{self.counter % 2**24:06x}"

    def add(self, spec: dict, t0_ms: int, *, tags: dict, user: str) -> str:
        from mlflow.entities import Span

        trace_id = f"tr-{self._id(32)}"
        t0_ns = t0_ms * MS

        def emit(node: dict, parent_id: str | None) -> bool:
            span_id = self._id(16)
            failed = False
            for child in node.get("children", []):
                failed = emit(child, span_id) or failed
            events = []
            own = node.get("error")
            if own is not None:
                events.append({"name": "exception", "time_unix_nano": t0_ns + int(node["end"] * MS),
                               "attributes": {"exception.type": own[0], "exception.message": own[1],
                                              "exception.stacktrace": f"Traceback (most recent call last):\n{own[0]}: {own[1]}",
                                              "exception.escaped": "False"}})
            span_failed = failed or own is not None
            attrs = {"mlflow.traceRequestId": json.dumps(trace_id), "mlflow.spanType": json.dumps(node.get("type", "UNKNOWN")),
                     "mlflow.spanInputs": json.dumps(node.get("inputs"))}
            if not span_failed and node.get("outputs") is not None:
                attrs["mlflow.spanOutputs"] = json.dumps(node["outputs"])
            for k, v in (node.get("attrs") or {}).items():
                attrs[k] = json.dumps(v)
            if parent_id is None:
                for k, v in {**tags, "mlflow.traceName": node["name"]}.items():
                    attrs[f"mlflow.traceTag.{k}"] = json.dumps(v)
                attrs["user.id"] = json.dumps(user)
            self.pending.append(Span.from_dict({
                "trace_id": trace_id, "span_id": span_id, "parent_span_id": parent_id or "", "name": node["name"],
                "start_time_unix_nano": t0_ns + int(node["start"] * MS), "end_time_unix_nano": t0_ns + int(node["end"] * MS),
                "status": {"code": "ERROR" if span_failed else "OK", "message": own[1] if own else ""},
                "attributes": attrs, "events": events,
            }))
            # A caught failure stops here: the parent handled it.
            return span_failed and not node.get("caught")

        emit(spec, None)
        self.traces += 1
        if self.traces % self.size == 0:
            self.flush()
        return trace_id

    def flush(self) -> None:
        if self.pending:
            self.store.log_spans(self.experiment_id, self.pending)
            self.pending = []


def copilot(n: int, v8: bool) -> tuple[dict, str, bool]:
    origin, dest = ROUTES[n % len(ROUTES)]
    question = f"Find me a flight from {origin} to {dest} next Friday"
    search_ms = 120 + (n % 7) * 10
    rank_ms = (560 + (n % 9) * 10) if v8 else (35 + n % 9)
    max_tokens = 256 if v8 else 1024
    truncated = v8 and n % 5 != 0
    full = f"The best option from {origin} to {dest} is flight TP{100 + n % 50} at 09:40 for 212 EUR, with one checked bag included."
    reply = full[: 60] if truncated else full
    s0 = 5
    s1 = s0 + search_ms
    r1 = s1 + 2 + rank_ms
    c1 = r1 + 2 + 30
    d1 = c1 + 2 + 700 + (n % 5) * 20
    offers = [{"id": f"offer-{origin[:3].lower()}-{k}", "metadata": {"doc_uri": f"gds://offers/{origin}-{dest}/{k}"}, "page_content": f"{origin}-{dest} offer {k}"} for k in range(3)]
    search = {"name": "search_flights", "type": SpanType.RETRIEVER, "start": s0, "end": s1, "inputs": {"query": question}, "outputs": offers}
    if n % 29 == 0:
        search["error"] = ("GdsTimeout", f"GDS did not answer within {3000 + n % 500} ms (pnr {random.choice('ABCDEFGH')}{n:05d})")
    rank = {"name": "rank_offers", "type": SpanType.RERANKER, "start": s1 + 2, "end": r1, "inputs": {"offers": 3, "top_n": 3}, "outputs": {"kept": 3}}
    convert = {"name": "convert_currency", "type": SpanType.TOOL, "start": r1 + 2, "end": c1, "inputs": {"amount": 212, "to": "EUR"}, "outputs": {"amount": 212.0}}
    if n % 37 == 5:
        convert["error"] = ("RateUnavailable", f"no rate for currency XQ{n % 10} at {n % 60:02d}s; using the fallback rate")
        convert["caught"] = True
    messages = [{"role": "system", "content": "You are a travel-booking copilot."}, {"role": "user", "content": question}]
    draft = {"name": "draft_reply", "type": SpanType.CHAT_MODEL, "start": c1 + 2, "end": d1,
             "inputs": {"model": "gpt-4o", "temperature": 0.2, "max_tokens": max_tokens, "messages": messages},
             "outputs": {"choices": [{"index": 0, "message": {"role": "assistant", "content": reply}, "finish_reason": "length" if truncated else "stop"}],
                         "usage": {"prompt_tokens": 600 + n % 40, "completion_tokens": 256 if truncated else 90}},
             "attrs": {"mlflow.chat.tokenUsage": {"input_tokens": 600 + n % 40, "output_tokens": 256 if truncated else 90, "total_tokens": 600 + n % 40 + (256 if truncated else 90)},
                       "mlflow.llm.model": "gpt-4o", "mlflow.message.format": "openai"}}
    root = {"name": "trip_copilot", "type": SpanType.AGENT, "start": 0, "end": d1 + 5, "inputs": {"question": question},
            "outputs": {"answer": reply}, "children": [search, rank, convert, draft]}
    return root, question, truncated


def digest(n: int, slow: bool) -> dict:
    end = 45_000 if slow else 300 + n % 50
    return {"name": "fare_alert_digest", "type": SpanType.CHAIN, "start": 0, "end": end, "inputs": {"subscribers": 120 + n % 30},
            "outputs": {"sent": 120 + n % 30},
            "children": [{"name": "collect_fare_drops", "type": SpanType.TOOL, "start": 2, "end": end - 5, "inputs": {"window": "24h"}, "outputs": {"drops": 7}}]}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tracking-uri", required=True)
    parser.add_argument("--manifest", required=True)
    parser.add_argument("--set", default="changes")
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--max-assessments", type=int, default=None, help="log at most this many verdicts (large benchmark stores)")
    parser.add_argument("--artifact-root")
    args = parser.parse_args()
    started = time.monotonic()
    mlflow.set_tracking_uri(args.tracking_uri)
    for name in ("travel-copilot-staging", "2024", "travel-copilot-prod"):
        if mlflow.get_experiment_by_name(name) is None:
            mlflow.create_experiment(name, artifact_location=args.artifact_root)
    exp = mlflow.get_experiment_by_name("travel-copilot-prod").experiment_id
    manifest: dict = {"tracking_uri": args.tracking_uri, "experiment_id": exp, "experiment_name": "travel-copilot-prod",
                      "numeric_name_id": mlflow.get_experiment_by_name("2024").experiment_id, "traces": {}}
    writer = BatchWriter(exp)
    count = args.count
    switch = count // 2
    step = STEP_MS if count <= 1000 else max(1, STEP_MS * 1000 // count)
    verdicts: list[tuple[str, str, str, str]] = []
    stats = {"v7": 0, "v8": 0, "digest": 0, "failures": {"v7": 0, "v8": 0}, "caught": 0,
             "old_why": {"v7": 0, "v8": 0}, "new_why": {"v7": 0, "v8": 0}, "judged": {"v7": 0, "v8": 0}, "frustrated": 0,
             "length": {"v7": 0, "v8": 0}}
    last_v7 = first_v8 = slow_digest = None
    last_v7_ms = first_v8_ms = 0
    for n in range(count):
        t = START_MS + n * step
        v8 = n >= switch
        version = "v8" if v8 else "v7"
        if n % 40 == 20:
            slow = v8 and slow_digest is None and n > switch + 100
            tid = writer.add(digest(n, slow), t, tags={"app_version": version}, user="scheduler")
            stats["digest"] += 1
            if slow:
                slow_digest = tid
            continue
        spec, _question, truncated = copilot(n, v8)
        tid = writer.add(spec, t, tags={"app_version": version, "region": ["eu", "us"][(n // 3) % 2]}, user=TRAVELLERS[(n // 3) % 4])
        stats[version] += 1
        if n % 29 == 0:
            stats["failures"][version] += 1
        elif n % 37 == 5:
            stats["caught"] += 1
        if truncated:
            stats["length"][version] += 1
        if not v8:
            last_v7, last_v7_ms = tid, t
        elif first_v8 is None:
            first_v8, first_v8_ms = tid, t
        if n % 4 == 1 and n % 29 != 0:
            stats["judged"][version] += 1
            if (n // 4) % 7 == 3:
                verdicts.append((tid, "answer_quality", "no", OLD_WHY))
                stats["old_why"][version] += 1
            elif truncated:
                verdicts.append((tid, "answer_quality", "no", NEW_WHY))
                stats["new_why"][version] += 1
            else:
                verdicts.append((tid, "answer_quality", "yes", "The reply answers the question completely."))
        if n % 10 == 3:
            if v8:
                verdicts.append((tid, "user_frustration", "yes", "The traveller had to ask again for the full itinerary."))
                stats["frustrated"] += 1
            else:
                verdicts.append((tid, "user_frustration", "no", "The traveller accepted the first offer."))
    writer.flush()
    # Three traces in the experiment named "2024" (no experiment has that id).
    numbered = BatchWriter(manifest["numeric_name_id"])
    for n in range(3):
        numbered.add(copilot(n, False)[0], START_MS + n * STEP_MS, tags={"app_version": "v7"}, user="ana")
    numbered.flush()
    mlflow.flush_trace_async_logging()
    if args.max_assessments is not None:
        verdicts = verdicts[: args.max_assessments]
    for tid, name, value, why in verdicts:
        mlflow.log_feedback(trace_id=tid, name=name, value=value, source=JUDGE, rationale=why)

    manifest["stream"] = {"count": count, "switch_index": switch, "step_ms": step, "first_ms": START_MS, "last_ms": START_MS + (count - 1) * step,
                          "last_v7_ms": last_v7_ms, "first_v8_ms": first_v8_ms, **stats}
    manifest["traces"].update({"last_v7": last_v7, "first_v8": first_v8, "slow_digest": slow_digest})
    manifest["seed_seconds"] = round(time.monotonic() - started, 1)
    with open(args.manifest, "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, indent=2, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
