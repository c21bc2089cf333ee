"""Fill the `frameworks` store: traces recorded by MLflow's own autologging of DSPy and Pydantic AI.

Runs in its own venv (.venv-frameworks, testbed/requirements-frameworks.txt): the same mlflow as
the shared one, plus the two frameworks. No network: DSPy answers from `dspy.utils.DummyLM`
(scripted replies, formatted by its ChatAdapter), Pydantic AI from its `TestModel`.

  DSPy, a ReAct agent of a plant nursery's order desk (tools: `get_order`, `check_stock`):
    1. dspy_tool_fails: `get_order` raises; DSPy hands the error to the next prompt as an
       observation, and the answer claims the order shipped anyway;
    2. dspy_wrong_argument: the user asks about ORD-38154, the model calls `get_order` with
       ORD-31854 (two digits swapped) and describes another customer's order;
    3. dspy_clean: one `check_stock` call, an answer that follows from it.
  Pydantic AI, a weather agent (tool: `get_forecast`):
    4. pydantic_clean: one tool call, a reply;
    5. pydantic_tool_error: the tool raises ModelRetry (the station is offline) on its first call;
       the model calls it again and answers.
  TestModel calls every tool with arguments made from its schema (a string is "a"): those are
  its own, not the conversation's. Each framework runs once traced first, that trace deleted, so
  that no trace kept holds the seconds of first-call imports (the framework's, the autologger's) as a gap.

Usage: python seed_frameworks.py --tracking-uri URI --manifest FILE [--set frameworks] [--artifact-root URI]
The manifest (JSON, the shape seed.py writes) maps scenario names to trace ids, and `facts` to the
span names and values the tests look for.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import sys
import warnings

# Traces must be in the store before the seeder reads their ids back.
os.environ["MLFLOW_ENABLE_ASYNC_TRACE_LOGGING"] = "false"
# litellm (imported by DSPy) must not fetch its model price list from the network.
os.environ["LITELLM_LOCAL_MODEL_COST_MAP"] = "True"
os.environ.setdefault("DSPY_CACHEDIR", os.path.join(os.getcwd(), ".dspy-cache"))

warnings.filterwarnings("ignore")
# Its autologging says once that MCP toolsets are not traced without fastmcp: none are used here.
logging.getLogger("mlflow.pydantic_ai").setLevel(logging.ERROR)

import dspy  # noqa: E402
import mlflow  # noqa: E402
from dspy.utils import DummyLM  # noqa: E402
from pydantic_ai import Agent, ModelRetry  # noqa: E402
from pydantic_ai.models.test import TestModel  # noqa: E402

ORDERS = {
    "ORD-40721": {"order_id": "ORD-40721", "customer": "Hannah Okafor", "items": ["fig tree (3 l pot)"], "status": "packed"},
    "ORD-38154": {"order_id": "ORD-38154", "customer": "Tomás Lindqvist", "items": ["2 × lavender"], "status": "in transit"},
    "ORD-31854": {"order_id": "ORD-31854", "customer": "Mei Suzuki", "items": ["olive tree (10 l pot)"], "status": "delivered",
                  "delivered_to": "14 Harbour Lane"},
}
STOCK = {"SKU-2207": {"sku": "SKU-2207", "name": "blue hydrangea", "in_stock": 12}}


class InventoryTimeout(RuntimeError):
    pass


FAIL_GET_ORDER = {"on": False}


def get_order(order_id: str) -> dict:
    """Look up a customer's order by its id (ORD-nnnnn)."""
    if FAIL_GET_ORDER["on"]:
        raise InventoryTimeout("order service did not answer within 5 s (upstream 504)")
    if order_id not in ORDERS:
        raise KeyError(f"no order {order_id}")
    return ORDERS[order_id]


def check_stock(sku: str) -> dict:
    """How many of a product (SKU-nnnn) the nursery has in stock."""
    return STOCK[sku]


def react_run(question: str, steps: list[dict], answer: dict) -> str:
    """One ReAct run: DummyLM answers each step, then the extractor's reasoning and answer."""
    lm = DummyLM([*steps, answer])
    agent = dspy.ReAct("question -> answer", tools=[get_order, check_stock], max_iters=4)
    with dspy.context(lm=lm):
        agent(question=question)
    return mlflow.get_last_active_trace_id()


def warm_up(run) -> None:  # noqa: ANN001
    """One traced run whose trace is deleted: first-call imports happen there."""
    tid = run()
    mlflow.MlflowClient().delete_traces(experiment_id=mlflow.get_trace(tid).info.experiment_id, trace_ids=[tid])


def seed_dspy(manifest: dict) -> None:
    mlflow.dspy.autolog()
    warm_up(lambda: react_run("warm-up", [{"next_thought": "-", "next_tool_name": "check_stock", "next_tool_args": {"sku": "SKU-2207"}},
                                          {"next_thought": "-", "next_tool_name": "finish", "next_tool_args": {}}],
                              {"reasoning": "-", "answer": "-"}))
    finish = {"next_thought": "I have what I need.", "next_tool_name": "finish", "next_tool_args": {}}

    q1 = "Has my order ORD-40721 shipped yet?"
    FAIL_GET_ORDER["on"] = True
    tid = react_run(q1, [
        {"next_thought": "I should look the order up.", "next_tool_name": "get_order", "next_tool_args": {"order_id": "ORD-40721"}},
        finish,
    ], {"reasoning": "The order was looked up.", "answer": "Good news: order ORD-40721 shipped yesterday and arrives on Thursday."})
    FAIL_GET_ORDER["on"] = False
    manifest["traces"]["dspy_tool_fails"] = tid
    manifest["facts"]["dspy_tool_fails"] = {"tool": "get_order", "order_id": "ORD-40721", "error": "InventoryTimeout"}

    q2 = "Where is my order ORD-38154? I ordered two lavenders."
    tid = react_run(q2, [
        {"next_thought": "Look up the order.", "next_tool_name": "get_order", "next_tool_args": {"order_id": "ORD-31854"}},
        finish,
    ], {"reasoning": "The order record says delivered.",
        "answer": "Your order ORD-31854 (olive tree, 10 l pot) was delivered to 14 Harbour Lane, Mei."})
    manifest["traces"]["dspy_wrong_argument"] = tid
    manifest["facts"]["dspy_wrong_argument"] = {"tool": "get_order", "asked": "ORD-38154", "called_with": "ORD-31854"}

    q3 = "Do you have the blue hydrangea SKU-2207 in stock?"
    tid = react_run(q3, [
        {"next_thought": "Check the stock.", "next_tool_name": "check_stock", "next_tool_args": {"sku": "SKU-2207"}},
        finish,
    ], {"reasoning": "The stock record says 12.", "answer": "Yes: we have 12 blue hydrangeas (SKU-2207) in stock."})
    manifest["traces"]["dspy_clean"] = tid
    manifest["facts"]["dspy_clean"] = {"tool": "check_stock", "sku": "SKU-2207"}
    mlflow.dspy.autolog(disable=True)


STATION_CALLS = {"n": 0}


STATION_OFFLINE = {"on": False}


def get_forecast(city: str) -> str:
    """Tomorrow's forecast for a city."""
    STATION_CALLS["n"] += 1
    if STATION_OFFLINE["on"] and STATION_CALLS["n"] == 1:
        raise ModelRetry("weather station BGO-3 is offline; try again")
    return f"{city}: 11 °C, light rain, wind 6 m/s"


def pydantic_run(question: str, reply: str) -> str:
    agent = Agent(TestModel(custom_output_text=reply), name="weather_agent",
                  instructions="You answer questions about tomorrow's weather. Use get_forecast.")
    agent.tool_plain(retries=2)(get_forecast)
    asyncio.run(agent.run(question))
    return mlflow.get_last_active_trace_id()


def seed_pydantic_ai(manifest: dict) -> None:
    mlflow.pydantic_ai.autolog()
    warm_up(lambda: pydantic_run("warm-up", "warm-up"))
    tid = pydantic_run("What will the weather be in Oslo tomorrow?", "Tomorrow in Oslo: 11 °C with light rain.")
    manifest["traces"]["pydantic_clean"] = tid
    manifest["facts"]["pydantic_clean"] = {"tool": "get_forecast", "model": "test"}
    STATION_CALLS["n"], STATION_OFFLINE["on"] = 0, True
    tid = pydantic_run("Will it rain in Bergen tomorrow?", "Yes, light rain in Bergen tomorrow, 11 °C.")
    STATION_OFFLINE["on"] = False
    manifest["traces"]["pydantic_tool_error"] = tid
    manifest["facts"]["pydantic_tool_error"] = {"tool": "get_forecast", "error": "ModelRetry", "retry": "weather station BGO-3 is offline"}
    mlflow.pydantic_ai.autolog(disable=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tracking-uri", required=True)
    parser.add_argument("--manifest", required=True)
    parser.add_argument("--set", default="frameworks", choices=["frameworks"])
    parser.add_argument("--artifact-root", help="where the experiment's artifacts would live")
    args = parser.parse_args()

    mlflow.set_tracking_uri(args.tracking_uri)
    manifest: dict = {"tracking_uri": args.tracking_uri, "traces": {}, "sessions": {}, "facts": {}}
    name = "skill-frameworks"
    # An explicit artifact location keeps MLflow from creating ./mlruns in the working directory.
    if mlflow.get_experiment_by_name(name) is None and args.artifact_root:
        mlflow.create_experiment(name, artifact_location=args.artifact_root)
    manifest["experiment_id"] = mlflow.set_experiment(name).experiment_id

    seed_dspy(manifest)
    seed_pydantic_ai(manifest)
    mlflow.flush_trace_async_logging()

    with open(args.manifest, "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, indent=2, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
