"""Seeds the stores of the issue-30 agent trials (does a value follow from its evidence?); no test
reads them and CI never runs this. Two experiments of ordinary traffic with a few silent failures
hidden in it, built with seed_provenance.py's agent() and span_tree():
  linden-pharmacy: 36 refill checks; 3 call get_refill with two digits of the order id swapped and
                   describe another patient's order; 2 say a refill can be collected for 14 days
                   where the policy page given says 10.
  pulsefit-desk:   30 member requests; 4 freeze requests whose freeze_membership ended OK with
                   {"status": "failed", ...} never handed to the model, and the reply says it's done.

Usage, from the repo root: .venv/bin/python testbed/seed_evidence_trials.py --store DIR
  writes DIR/mlflow.db (sqlite), DIR/artifacts/ and DIR/manifest.json (tracking URI, experiment ids);
  then e.g. MLFLOW_TRACKING_URI=sqlite:///DIR/mlflow.db node dist/triage_traces.mjs <experiment id>.
"""
from __future__ import annotations
import argparse, json, random, sys
from pathlib import Path

# seed_provenance.py sits beside this file; it sets up mlflow (synchronous trace logging) on import.
sys.path.insert(0, str(Path(__file__).resolve().parent))
from seed_provenance import agent, span_tree, MS  # noqa: E402
import mlflow  # noqa: E402

BASE = 1_796_029_200_000 * MS  # 2026-11-30T09:00Z

def pharmacy(rng):
    out = []
    names = ["Oskar Brandt", "Mira Solberg", "Jonas Eik", "Ada Lunde", "Per Holm", "Ines Vik", "Tor Aas", "Lea Moen"]
    drugs = ["metformin 500 mg", "lisinopril 10 mg", "atorvastatin 20 mg", "levothyroxine 50 mcg", "sertraline 50 mg"]
    policy = {"id": "kb://linden/pickup-policy.md", "text": "Refills that are ready are held at the branch for 10 days, then returned to stock."}
    for i in range(36):
        oid = f"RF-{rng.randint(10000, 99999)}"
        who, drug = rng.choice(names), rng.choice(drugs)
        branch = rng.choice(["Harbour Street", "Elm Park", "Station Road"])
        called = oid
        if i in (7, 19, 30):
            d = list(oid[3:]); j = rng.randint(0, 3); d[j], d[j + 1] = d[j + 1], d[j]
            if d == list(oid[3:]): d[0], d[4] = d[4], d[0]
            called = "RF-" + "".join(d)
            who = rng.choice([n for n in names if n != who])
        kind = "hold" if i in (11, 24) else "status"
        if kind == "hold":
            user = f"My refill {oid} is ready. How long will you keep it for me?"
            reply = f"Your refill {oid} of {drug} is ready at {branch}. We hold ready refills for 14 days."
            tools = [{"name": "get_refill", "args": {"order_id": oid}, "result": {"order_id": oid, "patient_name": who, "drug": drug, "status": "ready", "branch": branch}}]
            out.append(agent("pharmacy_bot", "You are the Linden Pharmacy assistant.", user, reply, tools, docs=[policy]))
            continue
        user = rng.choice(["Can you check the status of my refill order {o}?", "Is {o} ready yet?", "Hi, where is my prescription {o}?"]).format(o=oid)
        status = rng.choice(["ready", "in preparation", "waiting for doctor approval"])
        reply = f"Your refill of {drug} is {status}" + (f" for pickup at the {branch} branch." if status == "ready" else ".")
        tools = [{"name": "get_refill", "args": {"order_id": called}, "result": {"order_id": called, "patient_name": who, "drug": drug, "status": status, "branch": branch}}]
        out.append(agent("pharmacy_bot", "You are the Linden Pharmacy assistant.", user, reply, tools, docs=[policy]))
    return out

def gym(rng):
    out = []
    months = ["January", "February", "March"]
    for i in range(30):
        mid = f"GM-{rng.randint(10000, 99999)}"
        sys_p = "You help members of PulseFit gyms."
        if i % 3 == 0:
            m = rng.choice(months)
            fail = i in (3, 12, 21, 27)
            result = {"status": "failed", "error": {"code": "NOTICE_PERIOD", "message": "freezes need 14 days' notice"}} if fail else {"status": "frozen", "month": m}
            tools = [{"name": "lookup_member", "args": {"member_id": mid}, "result": {"member_id": mid, "plan": "flex"}},
                     {"name": "freeze_membership", "args": {"member_id": mid, "month": m}, "result": result, "handed": not fail}]
            out.append(agent("gym_desk", sys_p, f"Please freeze my membership {mid} for {m}.", f"All set! Your membership {mid} is frozen for {m}.", tools))
        elif i % 3 == 1:
            tools = [{"name": "class_schedule", "args": {"club": "Oslo Sentrum", "day": "Friday"}, "result": {"classes": ["Spin 07:00", "Yoga 18:00"]}}]
            out.append(agent("gym_desk", sys_p, "What classes are on Friday at Oslo Sentrum?", "On Friday there is Spin at 07:00 and Yoga at 18:00.", tools))
        else:
            tools = [{"name": "lookup_member", "args": {"member_id": mid}, "result": {"member_id": mid, "plan": "flex", "next_payment": "2026-12-15"}}]
            out.append(agent("gym_desk", sys_p, f"When is my next payment for {mid}?", "Your next payment is on 15 December 2026.", tools))
    return out

def main():
    parser = argparse.ArgumentParser(description="Seed the issue-30 agent-trial stores (no test reads them).")
    parser.add_argument("--store", required=True, help="directory for mlflow.db, artifacts/ and manifest.json (created)")
    store = Path(parser.parse_args().store).resolve()
    store.mkdir(parents=True, exist_ok=True)
    uri = f"sqlite:///{store / 'mlflow.db'}"
    mlflow.set_tracking_uri(uri)
    rng = random.Random(30)
    manifest = {"tracking_uri": uri}
    for exp, specs in (("linden-pharmacy", pharmacy(rng)), ("pulsefit-desk", gym(rng))):
        if mlflow.get_experiment_by_name(exp) is None:
            mlflow.create_experiment(exp, artifact_location=(store / "artifacts" / exp).as_uri())
        manifest[exp] = mlflow.set_experiment(exp).experiment_id
        for i, spec in enumerate(specs):
            span_tree(spec, None, BASE + i * rng.randint(9, 14) * 60_000 * MS)
    mlflow.flush_trace_async_logging()
    with open(store / "manifest.json", "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, indent=2)
    print(f"seeded {store}: {json.dumps(manifest)}")

if __name__ == "__main__":
    main()
