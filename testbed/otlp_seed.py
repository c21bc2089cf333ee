"""Send chat sessions to a running `mlflow server` over OTLP with the OpenTelemetry Python SDK.

No MLflow code writes these spans: they carry only third-party semantic conventions, exactly as an
OTel-instrumented app would send them, and MLflow's OTLP endpoint turns them into traces.

Usage: python otlp_seed.py --server http://127.0.0.1:PORT --experiment-id ID --manifest FILE
"""

from __future__ import annotations

import argparse
import json
import sys

from opentelemetry import trace
from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor
from opentelemetry.trace import Status, StatusCode

MS = 1_000_000
BASE_NS = 1_795_168_800_000 * MS + 5_000_000 * MS

GENAI_TURNS = [
    ("Which planet is largest?", "Jupiter is the largest planet.", (40, 9)),
    ("How many moons does it have?", "Jupiter has 95 known moons.", (70, 10)),
    ("And Saturn?", "Saturn has 146 known moons.", (95, 9)),
]
OPENINFERENCE_TURNS = [
    ("Recommend a sci-fi book.", "Try 'The Left Hand of Darkness'.", (30, 12)),
    ("Something shorter?", "'The Ones Who Walk Away from Omelas' is a short story.", (55, 14)),
    ("Thanks!", "Enjoy your reading!", (70, 5)),
]


def send_genai(tracer, session: str, t0: int) -> None:
    """OTel GenAI semantic conventions: gen_ai.input.messages / gen_ai.output.messages, gen_ai.usage.*."""
    history: list[dict] = []
    for n, (user, reply, (inp, out)) in enumerate(GENAI_TURNS):
        start = t0 + n * 20_000 * MS
        history.append({"role": "user", "parts": [{"type": "text", "content": user}]})
        with tracer.start_as_current_span("invoke_agent astronomy_bot", start_time=start, end_on_exit=False) as root:
            root.set_attribute("gen_ai.operation.name", "invoke_agent")
            root.set_attribute("gen_ai.agent.name", "astronomy_bot")
            root.set_attribute("session.id", session)
            root.set_attribute("user.id", "frank")
            with tracer.start_as_current_span("chat gpt-4o", start_time=start + 5 * MS, end_on_exit=False) as llm:
                llm.set_attribute("gen_ai.operation.name", "chat")
                llm.set_attribute("gen_ai.system", "openai")
                llm.set_attribute("gen_ai.request.model", "gpt-4o")
                llm.set_attribute("gen_ai.response.model", "gpt-4o-2024-08-06")
                llm.set_attribute("gen_ai.input.messages", json.dumps(history))
                llm.set_attribute("gen_ai.output.messages", json.dumps(
                    [{"role": "assistant", "parts": [{"type": "text", "content": reply}],
                      "finish_reason": "stop"}]))
                llm.set_attribute("gen_ai.usage.input_tokens", inp)
                llm.set_attribute("gen_ai.usage.output_tokens", out)
                llm.end(end_time=start + 700 * MS)
            root.end(end_time=start + 720 * MS)
        history.append({"role": "assistant", "parts": [{"type": "text", "content": reply}]})


def send_openinference(tracer, session: str, t0: int) -> None:
    """OpenInference: input.value / output.value, llm.input_messages.N.message.*, llm.token_count.*."""
    for n, (user, reply, (inp, out)) in enumerate(OPENINFERENCE_TURNS):
        start = t0 + n * 20_000 * MS
        with tracer.start_as_current_span("BookAgent.run", start_time=start, end_on_exit=False) as root:
            root.set_attribute("openinference.span.kind", "AGENT")
            root.set_attribute("session.id", session)
            root.set_attribute("input.value", user)
            root.set_attribute("input.mime_type", "text/plain")
            root.set_attribute("output.value", reply)
            with tracer.start_as_current_span("ChatCompletion", start_time=start + 3 * MS, end_on_exit=False) as llm:
                llm.set_attribute("openinference.span.kind", "LLM")
                llm.set_attribute("llm.model_name", "claude-sonnet-4")
                llm.set_attribute("llm.provider", "anthropic")
                llm.set_attribute("llm.input_messages.0.message.role", "system")
                llm.set_attribute("llm.input_messages.0.message.content", "You recommend books.")
                llm.set_attribute("llm.input_messages.1.message.role", "user")
                llm.set_attribute("llm.input_messages.1.message.content", user)
                llm.set_attribute("llm.output_messages.0.message.role", "assistant")
                llm.set_attribute("llm.output_messages.0.message.content", reply)
                llm.set_attribute("llm.token_count.prompt", inp)
                llm.set_attribute("llm.token_count.completion", out)
                llm.set_attribute("llm.token_count.total", inp + out)
                llm.end(end_time=start + 500 * MS)
            if n == 2:
                # An UNSET child is normal in OTel: it must not count as an error.
                with tracer.start_as_current_span("log_feedback", start_time=start + 505 * MS,
                                                  end_on_exit=False) as unset:
                    unset.end(end_time=start + 510 * MS)
            root.set_status(Status(StatusCode.OK))
            root.end(end_time=start + 520 * MS)


def send_openllmetry(tracer, t0: int) -> None:
    """OpenLLMetry (Traceloop): traceloop.entity.input/output, llm.usage.*, gen_ai.prompt.N.*."""
    with tracer.start_as_current_span("summarize.workflow", start_time=t0, end_on_exit=False) as root:
        root.set_attribute("traceloop.span.kind", "workflow")
        root.set_attribute("traceloop.entity.name", "summarize")
        root.set_attribute("traceloop.entity.input", json.dumps({"inputs": {"text": "MLflow is an open source platform."}}))
        root.set_attribute("traceloop.entity.output", json.dumps({"outputs": "MLflow: open-source ML platform."}))
        with tracer.start_as_current_span("openai.chat", start_time=t0 + 2 * MS, end_on_exit=False) as llm:
            llm.set_attribute("llm.request.type", "chat")
            llm.set_attribute("gen_ai.system", "OpenAI")
            llm.set_attribute("gen_ai.request.model", "gpt-4o-mini")
            llm.set_attribute("gen_ai.prompt.0.role", "user")
            llm.set_attribute("gen_ai.prompt.0.content", "Summarize: MLflow is an open source platform.")
            llm.set_attribute("gen_ai.completion.0.role", "assistant")
            llm.set_attribute("gen_ai.completion.0.content", "MLflow: open-source ML platform.")
            llm.set_attribute("llm.usage.prompt_tokens", 21)
            llm.set_attribute("llm.usage.completion_tokens", 8)
            llm.set_attribute("llm.usage.total_tokens", 29)
            llm.end(end_time=t0 + 400 * MS)
        root.end(end_time=t0 + 410 * MS)


def wait_until_searchable(server: str, experiment_id: str, timeout_s: float = 60) -> None:
    """The server finishes trace metadata (the session id) after the OTLP request returns."""
    import time

    from mlflow import MlflowClient

    client = MlflowClient(tracking_uri=server)
    wanted = {"otel-genai-session": len(GENAI_TURNS), "openinference-session": len(OPENINFERENCE_TURNS)}
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        done = all(
            len(client.search_traces(locations=[experiment_id], max_results=50, include_spans=False,
                                     filter_string=f"metadata.`mlflow.trace.session` = '{sid}'")) >= n
            for sid, n in wanted.items()
        )
        if done:
            return
        time.sleep(0.5)
    raise SystemExit("OTLP sessions did not become searchable in time")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", required=True)
    parser.add_argument("--experiment-id", required=True)
    parser.add_argument("--manifest", required=True)
    args = parser.parse_args()

    exporter = OTLPSpanExporter(endpoint=f"{args.server}/v1/traces",
                                headers={"x-mlflow-experiment-id": args.experiment_id})
    provider = TracerProvider(resource=Resource.create({"service.name": "otel-chat-app"}))
    provider.add_span_processor(BatchSpanProcessor(exporter))
    tracer = provider.get_tracer("testbed")

    send_genai(tracer, "otel-genai-session", BASE_NS)
    send_openinference(tracer, "openinference-session", BASE_NS + 300_000 * MS)
    send_openllmetry(tracer, BASE_NS + 600_000 * MS)
    provider.shutdown()
    wait_until_searchable(args.server, args.experiment_id)

    with open(args.manifest, encoding="utf-8") as fh:
        manifest = json.load(fh)
    manifest["sessions"]["otel_genai"] = {"id": "otel-genai-session", "turns": len(GENAI_TURNS)}
    manifest["sessions"]["openinference"] = {"id": "openinference-session", "turns": len(OPENINFERENCE_TURNS)}
    with open(args.manifest, "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, indent=2, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
