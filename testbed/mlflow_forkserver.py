"""The cli suite's mlflow processes, forked from one that has already imported the CLI.

Every `mlflow` process spends ~6 s of CPU importing mlflow before it does anything, and the suite
makes a few hundred. This server imports the pinned `mlflow.cli` once; each call from
`testbed/mlflow-fork` (the suite's MLFLOW_BIN) is a fresh fork of it that takes the caller's
stdin/stdout/stderr, working directory, environment and arguments, and runs the same entry point
as `.venv/bin/mlflow` (`mlflow.cli:cli`). Nothing is shared between calls: each is its own process.

A call whose environment differs in what Python or mlflow read at start-up (PYTHON*, mlflow's
logging settings) is refused, and the client runs the real executable instead.

    python mlflow_forkserver.py SOCKET     (stopped with SIGTERM; the global set-up owns it)
"""

import json
import os
import signal
import socket
import struct
import sys
import traceback

# What the interpreter or mlflow's import read from the environment: a caller must agree on these.
STARTUP_KEYS = ("MLFLOW_LOGGING_LEVEL", "MLFLOW_CONFIGURE_LOGGING")


def startup_env(env: dict) -> dict:
    return {k: v for k, v in env.items() if k.startswith("PYTHON") or k in STARTUP_KEYS}


def warm() -> object:
    from mlflow.cli import cli

    # What every trace command imports lazily (the store, the tracing client): once, here.
    import mlflow.store.tracking.sqlalchemy_store  # noqa: F401
    import mlflow.tracing.client  # noqa: F401
    import mlflow.tracking._tracking_service.utils  # noqa: F401

    return cli


def recv_request(conn: socket.socket) -> tuple[dict, list[int]]:
    (size,) = struct.unpack("!I", conn.recv(4, socket.MSG_WAITALL))
    msg, fds, _flags, _addr = socket.recv_fds(conn, size, 3, socket.MSG_WAITALL)
    while len(msg) < size:
        more = conn.recv(size - len(msg))
        if not more:
            raise EOFError("short request")
        msg += more
    return json.loads(msg), list(fds)


def run_call(cli, conn: socket.socket, req: dict, fds: list[int]) -> int:
    """In the forked child: become the caller's mlflow process, run the CLI, return its exit code."""
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
        os.close(fd)
    os.chdir(req["cwd"])
    os.environ.clear()
    os.environ.update(req["env"])
    conn.sendall(struct.pack("!i", os.getpid()))
    sys.argv = ["mlflow", *req["argv"]]
    try:
        cli.main(args=req["argv"], prog_name="mlflow")
        code = 0
    except SystemExit as e:
        if e.code is None:
            code = 0
        elif isinstance(e.code, int):
            code = e.code
        else:
            print(e.code, file=sys.stderr)
            code = 1
    except BaseException as e:
        # What the interpreter prints for an uncaught exception, without this file's frame.
        traceback.print_exception(type(e), e, e.__traceback__.tb_next if e.__traceback__ else None)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass
    return code


def serve(path: str) -> None:
    cli = warm()
    # A fork copies only the calling thread: the warmed-up process must have no other.
    import threading

    assert threading.active_count() == 1, f"threads after import: {threading.enumerate()}"
    mine = startup_env(dict(os.environ))
    if os.path.exists(path):
        os.unlink(path)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(64)
    # Children are reaped by the kernel; each call's child restores the default (mlflow waits on
    # its own subprocesses).
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    print("ready", flush=True)
    while True:
        conn, _ = listener.accept()
        try:
            req, fds = recv_request(conn)
        except Exception:
            conn.close()
            continue
        if startup_env(req["env"]) != mine:
            conn.sendall(struct.pack("!i", -1))
            for fd in fds:
                os.close(fd)
            conn.close()
            continue
        if os.fork() == 0:
            code = 1
            try:
                listener.close()
                for sig in (signal.SIGCHLD, signal.SIGTERM, signal.SIGINT):
                    signal.signal(sig, signal.SIG_DFL)
                code = run_call(cli, conn, req, fds)
                conn.sendall(struct.pack("!i", code))
            finally:
                os._exit(code)
        for fd in fds:
            os.close(fd)
        conn.close()


if __name__ == "__main__":
    serve(sys.argv[1])
