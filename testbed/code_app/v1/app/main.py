"""Entry script: answers two questions; the first fails inside a tool."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import mlflow  # noqa: E402

from app.agent import handle_request  # noqa: E402


def main() -> None:
    mlflow.set_experiment("code-app")
    ids = {}
    try:
        handle_request("What is the weather in Atlantis?")
    except LookupError:
        pass
    ids["failing"] = mlflow.get_last_active_trace_id()
    handle_request("What is the weather in Paris?")
    ids["ok"] = mlflow.get_last_active_trace_id()
    print(json.dumps(ids))


if __name__ == "__main__":
    main()
