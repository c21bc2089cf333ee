"""Fill a tracking store with a cost rise behind a canary, and a rollback (issue 28).

Everything goes through the tracking store's batch span ingest (as OTLP arrives), with fixed times,
so the store computes `mlflow.llm.cost` itself where it knows the model's price. Two experiments:

- "<app>-prod" (costs recorded by MLflow at ingest): one trace every 10 min for 3 days from
  2026-10-05 00:00 UTC. Spans: classify (CHAT_MODEL, gpt-4o-mini, unchanged), fetch_records
  (RETRIEVER, top_k 5), draft (CHAT_MODEL). tag app_version: 2.7.0 until hour 30; from hour 30 to
  hour 46 a canary runs 2.8.0 on every 5th trace; from hour 46 on every trace is 2.8.0. In 2.8.0
  draft's model went gpt-4o-mini -> gpt-4o and its input tokens tripled (the whole history is sent:
  1,200 -> 3,600 + a little). tag region eu/us alternates (no switch).
- "<app>-eu" (costs not recorded: `mlflow.llm.cost` is empty on every span, as a client that computes none sends it, so prices come from the
  skill's table): 2.7.0 for the first day, 2.8.0 (the same change) on the second, rolled back to
  2.7.0 on the third. The classify span's model there is "acme-triage-7b" (a model no price table
  knows: said so, never priced).

--domain trial names everything differently (a recipe planner) for agent trials no test has seen.
Usage: python seed_costs.py --tracking-uri URI --manifest FILE [--domain claims|trial]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import warnings

os.environ.setdefault("MLFLOW_ENABLE_ASYNC_TRACE_LOGGING", "false")
warnings.filterwarnings("ignore")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import mlflow  # noqa: E402
from mlflow.entities import SpanType  # noqa: E402

from batch_writer import BatchWriter  # noqa: E402

START_MS = 1_791_158_400_000  # 2026-10-05T00:00:00Z
STEP_MS = 600_000
HOUR = 3_600_000
MS = 1_000_000
random.seed(28)

DOMAINS = {
    "claims": {"app": "claims_assistant", "exp": "claims-assistant", "classify": "classify_claim", "fetch": "fetch_policy_records",
               "draft": "draft_decision", "ask": "Is water damage from a burst pipe in unit {n} covered?"},
    "trial": {"app": "recipe_planner", "exp": "recipe-planner", "classify": "detect_diet", "fetch": "search_pantry",
              "draft": "plan_week_menu", "ask": "Plan five dinners for household {n} without nuts"},
}


def trace_spec(d: dict, n: int, new: bool, *, classify_model: str, cost_recorded: bool) -> dict:
    ask = d["ask"].format(n=n)
    draft_model = "gpt-4o" if new else "gpt-4o-mini"
    draft_in = (3600 if new else 1200) + n % 50
    draft_out = 220 + n % 30
    cls_in, cls_out = 300 + n % 20, 12
    null_cost = {} if cost_recorded else {"mlflow.llm.cost": {}}  # an empty cost: MLflow computes none (a null one crashes its ingest)

    def model_span(name: str, model: str, tin: int, tout: int, start: int, end: int, system: str) -> dict:
        return {"name": name, "type": SpanType.CHAT_MODEL, "start": start, "end": end,
                "inputs": {"model": model, "temperature": 0.1, "max_tokens": 512,
                           "messages": [{"role": "system", "content": system}, {"role": "user", "content": ask}]},
                "outputs": {"choices": [{"index": 0, "message": {"role": "assistant", "content": "ok"}, "finish_reason": "stop"}]},
                "attrs": {"mlflow.chat.tokenUsage": {"input_tokens": tin, "output_tokens": tout, "total_tokens": tin + tout},
                          "mlflow.llm.model": model, "mlflow.message.format": "openai", **null_cost}}

    classify = model_span(d["classify"], classify_model, cls_in, cls_out, 2, 300, "Classify the request.")
    fetch = {"name": d["fetch"], "type": SpanType.RETRIEVER, "start": 302, "end": 420, "inputs": {"query": ask, "top_k": 5},
             "outputs": [{"page_content": f"record {k}", "metadata": {"doc_uri": f"db://records/{k}"}} for k in range(5)]}
    draft = model_span(d["draft"], draft_model, draft_in, draft_out, 422, 1_400 + (600 if new else 0), "Draft the answer.")
    return {"name": d["app"], "type": SpanType.AGENT, "start": 0, "end": draft["end"] + 5, "inputs": {"question": ask},
            "outputs": {"answer": "ok"}, "children": [classify, fetch, draft]}


def seed_experiment(d: dict, name: str, version_of, *, classify_model: str, cost_recorded: bool, count: int) -> dict:
    exp = mlflow.get_experiment_by_name(name)
    exp_id = exp.experiment_id if exp else mlflow.create_experiment(name)
    writer = BatchWriter(exp_id)
    out: dict = {"experiment_id": exp_id, "traces": {}, "versions": {}, "last_before": {}, "first_after": {}}
    for n in range(count):
        t = START_MS + n * STEP_MS
        version = version_of(n, t)
        new = version == "2.8.0"
        tid = writer.add(trace_spec(d, n, new, classify_model=classify_model, cost_recorded=cost_recorded), t * MS,
                         tags={"app_version": version, "region": "eu" if n % 2 else "us", "mlflow.traceName": d["app"]},
                         metadata={"mlflow.trace.user": f"user-{n % 7}"})
        out["versions"][version] = out["versions"].get(version, 0) + 1
        out["traces"].setdefault(f"first_{version}", tid)
        out["traces"][f"last_{version}"] = tid
    writer.flush()
    return out


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--tracking-uri", required=True)
    p.add_argument("--manifest", required=True)
    p.add_argument("--set", default="costs")
    p.add_argument("--domain", default="claims", choices=sorted(DOMAINS))
    p.add_argument("--artifact-root")
    p.add_argument("--count", type=int, default=432)
    a = p.parse_args()
    mlflow.set_tracking_uri(a.tracking_uri)
    d = DOMAINS[a.domain]
    canary_from, takeover = START_MS + 30 * HOUR, START_MS + 46 * HOUR

    def prod_version(n: int, t: int) -> str:
        if t >= takeover:
            return "2.8.0"
        return "2.8.0" if t >= canary_from and n % 5 == 4 else "2.7.0"

    def eu_version(n: int, t: int) -> str:
        return "2.8.0" if START_MS + 24 * HOUR <= t < START_MS + 48 * HOUR else "2.7.0"

    prod = seed_experiment(d, f"{d['exp']}-prod", prod_version, classify_model="gpt-4o-mini", cost_recorded=True, count=a.count)
    eu = seed_experiment(d, f"{d['exp']}-eu", eu_version, classify_model="acme-triage-7b", cost_recorded=False, count=a.count // 2 * 2)
    canary = [n for n in range(a.count) if START_MS + 30 * HOUR <= START_MS + n * STEP_MS < START_MS + 46 * HOUR and n % 5 == 4]
    manifest = {"tracking_uri": a.tracking_uri, "experiment_id": prod["experiment_id"], "eu_experiment_id": eu["experiment_id"],
                "domain": a.domain, "names": d, "prod": prod, "eu": eu,
                "canary": {"first_ms": START_MS + canary[0] * STEP_MS, "traces": len(canary), "takeover_ms": takeover},
                "traces": {**prod["traces"]}, "sessions": {}}
    with open(a.manifest, "w") as f:
        json.dump(manifest, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
