"""Fill the `provenance` store: answers whose values do not follow from their evidence.

Each trace is one agent turn written with the MLflow SDK's span API (a virtual clock, no network):
  1. arg_swap      a freight desk calls `track_shipment` with SH-79304; the user wrote SH-73904
                   (two digits swapped); the tool answers with another consignee's shipment;
  2. ok_failure    a permit office's `renew_permit` ends OK with {"ok": false, "error": …}; the
                   next model call is not handed it and the reply says the permit is renewed;
  3. contradiction a conference helper says a workshop seats 50 attendees; the page it was given says 35;
  4. disagree      a vet clinic's two vaccine pages say 12 and 16 weeks; the reranker put the old
                   one first and only it reached the prompt;
  5. loop          a home-insurance agent calls `lookup_claim_rules` 7 times with the same
                   arguments and results, then stops on max_iterations;
  6. clean         the freight desk again, the id copied right (no finding).
With `--set provenance-trials`, two more scenarios for agent trials (a store no test uses).

Usage: python seed_provenance.py --tracking-uri URI --manifest FILE [--set provenance|provenance-trials] [--artifact-root URI]
"""

from __future__ import annotations

import argparse
import json
import os
import warnings

os.environ["MLFLOW_ENABLE_ASYNC_TRACE_LOGGING"] = "false"
warnings.filterwarnings("ignore")

import mlflow  # noqa: E402
from mlflow.entities import SpanType  # noqa: E402

MS = 1_000_000
# 2026-11-23T09:00:00Z: a day after the dataflow store.
BASE_NS = 1_795_424_400_000 * MS


def span_tree(node: dict, parent, t0_ns: int) -> object:
    """One span and its children (times in ms from t0), with the SDK's span API."""
    span = mlflow.start_span_no_context(
        name=node["name"], span_type=node.get("type", SpanType.UNKNOWN), parent_span=parent,
        inputs=node.get("inputs"), attributes=node.get("attrs"), start_time_ns=t0_ns + int(node["start"] * MS))
    for child in node.get("children", ()):
        span_tree(child, span, t0_ns)
    span.end(outputs=node.get("outputs"), status=node.get("status"), end_time_ns=t0_ns + int(node["end"] * MS))
    return span


def usage(inp: int) -> dict:
    return {"mlflow.chat.tokenUsage": {"input_tokens": inp, "output_tokens": 24, "total_tokens": inp + 24}}


def agent(name: str, system: str, user: str, reply: str, tools: list[dict], docs: list[dict] | None = None,
          in_prompt: list[str] | None = None, root_output=None, reranked: list[tuple[str, float]] | None = None) -> dict:
    """One agent turn: [retriever (+ reranker)] → (model → tool)* → model, as a span spec."""
    t = 0
    children = []
    docs = docs or []
    if docs:
        children.append({"name": "search_pages", "type": SpanType.RETRIEVER, "start": t, "end": t + 120,
                         "inputs": {"query": user, "top_k": len(docs)},
                         "outputs": [{"page_content": d["text"], "metadata": {"doc_uri": d["id"]}, "id": d["id"]} for d in docs]})
        t += 130
    if reranked:
        by_id = {d["id"]: d for d in docs}
        children.append({"name": "rerank_pages", "type": SpanType.RERANKER, "start": t, "end": t + 80,
                         "inputs": {"query": user, "top_n": len(in_prompt or [])},
                         "outputs": [{"page_content": by_id[i]["text"], "metadata": {"doc_uri": i}, "id": i, "score": s} for i, s in reranked]})
        t += 90
    given = [d["text"] for d in docs if in_prompt is None or d["id"] in in_prompt]
    messages = [{"role": "system", "content": "\n\n".join([system, *given])}, {"role": "user", "content": user}]
    for i, step in enumerate(tools):
        call = {"id": f"call_{i}", "type": "function", "function": {"name": step["name"], "arguments": json.dumps(step["args"])}}
        children.append({"name": "plan", "type": SpanType.CHAT_MODEL, "start": t, "end": t + 400, "inputs": {"messages": list(messages), "model": "gpt-4o-mini"},
                         "outputs": {"choices": [{"message": {"role": "assistant", "content": None, "tool_calls": [call]}, "finish_reason": "tool_calls"}]},
                         "attrs": usage(300 + 40 * i)})
        t += 410
        children.append({"name": step["name"], "type": SpanType.TOOL, "start": t, "end": t + step.get("ms", 150), "inputs": step["args"], "outputs": step["result"]})
        t += step.get("ms", 150) + 10
        messages.append({"role": "assistant", "content": None, "tool_calls": [call]})
        if step.get("handed", True):
            messages.append({"role": "tool", "tool_call_id": f"call_{i}", "content": json.dumps(step["result"])})
    children.append({"name": "answer", "type": SpanType.CHAT_MODEL, "start": t, "end": t + 600, "inputs": {"messages": list(messages), "model": "gpt-4o-mini"},
                     "outputs": {"choices": [{"message": {"role": "assistant", "content": reply}, "finish_reason": "stop"}]}, "attrs": usage(420)})
    t += 610
    return {"name": name, "type": SpanType.AGENT, "start": 0, "end": t,
            "inputs": {"messages": [{"role": "user", "content": user}]}, "outputs": root_output if root_output is not None else reply,
            "children": children}


FREIGHT = "You are the freight desk of Nordlys Cargo. Use the tools; never guess a shipment."


def scenarios() -> dict[str, dict]:
    return {
        "arg_swap": agent("freight_desk", FREIGHT, "Where is my shipment SH-73904? It should have left Bergen on Monday.",
                          "Your shipment was delivered on Tuesday to Halvorsen Marine AS in Tromsø.",
                          [{"name": "track_shipment", "args": {"shipment_id": "SH-79304"},
                            "result": {"shipment_id": "SH-79304", "consignee": "Halvorsen Marine AS", "status": "delivered", "city": "Tromsø"}}]),
        "ok_failure": agent("permit_office", "You help residents of Eastvale with parking permits.",
                            "Please renew my residents' parking permit PP-40211 for another year.",
                            "Done! Your parking permit PP-40211 has been renewed for another year.",
                            [{"name": "renew_permit", "args": {"permit": "PP-40211", "years": 1},
                              "result": {"ok": False, "error": "PERMIT_EXPIRED: permits expired over 30 days ago must be re-applied for"}, "handed": False}]),
        "contradiction": agent("conference_helper", "You answer questions about DevHarbor 2027 from its pages.",
                               "How many people can join the Rust workshop?",
                               "The Rust workshop seats 50 attendees, so register early.", [],
                               docs=[{"id": "site://devharbor/workshops.md", "text": "Workshops run on day two. Each workshop seats 35 attendees and lasts three hours."}]),
        "disagree": agent("vet_clinic", "You answer pet owners' questions from the clinic's pages.",
                          "When should my puppy get the rabies shot?",
                          "Puppies get the first rabies shot at 16 weeks of age.", [],
                          docs=[{"id": "pages/vaccines-2027.md", "text": "Puppies get the first rabies shot at 12 weeks of age, then a booster after one year."},
                                {"id": "pages/archive/vaccines-2019.md", "text": "Puppies get the first rabies shot at 16 weeks of age, then a booster after one year."}],
                          in_prompt=["pages/archive/vaccines-2019.md"],
                          reranked=[("pages/archive/vaccines-2019.md", 0.82), ("pages/vaccines-2027.md", 0.41)]),
        "loop": agent("claims_agent", "You help home-insurance customers with claims.",
                      "Is water damage from a burst pipe covered on my policy?",
                      "Agent stopped due to max_iterations.",
                      [{"name": "lookup_claim_rules", "args": {"peril": "burst pipe"}, "result": {"rules": []}, "ms": 300}] * 7,
                      root_output={"output": "Agent stopped due to max_iterations.", "stopped": "max_iterations"}),
        "clean": agent("freight_desk", FREIGHT, "Where is my shipment SH-73904?",
                       "Shipment SH-73904 left Bergen on Monday and is due in Oslo on Thursday.",
                       [{"name": "track_shipment", "args": {"shipment_id": "SH-73904"},
                         "result": {"shipment_id": "SH-73904", "status": "in transit", "from": "Bergen", "to": "Oslo"}}]),
    }


def trial_scenarios() -> dict[str, dict]:
    """For agent trials: neither is used by a test."""
    return {
        "pharmacy": agent("pharmacy_bot", "You are the Linden Pharmacy assistant.",
                          "Can you check the status of my refill order RF-60418?",
                          "Your refill of metformin 500 mg is ready for pickup at the Harbour Street branch.",
                          [{"name": "get_refill", "args": {"order_id": "RF-60481"},
                            "result": {"order_id": "RF-60481", "patient_name": "Oskar Brandt", "drug": "metformin 500 mg", "status": "ready", "branch": "Harbour Street"}}]),
        "gym": agent("gym_desk", "You help members of PulseFit gyms.",
                     "Please freeze my membership GM-22907 for January.",
                     "All set! Your membership GM-22907 is frozen for January.",
                     [{"name": "lookup_member", "args": {"member_id": "GM-22907"}, "result": {"member_id": "GM-22907", "plan": "flex"}},
                      {"name": "freeze_membership", "args": {"member_id": "GM-22907", "month": "January"},
                       "result": {"status": "failed", "error": {"code": "NOTICE_PERIOD", "message": "freezes need 14 days' notice"}}, "handed": False}]),
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tracking-uri", required=True)
    parser.add_argument("--manifest", required=True)
    parser.add_argument("--set", default="provenance", choices=["provenance", "provenance-trials"])
    parser.add_argument("--artifact-root")
    args = parser.parse_args()
    mlflow.set_tracking_uri(args.tracking_uri)
    name = "provenance" if args.set == "provenance" else "provenance-trials"
    if mlflow.get_experiment_by_name(name) is None and args.artifact_root:
        mlflow.create_experiment(name, artifact_location=args.artifact_root)
    manifest: dict = {"tracking_uri": args.tracking_uri, "experiment_id": mlflow.set_experiment(name).experiment_id, "traces": {}}
    specs = scenarios() if args.set == "provenance" else trial_scenarios()
    for i, (key, spec) in enumerate(specs.items()):
        root = span_tree(spec, None, BASE_NS + i * 60_000 * MS)
        manifest["traces"][key] = root.trace_id
    mlflow.flush_trace_async_logging()
    with open(args.manifest, "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, indent=2, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
