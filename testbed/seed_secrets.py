"""Seeds the `secrets` store: one chat turn whose trace holds credentials in the places real
applications leak them, written through the MLflow SDK like every other test trace.

- an AWS access key id and secret inside a span's exception message (and so its stack trace),
- an OpenAI key in a tool span's inputs,
- an Authorization header (Bearer) in a span attribute,
- a GitHub token in an assessment's rationale, and a Slack token in a trace tag.

The values are fakes with the real shapes; the manifest lists them under "secrets" so the tests
can check that none reaches any script's output while the raw JSON on disk keeps them all.
Registered in test/global-setup.ts with ensureStore('secrets', [], 'testbed/seed_secrets.py').
"""

from __future__ import annotations

import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from seed import BASE_NS, JUDGE, MS, build_trace, llm, raised  # noqa: E402

import mlflow  # noqa: E402
from mlflow.entities import SpanType  # noqa: E402

# Fakes with the real shapes, built here from fragments so that no file in the repository (which
# every install copies into the user's project) holds a string that secret scanners flag.
SECRETS = {
    "aws_access_key_id": "AK" + "IAZ7QX3MPL4EXAMPLE",
    "aws_secret_access_key": "q8Vt2bN7xR4kLm9Pz3Wc" + "6Yh1Jd5Fs0Ga2TuEiOp7",
    "openai_key": "sk-" + "proj-" + "T3stOnlyKey9x8c7v6b5n4m3QWERtyuiASDFghjkZXCVbnm12",
    "bearer_token": "ey" + "JhbGciOiJIUzI1NiJ9." + "ey" + "JzdWIiOiJzdXBwb3J0LWJvdCJ9.c2lnbmF0dXJlLW5vdC1yZWFs",
    "github_token": "gh" + "p_" + "T3stOnly0123456789abcdefghijABCDEFGHij",
    "slack_token": "xo" + "xb-" + "1234567890-0987654321-T3stOnlyTokenValue",
}
SESSION = "support-with-secrets"


def seed(manifest: dict) -> None:
    s = SECRETS
    question = "Why can't the bot read my S3 bucket?"
    error = raised(PermissionError(
        f"S3 GetObject denied for access key {s['aws_access_key_id']} "
        f"(secret {s['aws_secret_access_key']}): InvalidAccessKeyId"))
    spec = {
        "name": "support_bot", "type": SpanType.AGENT, "start": 0, "end": 1500, "error": error,
        "inputs": {"messages": [{"role": "user", "content": question}]},
        "children": [
            llm("plan", 10, 300, [{"role": "user", "content": question}], "call read_bucket then summarize", (50, 10)),
            {"name": "summarize_with_llm", "type": SpanType.TOOL, "start": 310, "end": 700,
             "inputs": {"endpoint": "https://api.openai.com/v1/chat/completions",
                        "note": f"call the model with {s['openai_key']} as the key"},
             "outputs": {"summary": "Bucket policy looks fine."},
             "attrs": {"http.request.header.authorization": f"Bearer {s['bearer_token']}",
                       "http.url": "https://api.openai.com/v1/chat/completions"}},
            {"name": "read_bucket", "type": SpanType.TOOL, "start": 710, "end": 1490, "error": error,
             "inputs": {"bucket": "s3://acme-support-logs/2026/", "region": "eu-west-1"}},
        ],
    }
    tid, _ = build_trace(spec, BASE_NS + 900_000 * MS,
                         metadata={"mlflow.trace.session": SESSION, "mlflow.trace.user": "erin"},
                         tags={"deploy.notify": f"slack {s['slack_token']}"})
    mlflow.log_feedback(trace_id=tid, name="correctness", value=False, source=JUDGE,
                        rationale=f"The bot pasted a token ({s['github_token']}) instead of answering.")
    manifest["traces"]["with_secrets"] = tid
    manifest["sessions"]["with_secrets"] = {"id": SESSION, "traces": [tid]}
    manifest["secrets"] = s


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tracking-uri", required=True)
    parser.add_argument("--manifest", required=True)
    parser.add_argument("--set", default="secrets")
    parser.add_argument("--artifact-root")
    args = parser.parse_args()
    mlflow.set_tracking_uri(args.tracking_uri)
    manifest: dict = {"tracking_uri": args.tracking_uri, "traces": {}, "sessions": {}}
    name = "skill-secrets"
    if mlflow.get_experiment_by_name(name) is None and args.artifact_root:
        mlflow.create_experiment(name, artifact_location=args.artifact_root)
    manifest["experiment_id"] = mlflow.set_experiment(name).experiment_id
    seed(manifest)
    mlflow.flush_trace_async_logging()
    with open(args.manifest, "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
