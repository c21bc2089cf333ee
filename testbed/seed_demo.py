"""Fill the `demo` store with MLflow's own demo data (`mlflow demo`'s generators, no network).

The traces, evaluation runs, judges' assessments, issues and prompts that `mlflow demo` shows a new
user: data we did not write, so the findings snapshot says what the skill finds on them.

Usage: python seed_demo.py --tracking-uri URI --manifest FILE [--set demo] [--artifact-root URI]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import sys
import warnings

os.environ["MLFLOW_ENABLE_ASYNC_TRACE_LOGGING"] = "false"
warnings.filterwarnings("ignore")
logging.disable(logging.INFO)

import mlflow  # noqa: E402
from mlflow.demo import generate_all_demos  # noqa: E402
from mlflow.demo.base import DEMO_EXPERIMENT_NAME  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tracking-uri", required=True)
    parser.add_argument("--manifest", required=True)
    parser.add_argument("--set", default="demo", choices=["demo"])
    parser.add_argument("--artifact-root")
    args = parser.parse_args()
    mlflow.set_tracking_uri(args.tracking_uri)
    # Created first so its artifacts live in the store's folder (the generators reuse it by name).
    if mlflow.get_experiment_by_name(DEMO_EXPERIMENT_NAME) is None and args.artifact_root:
        mlflow.create_experiment(DEMO_EXPERIMENT_NAME, artifact_location=args.artifact_root)
    # The traces generator draws documents' scores from the global random: seeded, though the
    # judges' verdicts still vary between seedings (the findings snapshot leaves them out).
    random.seed(20261207)
    results = generate_all_demos()
    mlflow.flush_trace_async_logging()
    experiment = mlflow.get_experiment_by_name(DEMO_EXPERIMENT_NAME)
    manifest = {
        "tracking_uri": args.tracking_uri,
        "experiment_id": experiment.experiment_id,
        "experiment_name": DEMO_EXPERIMENT_NAME,
        "features": sorted(str(r.feature.value) for r in results),
    }
    with open(args.manifest, "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, indent=2, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
