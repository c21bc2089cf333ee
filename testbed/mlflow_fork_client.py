"""One `mlflow` call through the fork server (see mlflow_forkserver.py); the real executable when
the server is not running or refuses the call. Standard library only, started with `python -S`."""

import json
import os
import signal
import socket
import struct
import sys

SOCKET, REAL, *ARGV = sys.argv[1:]


def real() -> None:
    os.execv(REAL, [REAL, *ARGV])


def main() -> int:
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        conn.connect(SOCKET)
    except OSError:
        real()
    body = json.dumps({"argv": ARGV, "env": dict(os.environ), "cwd": os.getcwd()}).encode()
    conn.sendall(struct.pack("!I", len(body)))
    socket.send_fds(conn, [body], [0, 1, 2])
    head = conn.recv(4, socket.MSG_WAITALL)
    (pid,) = struct.unpack("!i", head) if len(head) == 4 else (-1,)
    if pid < 0:
        real()

    # A caller that gives up on us (a script's --timeout) takes the mlflow process with it.
    def stop(signum, _frame):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        os._exit(128 + signum)

    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, stop)
    tail = conn.recv(4, socket.MSG_WAITALL)
    # The child died without a word (killed): report it as a signal death would be.
    return struct.unpack("!i", tail)[0] if len(tail) == 4 else 137


if __name__ == "__main__":
    sys.exit(main())
