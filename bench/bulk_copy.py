"""Grow a seeded sqlite tracking store N-fold in seconds, straight in its database.

Seeding 100,000 traces through the SDK takes over half an hour on two cores; the metrics
benchmark needs their rows, not a new ingest. Each copy k (1..N-1) of every trace of the
experiment gets a new id (k's two hex digits before the trace id's first 30, checked unique by
the primary keys), its times shifted back by k whole windows (so the copies follow one another in
time, none overlapping), and the same tags, metadata, spans (cost, model and tokens columns
included), assessments and trace metrics. Span JSON content keeps the original trace id: the
benchmark reads spans only for the few traces its answer names.

    python bench/bulk_copy.py SRC.db DEST.db EXPERIMENT_ID FACTOR
"""

import shutil
import sqlite3
import sys


def main() -> None:
    src, dest, exp, factor = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    shutil.copyfile(src, dest)
    db = sqlite3.connect(dest)
    lo, hi = db.execute("SELECT MIN(timestamp_ms), MAX(timestamp_ms) FROM trace_info WHERE experiment_id = ?", (exp,)).fetchone()
    span_ms = hi - lo + 60_000
    cols = lambda t: [r[1] for r in db.execute(f"PRAGMA table_xinfo({t})") if r[6] in (0, 1)]  # noqa: E731 (no generated columns)
    for k in range(1, factor):
        p = {"exp": exp, "k": f"{k:02x}", "shift": k * span_ms}
        new_id = lambda c: f"'tr-' || :k || substr({c}, 4, 30)"  # noqa: E731
        ti = cols("trace_info")
        sel = [new_id("request_id") if c == "request_id" else "timestamp_ms - :shift" if c == "timestamp_ms" else c for c in ti]
        db.execute(f"INSERT INTO trace_info ({', '.join(ti)}) SELECT {', '.join(sel)} FROM trace_info WHERE experiment_id = :exp AND timestamp_ms >= {lo}", p)
        for table in ("trace_tags", "trace_request_metadata", "trace_metrics"):
            c = cols(table)
            sel = [new_id("request_id") if x == "request_id" else x for x in c]
            db.execute(
                f"INSERT INTO {table} ({', '.join(c)}) SELECT {', '.join(sel)} FROM {table} WHERE request_id IN (SELECT request_id FROM trace_info WHERE experiment_id = :exp AND timestamp_ms >= {lo})",
                p,
            )
        c = cols("spans")
        shift_ns = "* 1000000"
        sel = [
            new_id("trace_id") if x == "trace_id" else f"{x} - :shift {shift_ns}" if x in ("start_time_unix_nano", "end_time_unix_nano") else x for x in c
        ]
        db.execute(
            f"INSERT INTO spans ({', '.join(c)}) SELECT {', '.join(sel)} FROM spans WHERE trace_id IN (SELECT request_id FROM trace_info WHERE experiment_id = :exp AND timestamp_ms >= {lo})",
            p,
        )
        c = cols("assessments")
        sel = [
            new_id("trace_id") if x == "trace_id" else "'a-' || :k || substr(assessment_id, 3, 30)" if x == "assessment_id" else "trace_timestamp_ms - :shift" if x == "trace_timestamp_ms" else x
            for x in c
        ]
        db.execute(
            f"INSERT INTO assessments ({', '.join(c)}) SELECT {', '.join(sel)} FROM assessments WHERE trace_id IN (SELECT request_id FROM trace_info WHERE experiment_id = :exp AND timestamp_ms >= {lo})",
            p,
        )
        db.commit()
    n = db.execute("SELECT COUNT(*) FROM trace_info WHERE experiment_id = ?", (exp,)).fetchone()[0]
    print(n)


if __name__ == "__main__":
    main()
