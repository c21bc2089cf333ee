"""Fill the `judges` store: a judge checked against human labels, and a week of chats (issue 31).

Two experiments, written through the tracking store's batch span ingest (BatchWriter) with fixed
times, assessments through the fluent API. What the tests assert is computed here and written to
the manifest.

1. "bank-helpdesk" (single-turn Q&A, 2026-12-01 .. 2026-12-03 UTC): 90 traces of `helpdesk_agent`.
   - tag app_version: 5.1 for the first 30, 5.2 after. The LLM judge (`answer_correct`, bool)
     scored only the 5.2 traces: 60 of 90, so anything it says is about 5.2 by construction.
   - the judge is lenient on fee questions ("What is the fee for ..."): it passes every wrong
     answer about fees; humans (`answer_correct`, HUMAN, qa-team@bank.example) labelled 24 of
     the judged traces, 10 of them wrong fee answers the judge passed.
   - the same question and answer ("How do I freeze my card?" with one fixed reply) asked 6
     times: the judge says true 3 times and false 3 times (inconsistent on repeats).
   - other value types: `tone` (categorical "formal"/"casual") by CODE and LLM_JUDGE; `clarity`
     (1-5) by HUMAN and LLM_JUDGE; `policy_flags` (JSON) by CODE only (one source); one human
     label overridden by a second reviewer; 3 judge errors (RATE_LIMIT_EXCEEDED).
2. "garden-shop-chat" (sessions, 2026-12-07 .. 2026-12-13 UTC, a week): 60 fine chats of 1-4
   turns among 7 that went wrong, each in its own way (manifest `bad`):
   tool_claim (a tool failed inside an OK output, the reply claimed success, "Did it go
   through?" / "You said it was changed!"), verdict_repeat (negative session verdict, the
   assistant repeats its reply word for word), human (frustration, asks for a person),
   abandoned (a long gap, then a complaint nobody answers), history (the model is given no
   earlier turn; the user says "I asked about ... already"), german (a German chat: "Das
   stimmt nicht, ich habe gefragt ..."), tool_error (a tool raised, the reply said "Done").
   Plus 5 traces with no session id.

Usage: python seed_judges.py --tracking-uri URI --manifest FILE [--set judges] [--artifact-root URI]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import warnings

os.environ.setdefault("MLFLOW_ENABLE_ASYNC_TRACE_LOGGING", "true")
warnings.filterwarnings("ignore")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import mlflow  # noqa: E402
from mlflow.entities import AssessmentError, AssessmentSource, AssessmentSourceType  # noqa: E402

from batch_writer import BatchWriter  # noqa: E402

MS = 1_000_000
QA_START_MS = 1_796_083_200_000  # 2026-12-01T00:00:00Z
CHAT_START_MS = 1_796_601_600_000  # 2026-12-07T00:00:00Z
random.seed(31)
JUDGE = AssessmentSource(source_type=AssessmentSourceType.LLM_JUDGE, source_id="openai:/gpt-4o-mini")
HUMAN = AssessmentSource(source_type=AssessmentSourceType.HUMAN, source_id="qa-team@bank.example")
REVIEWER2 = AssessmentSource(source_type=AssessmentSourceType.HUMAN, source_id="lead-reviewer@bank.example")
CODE = AssessmentSource(source_type=AssessmentSourceType.CODE, source_id="tone_rules.py")

FEES = ["international wire transfer", "replacement card", "overdraft", "cash withdrawal abroad", "paper statement"]
OTHER = [("How do I reset my online banking password?", "Use 'Forgot password' on the login page; a code is sent to your phone."),
         ("When is my salary credited?", "Salaries arrive on the last working day of the month."),
         ("Can I open a savings account online?", "Yes, in the app under Accounts > Open new."),
         ("How do I change my address?", "Update it under Profile > Personal details."),
         ("What is my daily card limit?", "The default daily limit is 2,000 EUR; you can change it in the app.")]
FREEZE_Q = "How do I freeze my card?"
FREEZE_A = "Open the app, tap your card and choose 'Freeze card'."


def qa_trace(question: str, answer: str) -> dict:
    return {"name": "helpdesk_agent", "type": "AGENT", "start": 0, "end": 900,
            "inputs": {"question": question}, "outputs": {"answer": answer},
            "children": [{"name": "kb_search", "type": "RETRIEVER", "start": 10, "end": 200, "inputs": {"query": question},
                          "outputs": [{"page_content": answer, "metadata": {"doc_uri": "kb/faq.md"}}]},
                         {"name": "answer_llm", "type": "CHAT_MODEL", "start": 210, "end": 880,
                          # The retrieved passage reaches the prompt: this store is about judges, not dropped context.
                          "inputs": {"messages": [{"role": "system", "content": f"Answer from the FAQ: {answer}"},
                                                  {"role": "user", "content": question}]},
                          "outputs": {"choices": [{"message": {"role": "assistant", "content": answer}}]}}]}


def seed_helpdesk(exp: str) -> dict:
    writer = BatchWriter(exp)
    rows = []  # (tid, version, kind, correct)
    for n in range(90):
        version = "5.1" if n < 30 else "5.2"
        if n % 15 == 7:
            q, a, kind, correct = FREEZE_Q, FREEZE_A, "freeze", True
        elif n % 3 == 0:
            fee = FEES[n % len(FEES)]
            # Every other fee answer is wrong (a made-up amount); the judge passes it anyway.
            correct = n % 2 == 0
            a = f"The {fee} fee is {'5 EUR, see the price list' if correct else 'free of charge for all customers'}."
            q, kind = f"What is the fee for a {fee}?", "fee"
        else:
            q, a = OTHER[n % len(OTHER)]
            kind, correct = "other", n % 11 != 4
            if not correct:
                a = "Please visit a branch; this cannot be done online."  # a wrong answer, its own text
        tid = writer.add(qa_trace(q, a), (QA_START_MS + n * 2_880_000) * MS,
                         tags={"app_version": version, "mlflow.traceName": "helpdesk_agent"},
                         metadata={"mlflow.trace.user": f"cust-{n % 9}"})
        rows.append((tid, version, kind, correct))
    writer.flush()
    mlflow.flush_trace_async_logging()
    facts = {"traces": 90, "judged": 0, "human": 0, "both": 0, "agree": 0, "fee_disagree": 0, "freeze_true": 0, "freeze_false": 0,
             "judge_errors": 0, "overridden": 0}
    freeze_seen = 0
    human_picked = 0
    for tid, version, kind, correct in rows:
        if version != "5.2":
            continue
        if tid == rows[40][0] or tid == rows[50][0] or tid == rows[70][0]:
            mlflow.log_feedback(trace_id=tid, name="answer_correct", source=JUDGE,
                                error=AssessmentError(error_code="RATE_LIMIT_EXCEEDED", error_message="judge model rate limit exceeded (429)"))
            facts["judge_errors"] += 1
            continue
        if kind == "freeze":
            verdict = freeze_seen % 2 == 0
            freeze_seen += 1
            facts["freeze_true" if verdict else "freeze_false"] += 1
            why = "The steps match the app's card menu." if verdict else "The answer does not say how to unfreeze the card."
        elif kind == "fee":
            verdict = True  # lenient on fee questions
            why = "The answer states the fee clearly."
        else:
            verdict = correct
            why = "The answer matches the knowledge base." if correct else "The answer contradicts the knowledge base."
        mlflow.log_feedback(trace_id=tid, name="answer_correct", value=verdict, source=JUDGE, rationale=why)
        facts["judged"] += 1
        label_it = kind == "fee" or (kind == "other" and human_picked < 10)
        if label_it and kind != "freeze":
            if kind == "other":
                human_picked += 1
            hwhy = "Correct per the price list." if correct else "Wrong: the price list charges a fee; the answer says free."
            if kind == "other":
                hwhy = "Correct." if correct else "Contradicts the FAQ."
            a = mlflow.log_feedback(trace_id=tid, name="answer_correct", value=correct, source=HUMAN, rationale=hwhy)
            facts["human"] += 1
            facts["both"] += 1
            facts["agree"] += int(correct == verdict)
            if kind == "fee" and not correct:
                facts["fee_disagree"] += 1
            if facts["overridden"] == 0 and kind == "other" and correct:
                # A first reviewer's slip, replaced by the lead reviewer (the same value): only the latest counts.
                mlflow.override_feedback(trace_id=tid, assessment_id=a.assessment_id, value=correct, source=REVIEWER2,
                                         rationale="Correct (re-checked).")
                facts["overridden"] += 1
        # Other value types: categorical, 1-5 scores, JSON.
        tone = "formal" if kind != "fee" else "casual"
        mlflow.log_feedback(trace_id=tid, name="tone", value=tone, source=CODE, rationale="rule: greeting and sign-off")
        mlflow.log_feedback(trace_id=tid, name="tone", value="formal", source=JUDGE, rationale="Polite and formal.")
        if kind == "other":
            mlflow.log_feedback(trace_id=tid, name="clarity", value=4 if correct else 2, source=JUDGE, rationale="Scored 1-5.")
            mlflow.log_feedback(trace_id=tid, name="clarity", value=4, source=HUMAN, rationale="Clear enough.")
        mlflow.log_feedback(trace_id=tid, name="policy_flags", value={"pii": False, "advice": kind == "fee"}, source=CODE)
    facts["freeze_repeats"] = freeze_seen
    return {"experiment_id": exp, "experiment_name": "bank-helpdesk", "facts": facts,
            "cohort": {"judged_version": "5.2", "unjudged_version": "5.1", "unjudged": 30}}


# ---- the chat week ------------------------------------------------------------------------------

FINE_TOPICS = [
    [("Do you ship tulip bulbs to Austria?", "Yes, we ship bulbs to Austria from September to December."),
     ("How long does it take?", "Delivery to Austria takes 3-5 working days."),
     ("Great, thanks!", "You're welcome, happy planting!")],
    [("Which fertiliser suits tomatoes?", "A potassium-rich feed such as our TomatoGrow 5-5-10 works well."),
     ("How often should I use it?", "Every 10-14 days once the first fruits set.")],
    [("Is the oak planter frost-proof?", "Yes, the oak planter is treated and frost-proof down to -20 C.")],
    [("Can I return a damaged watering can?", "Yes: reply with a photo and we send a free return label."),
     ("Here is the order number: 88412.", "Thanks, the return label for order 88412 is on its way by email."),
     ("Got it, thank you.", "Glad to help!"),
     ("One more: do you sell rain barrels?", "Yes, 200 L and 300 L rain barrels are in the Water section.")],
]

BAD = ["tool_claim", "verdict_repeat", "human", "abandoned", "history", "german", "tool_error"]


def chat_turn(user: str, reply: str | None, history: list, *, tool: dict | None = None, keep_history: bool = True,
              error: Exception | None = None) -> dict:
    msgs = (history if keep_history else []) + [{"role": "user", "content": user}]
    children = []
    t = 20
    if tool is not None:
        children.append({"name": tool["name"], "type": "TOOL", "start": t, "end": t + 150, "inputs": tool["inputs"],
                         "outputs": tool.get("outputs"), "error": tool.get("error")})
        if tool.get("outputs") is not None:
            msgs = msgs + [{"role": "tool", "content": json.dumps(tool["outputs"])}]
        t += 160
    model = {"name": "reply_llm", "type": "CHAT_MODEL", "start": t, "end": t + 600, "inputs": {"messages": msgs},
             "outputs": None if reply is None else {"choices": [{"message": {"role": "assistant", "content": reply}}]}, "error": error}
    children.append(model)
    return {"name": "garden_chat", "type": "AGENT", "start": 0, "end": t + 650, "inputs": {"messages": msgs if keep_history else msgs},
            "outputs": None if reply is None else {"choices": [{"message": {"role": "assistant", "content": reply}}]}, "children": children}


def bad_chat(kind: str) -> list:
    """(user, reply, options, gap_min) per turn."""
    if kind == "tool_claim":
        failed = {"name": "update_delivery_address", "inputs": {"order": "77120", "street": "Birch Lane 4"},
                  "outputs": {"status": "error", "message": "address locked: order already handed to the courier"}}
        return [("Please change the delivery address of order 77120 to Birch Lane 4.", "Done! The delivery address of order 77120 has been updated to Birch Lane 4.", {"tool": failed}, 0),
                ("The tracking page still shows Elm Street. Did it go through?", "Yes, the address has been updated to Birch Lane 4.", {}, 2),
                ("You said it was changed! The courier is going to Elm Street.", "I'm sorry for the confusion. Let me check the order again.", {}, 1)]
    if kind == "verdict_repeat":
        same = "Our seeds are shipped in recyclable paper envelopes within two working days."
        return [("When will my seed order 55102 arrive?", same, {}, 0),
                ("That is not an answer to my question. When does order 55102 arrive?", same, {}, 1),
                ("ok", "Is there anything else I can help you with?", {}, 1)]
    if kind == "human":
        return [("My hedge trimmer stopped working after one day.", "Have you tried charging the battery fully?", {}, 0),
                ("Yes, it is charged. It just doesn't start.", "Please make sure the safety lock is released.", {}, 2),
                ("This is useless. Let me talk to a real person please.", "I can help you with that. Have you tried charging the battery fully?", {}, 1)]
    if kind == "abandoned":
        return [("I ordered a lawn mower on Monday, order 66001. Where is it?", "Let me look that up for you.", {}, 0),
                ("Hello? Any news on order 66001??", None, {"error": TimeoutError("order lookup timed out after 30s")}, 95)]
    if kind == "history":
        return [("I want to order 40 lavender plants for my garden border.", "Great choice! Lavender likes full sun.", {"keep_history": False}, 0),
                ("Can I get a discount for that many?", "Could you tell me which product and how many you would like?", {"keep_history": False}, 1),
                ("I already told you, 40 lavender plants. I asked about a discount!", "Which product are you interested in?", {"keep_history": False}, 1)]
    if kind == "german":
        return [("Wann wird meine Bestellung 70311 geliefert?", "Ihre Bestellung 70311 wird am Freitag geliefert.", {}, 0),
                ("Das stimmt nicht, ich habe gefragt wann sie ankommt, die Sendung ist schon zurück beim Lager. Das ist falsch!", "Ihre Bestellung 70311 wird am Freitag geliefert.", {}, 3)]
    if kind == "tool_error":
        failing = {"name": "cancel_order", "inputs": {"order": "90210"}, "error": ConnectionError("order service unavailable (503)")}
        return [("Please cancel my order 90210, I ordered the wrong size of pots.", "Done! Your order 90210 has been cancelled.", {"tool": failing}, 0),
                ("Thanks. When will the refund arrive?", "Refunds arrive within 5 working days after the cancellation.", {}, 2)]
    raise ValueError(kind)


def seed_chats(exp: str) -> dict:
    writer = BatchWriter(exp)
    sessions: dict = {}
    bad_ids: dict = {}
    slots = 67
    bad_at = {5: "tool_claim", 14: "verdict_repeat", 23: "human", 31: "abandoned", 40: "history", 49: "german", 58: "tool_error"}
    session_verdicts = []
    for s in range(slots):
        start_ms = CHAT_START_MS + s * 9_000_000  # one chat every 2.5 h: a week
        kind = bad_at.get(s)
        sid = f"chat-{s:03d}" if kind is None else f"chat-{s:03d}"
        user = f"gardener-{s % 13}"
        if kind:
            turns = bad_chat(kind)
            bad_ids[kind] = sid
        else:
            topic = FINE_TOPICS[s % len(FINE_TOPICS)]
            turns = [(u, r, {}, 1 + i) for i, (u, r) in enumerate(topic)]
        history: list = []
        t = start_ms
        ids = []
        for i, (u, r, opts, gap) in enumerate(turns):
            t += gap * 60_000 + (0 if i == 0 else 30_000)
            spec = chat_turn(u, r, history, tool=opts.get("tool"), keep_history=opts.get("keep_history", True), error=opts.get("error"))
            tid = writer.add(spec, t * MS, tags={"app_version": "shop-bot-2", "mlflow.traceName": "garden_chat"},
                             metadata={"mlflow.trace.session": sid, "mlflow.trace.user": user})
            ids.append(tid)
            history += [{"role": "user", "content": u}] + ([{"role": "assistant", "content": r}] if r else [])
        sessions[sid] = {"turns": len(turns), "kind": kind or "fine", "traces": ids}
        if kind == "verdict_repeat":
            session_verdicts.append((ids[0], sid, False, "The assistant never answered the delivery question and repeated itself."))
        elif kind is None and s % 6 == 0:
            session_verdicts.append((ids[0], sid, True, "The customer's question was answered."))
    # Traces with no session id (a health probe).
    for k in range(5):
        writer.add({"name": "garden_chat", "type": "AGENT", "start": 0, "end": 50, "inputs": {"messages": [{"role": "user", "content": "ping"}]},
                    "outputs": {"choices": [{"message": {"role": "assistant", "content": "pong"}}]}},
                   (CHAT_START_MS + k * 86_400_000 + 3_600_000) * MS, tags={"mlflow.traceName": "garden_chat"}, metadata={})
    writer.flush()
    mlflow.flush_trace_async_logging()
    for tid, sid, value, why in session_verdicts:
        mlflow.log_feedback(trace_id=tid, name="conversation_resolved", value=value, source=JUDGE, rationale=why,
                            metadata={"mlflow.trace.session": sid})
    # A turn verdict on the tool_claim chat's first turn: the judge believed the claim.
    mlflow.log_feedback(trace_id=sessions[bad_ids["tool_claim"]]["traces"][0], name="answer_correct", value=True, source=JUDGE,
                        rationale="The reply confirms the change.")
    return {"experiment_id": exp, "experiment_name": "garden-shop-chat", "sessions": len(sessions), "bad": bad_ids,
            "fine": [s for s, v in sessions.items() if v["kind"] == "fine"], "no_session_traces": 5,
            "traces": sum(v["turns"] for v in sessions.values()) + 5,
            "turns": {s: v["turns"] for s, v in sessions.items()}, "first_traces": {s: v["traces"][0] for s, v in sessions.items()}}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tracking-uri", required=True)
    parser.add_argument("--manifest", required=True)
    parser.add_argument("--set", default="judges")
    parser.add_argument("--artifact-root")
    args = parser.parse_args()
    mlflow.set_tracking_uri(args.tracking_uri)
    ids = {}
    for name in ("bank-helpdesk", "garden-shop-chat", "empty-chat"):
        ids[name] = mlflow.create_experiment(name, artifact_location=args.artifact_root)
    manifest = {"tracking_uri": args.tracking_uri, "helpdesk": seed_helpdesk(ids["bank-helpdesk"]),
                "chat": seed_chats(ids["garden-shop-chat"]), "empty_experiment_id": ids["empty-chat"]}
    with open(args.manifest, "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, indent=2, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
