"""Several seeders in one Python: mlflow imported once, each seeder a fork of this process.

Every seeder spends ~5 s of CPU importing mlflow and its SQL store before it writes a trace, and
the test bed has a dozen. setup.mjs hands this driver the seeders of one venv as JSON lines on
stdin (`{"id", "script", "argv", "cwd"}`); each runs as `python SCRIPT ARGV...` would, in a fresh
fork (its own process: nothing is shared between seeders), at most LANES at a time. A line
`{"id", "code"}` on stdout reports each exit; the seeders' own output goes to stderr.

    python seed_forked.py LANES < jobs.jsonl
"""

import json
import os
import runpy
import sys
import traceback


def warm() -> None:
    # What every seeder imports: the SDK, its tracing and the SQL store it writes through.
    import mlflow  # noqa: F401
    import mlflow.store.tracking.sqlalchemy_store  # noqa: F401
    import mlflow.tracing.fluent  # noqa: F401


def run_seeder(job: dict) -> int:
    """In the forked child: become `python SCRIPT ARGV...` in CWD and return its exit code."""
    os.dup2(2, 1)  # stdout carries the driver's report lines only
    os.chdir(job["cwd"])
    script = job["script"]
    sys.argv = [script, *job["argv"]]
    sys.path.insert(0, os.path.dirname(script))  # as `python SCRIPT` does: sibling modules import
    try:
        runpy.run_path(script, run_name="__main__")
        return 0
    except SystemExit as e:
        return e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    except BaseException:  # noqa: BLE001 - a seeder's crash is its exit 1, with its traceback
        traceback.print_exc()
        return 1


def start(job: dict) -> int:
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            code = run_seeder(job)
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    return pid


def main() -> int:
    lanes = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    queue = [json.loads(line) for line in sys.stdin if line.strip()]
    warm()
    running: dict[int, str] = {}
    while queue or running:
        while queue and len(running) < lanes:
            job = queue.pop(0)
            running[start(job)] = job["id"]
        pid, status = os.waitpid(-1, 0)
        job_id = running.pop(pid, None)
        if job_id is not None:
            print(json.dumps({"id": job_id, "code": os.waitstatus_to_exitcode(status)}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
