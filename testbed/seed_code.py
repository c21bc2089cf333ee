"""Seed the `code` test bed: a small application in its own git repository, traced at one commit
and changed afterwards, for locate_code.

1. Copies testbed/code_app/v1 into ./app (the working directory is the store being built),
   `git init`, commit 1.
2. Runs app/main.py as a user would (`python app/main.py` from the repo root) under the real MLflow
   SDK and a sqlite store, so each trace carries mlflow.source.name / .git.commit / .git.branch,
   and exception stack traces hold this machine's absolute paths of ./app — which no longer
   exist once setup.mjs renames the store into place (a traceback from "another checkout").
3. Overlays testbed/code_app/v2 (lines move, a helper is added) and commits (commit 2).

`fakechain` (testbed/code_app/framework) stands in for a framework with autologging: it sits
outside the repository and opens a span named ChatOpenAI with no function name.

Usage: python seed_code.py --set code --tracking-uri URI --manifest FILE [--artifact-root URI]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
TEMPLATE = os.path.join(HERE, "code_app")


def git(repo: str, *args: str) -> str:
    # A local identity: CI runs as root with no global git config.
    env = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_DATE": "2026-11-20T10:00:00Z",
           "GIT_COMMITTER_DATE": "2026-11-20T10:00:00Z"}
    out = subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True, text=True, env=env)
    return out.stdout.strip()


def commit_all(repo: str, message: str) -> str:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tracking-uri", required=True)
    parser.add_argument("--manifest", required=True)
    parser.add_argument("--set", default="code")
    parser.add_argument("--artifact-root")
    parser.add_argument("--template-hash", help="only part of setup.mjs's stamp")
    args = parser.parse_args()

    repo = os.path.abspath("app")
    shutil.rmtree(repo, ignore_errors=True)
    shutil.copytree(os.path.join(TEMPLATE, "v1"), repo)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.name", "Test Bed")
    git(repo, "config", "user.email", "testbed@example.com")
    git(repo, "config", "commit.gpgsign", "false")
    commit1 = commit_all(repo, "Weather assistant")

    import mlflow  # the venv's; imported late so --help works without it

    mlflow.set_tracking_uri(args.tracking_uri)
    if args.artifact_root and mlflow.get_experiment_by_name("code-app") is None:
        mlflow.create_experiment("code-app", artifact_location=args.artifact_root)
    experiment_id = mlflow.set_experiment("code-app").experiment_id

    env = {**os.environ, "MLFLOW_TRACKING_URI": args.tracking_uri,
           "MLFLOW_ENABLE_ASYNC_TRACE_LOGGING": "false",
           "PYTHONPATH": os.path.join(TEMPLATE, "framework"), "PYTHONDONTWRITEBYTECODE": "1"}
    ran = subprocess.run([sys.executable, "app/main.py"], cwd=repo, env=env, check=True,
                         capture_output=True, text=True)
    traces = json.loads(ran.stdout.strip().splitlines()[-1])

    # Commit 2: the code moves on after the trace.
    shutil.copytree(os.path.join(TEMPLATE, "v2"), repo, dirs_exist_ok=True)
    commit2 = commit_all(repo, "Normalise city names before the lookup")
    # Ignored files a walk must skip (they hold decoy definitions).
    for ignored in ("build/stale.py", "node_modules/lib/index.js", ".venv/lib/site.py"):
        path = os.path.join(repo, ignored)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as fh:
            fh.write("def get_weather(city):\n    pass\ndef plan(self, q):\n    pass\nfunction fetchForecast() {}\n")

    manifest = {
        "tracking_uri": args.tracking_uri,
        "experiment_id": experiment_id,
        "traces": traces,
        "sessions": {},
        "repo": "app",
        "commits": {"traced": commit1, "head": commit2},
    }
    with open(args.manifest, "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
