"""A trace that is still running, in a real sqlite store, for the cache's IN_PROGRESS rule.

Spans reach the store through the store's own `log_spans` (what MLflow's OTLP endpoint calls):
while only the child has arrived the trace is IN_PROGRESS; `--finish` sends the root span and
the store marks the trace OK, as it does when a long agent run ends.

Usage:
  python in_progress.py --tracking-uri sqlite:///X/mlflow.db --manifest FILE    a running trace
  python in_progress.py --tracking-uri sqlite:///X/mlflow.db --manifest FILE --finish
"""

from __future__ import annotations

import argparse
import base64
import json

import mlflow
from mlflow.entities import Span
from mlflow.tracking._tracking_service.utils import _get_store

OTEL_TRACE_ID = "5ca1ab1e" * 4
ROOT_ID = "0000000000000a01"
CHILD_ID = "0000000000000a02"
T0 = 1_795_168_800_000 * 1_000_000 + 9_000_000 * 1_000_000


def b64(hex_id: str) -> str:
    return base64.b64encode(bytes.fromhex(hex_id)).decode()


def span(span_id: str, parent: str | None, name: str, kind: str, start_ms: int, end_ms: int) -> Span:
    return Span.from_dict({
        "trace_id": b64(OTEL_TRACE_ID),
        "span_id": b64(span_id),
        "parent_span_id": b64(parent) if parent else None,
        "name": name,
        "start_time_unix_nano": T0 + start_ms * 1_000_000,
        "end_time_unix_nano": T0 + end_ms * 1_000_000,
        "status": {"code": "STATUS_CODE_OK", "message": ""},
        "attributes": {
            "mlflow.traceRequestId": json.dumps(f"tr-{OTEL_TRACE_ID}"),
            "mlflow.spanType": json.dumps(kind),
            "mlflow.spanInputs": json.dumps({"query": "long research task"}),
            "mlflow.spanOutputs": json.dumps("partial notes" if parent else "final report"),
        },
        "events": [],
    })


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--tracking-uri", required=True)
    p.add_argument("--manifest", required=True)
    p.add_argument("--finish", action="store_true")
    a = p.parse_args()
    mlflow.set_tracking_uri(a.tracking_uri)
    store = _get_store()
    if a.finish:
        with open(a.manifest) as f:
            experiment_id = json.load(f)["experiment_id"]
        store.log_spans(experiment_id, [span(ROOT_ID, None, "research_agent", "AGENT", 0, 5_000)])
        return
    experiment_id = mlflow.create_experiment("still-running")
    store.log_spans(experiment_id, [span(CHILD_ID, ROOT_ID, "web_search", "TOOL", 100, 900)])
    with open(a.manifest, "w") as f:
        json.dump({"tracking_uri": a.tracking_uri, "experiment_id": experiment_id,
                   "trace_id": f"tr-{OTEL_TRACE_ID}"}, f)


if __name__ == "__main__":
    main()
