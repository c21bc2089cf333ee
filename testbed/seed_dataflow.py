"""Fill the `dataflow` store: answers that went wrong with no exception, and their healthy twins.

What flowed between spans is the evidence here (analysis/dataflow.ts); each bad trace has a
look-alike that must give no finding:
  1. a recipe assistant, a real LangChain chain under `mlflow.langchain.autolog()` (a fake
     retriever, a reranker span, a prompt template and `FakeListChatModel`): the reranker demotes
     the retriever's best recipe and `top_n: 1` drops it from the prompt; its twin keeps it;
  2. a banking assistant on the OpenAI SDK under `mlflow.openai.autolog()`, its HTTP answered by
     an `httpx.MockTransport`: the statement summary stops at `max_tokens` (finish_reason
     "length"); its twin ends normally;
  3. a travel-insurance FAQ bot (SDK spans) whose new prompt version no longer puts the
     retrieved clauses into the system message; its twin does;
  4. a banking answer quoting a fee no tool returned; its twin quotes only what the tools said
     (a converted amount: a product of two tool numbers);
  5. a banking session where `block_card` failed, the model said the card was blocked, the next
     turn built on it, and a judge's rationale speaks of the repeated claim;
  6. in a second experiment, a ferry-booking app whose payment step sends the quoted fare × 100
     as minor units: every KRW booking (a currency with none) is declined, the others go through.
No network, no sleeps: a virtual clock gives every span its time.

Usage: python seed_dataflow.py --tracking-uri URI --manifest FILE [--set dataflow] [--artifact-root URI]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import warnings

os.environ["MLFLOW_ENABLE_ASYNC_TRACE_LOGGING"] = "false"
os.environ["LANGCHAIN_TRACING_V2"] = "false"
os.environ["LANGSMITH_TRACING"] = "false"
warnings.filterwarnings("ignore")

import httpx  # noqa: E402
import mlflow  # noqa: E402
import openai  # noqa: E402
import opentelemetry.sdk.trace as otel_sdk_trace  # noqa: E402
from langchain_core.callbacks import CallbackManagerForRetrieverRun  # noqa: E402
from langchain_core.documents import Document  # noqa: E402
from langchain_core.language_models.fake_chat_models import FakeListChatModel  # noqa: E402
from langchain_core.output_parsers import StrOutputParser  # noqa: E402
from langchain_core.prompts import ChatPromptTemplate  # noqa: E402
from langchain_core.retrievers import BaseRetriever  # noqa: E402
from langchain_core.runnables import RunnableLambda, RunnablePassthrough  # noqa: E402
from mlflow.entities import AssessmentSource, AssessmentSourceType, SpanType  # noqa: E402

MS = 1_000_000
# 2026-11-22T09:00:00Z: a day after the trials store.
BASE_NS = 1_795_338_000_000 * MS
JUDGE = AssessmentSource(source_type=AssessmentSourceType.LLM_JUDGE, source_id="openai:/gpt-4o-mini")


class Clock:
    """OTel's span clock, replaced: each reading moves on a tick; fakes `spend` their latency."""

    TICK_NS = 200_000

    def __init__(self) -> None:
        self.now = BASE_NS

    def __call__(self) -> int:
        self.now += self.TICK_NS
        return self.now

    def set(self, ns: int) -> None:
        self.now = ns

    def spend(self, ms: float) -> None:
        self.now += int(ms * MS)


CLOCK = Clock()
otel_sdk_trace.time_ns = CLOCK


def span_tree(node: dict, parent, t0_ns: int, metadata: dict | None = None) -> object:
    """One span and its children (times in ms from t0), with the SDK's span API."""
    span = mlflow.start_span_no_context(
        name=node["name"], span_type=node.get("type", SpanType.UNKNOWN), parent_span=parent,
        inputs=node.get("inputs"), attributes=node.get("attrs"), start_time_ns=t0_ns + int(node["start"] * MS),
        **({"metadata": metadata} if metadata else {}))
    for child in node.get("children", ()):
        span_tree(child, span, t0_ns)
    if node.get("error") is not None:
        span.record_exception(node["error"])
    span.end(outputs=node.get("outputs"), status=node.get("status"), end_time_ns=t0_ns + int(node["end"] * MS))
    return span


def raised(exc: Exception) -> Exception:
    try:
        raise exc
    except Exception as caught:  # noqa: BLE001
        return caught


def at(minutes: float) -> int:
    return BASE_NS + int(minutes * 60_000) * MS


# --------------------------------------------------------------------------------------------
# 1. LangChain: a reranker drops the retriever's best recipe
# --------------------------------------------------------------------------------------------

RECIPES = [
    Document(id="risotto-porcini-v2", page_content="Porcini risotto (serves 4): soak 30 g dried porcini, toast 320 g carnaroli rice, add hot stock ladle by ladle for 18 minutes, finish with butter and parmesan.", metadata={"source": "recipes/risotto-porcini-v2.md"}),
    Document(id="risotto-mushroom-quick", page_content="Quick mushroom rice: fry button mushrooms, stir in cooked rice and soy sauce, ready in ten minutes; not a true risotto.", metadata={"source": "recipes/quick-mushroom-rice.md"}),
    Document(id="risotto-porcini-v1", page_content="Porcini risotto, old card: uses arborio rice and a stock cube, cook 25 minutes covered without stirring.", metadata={"source": "recipes/archive/risotto-porcini-v1.md"}),
    Document(id="polenta-funghi", page_content="Polenta with wild mushrooms: cook coarse cornmeal for 40 minutes, top with sauteed chanterelles and thyme.", metadata={"source": "recipes/polenta-funghi.md"}),
]


class RecipeRetriever(BaseRetriever):
    """A fake vector search: the same four recipes, best first."""

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:  # noqa: ARG002
        CLOCK.spend(120)
        return list(RECIPES)


def make_reranker(order: list[str], scores: list[float], top_n: int):
    @mlflow.trace(name="rerank_recipes", span_type=SpanType.RERANKER)
    def rerank_recipes(query: str, documents: list[dict], top_n: int) -> list[dict]:  # noqa: ARG001
        CLOCK.spend(300)
        by_id = {d["id"]: d for d in documents}
        return [{**by_id[i], "score": s} for i, s in zip(order, scores)]

    def step(inputs: dict) -> dict:
        docs = [{"id": d.id, "page_content": d.page_content, "metadata": d.metadata} for d in inputs["docs"]]
        ranked = rerank_recipes(inputs["question"], docs, top_n)
        return {"question": inputs["question"], "context": "\n\n".join(d["page_content"] for d in ranked[:top_n])}

    return step


def seed_langchain_rerank(manifest: dict, key: str, order: list[str], scores: list[float], top_n: int, answer: str, minute: float) -> None:
    question = "How do I make a porcini risotto for four people?"
    prompt = ChatPromptTemplate.from_messages([
        ("system", "You are a cooking assistant. Answer from these recipe cards only:\n{context}"),
        ("human", "{question}"),
    ])
    model = FakeListChatModel(responses=[answer])
    retriever = RecipeRetriever()
    chain = ({"docs": retriever, "question": RunnablePassthrough()} | RunnableLambda(make_reranker(order, scores, top_n))
             | prompt | model | StrOutputParser())
    mlflow.langchain.autolog()
    CLOCK.set(at(minute))
    chain.invoke(question)
    mlflow.langchain.autolog(disable=True)
    tid = mlflow.get_last_active_trace_id()
    mlflow.set_trace_tag(tid, "app", "recipe-assistant")
    manifest["traces"][key] = tid


# --------------------------------------------------------------------------------------------
# 2. OpenAI SDK: an answer cut at max_tokens
# --------------------------------------------------------------------------------------------

STATEMENT_CUT = ("Here is your November statement: 14 card payments (groceries 41%, travel 22%), two standing orders, "
                 "and one incoming transfer from")
STATEMENT_FULL = "Your November statement: 14 card payments, two standing orders and one incoming transfer."


def seed_openai_statement(manifest: dict, key: str, reply: str, finish: str, completion_tokens: int, minute: float) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        CLOCK.spend(900)
        return httpx.Response(200, json={
            "id": f"chatcmpl-df-{key}", "object": "chat.completion", "created": BASE_NS // 1_000_000_000,
            "model": "gpt-4o-mini-2024-07-18",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": reply, "refusal": None},
                         "logprobs": None, "finish_reason": finish}],
            "usage": {"prompt_tokens": 310, "completion_tokens": completion_tokens, "total_tokens": 310 + completion_tokens},
        } | ({"system_fingerprint": "fp_df"} if body else {}))

    client = openai.OpenAI(api_key="-".join(["sk", "test", "dataflow", "not", "a", "real", "key"]), base_url="https://api.openai.example/v1",
                           http_client=httpx.Client(transport=httpx.MockTransport(handler)), max_retries=0)

    @mlflow.trace(name="statement_helper", span_type=SpanType.AGENT)
    def statement_helper(message: str) -> str:
        response = client.chat.completions.create(
            model="gpt-4o-mini", max_tokens=120,
            messages=[{"role": "system", "content": "You summarise bank statements for customers of Northbank."},
                      {"role": "user", "content": message}])
        return response.choices[0].message.content

    mlflow.openai.autolog()
    CLOCK.set(at(minute))
    statement_helper("Summarise my November statement, please.")
    mlflow.openai.autolog(disable=True)
    manifest["traces"][key] = mlflow.get_last_active_trace_id()


# --------------------------------------------------------------------------------------------
# 3. SDK spans: a prompt without its context
# --------------------------------------------------------------------------------------------

CLAUSES = [
    {"id": "clause-7.2-missed-connection", "page_content": "Clause 7.2: a missed connection caused by a delay of the first flight of more than three hours is covered up to the cost of rebooking.", "metadata": {"source": "policy/travel-plus-2026.pdf"}},
    {"id": "clause-7.4-strikes", "page_content": "Clause 7.4: strikes announced more than fourteen days before departure are excluded from cover.", "metadata": {"source": "policy/travel-plus-2026.pdf"}},
    {"id": "clause-9.1-claims", "page_content": "Clause 9.1: claims must be filed within sixty days with the airline's written confirmation of the delay.", "metadata": {"source": "policy/travel-plus-2026.pdf"}},
]


def seed_faq_context(manifest: dict, key: str, with_context: bool, minute: float) -> None:
    question = "My first flight was four hours late and I missed my connection. Am I covered?"
    system = "You answer questions about Travel Plus insurance policies. Be precise and cite clauses."
    if with_context:
        system += "\n\nRelevant clauses:\n" + "\n".join(c["page_content"] for c in CLAUSES)
    answer = ("Yes: under clause 7.2 a missed connection after a delay of more than three hours is covered up to the cost of rebooking."
              if with_context else "Yes, missed connections are generally covered; please check your policy documents for the details.")
    spec = {
        "name": "faq_bot", "type": SpanType.CHAIN, "start": 0, "end": 2100,
        "inputs": {"question": question}, "outputs": {"answer": answer},
        "children": [
            {"name": "search_clauses", "type": SpanType.RETRIEVER, "start": 10, "end": 260,
             "inputs": {"query": question, "top_k": 3}, "outputs": CLAUSES},
            {"name": "answer_question", "type": SpanType.CHAT_MODEL, "start": 270, "end": 2090,
             "inputs": {"messages": [{"role": "system", "content": system}, {"role": "user", "content": question}], "model": "gpt-4o-mini"},
             "outputs": {"choices": [{"index": 0, "message": {"role": "assistant", "content": answer}, "finish_reason": "stop"}]},
             "attrs": {"mlflow.chat.tokenUsage": {"input_tokens": 180 if with_context else 60, "output_tokens": 30, "total_tokens": 210 if with_context else 90}}},
        ],
    }
    root = span_tree(spec, None, at(minute))
    manifest["traces"][key] = root.trace_id


# --------------------------------------------------------------------------------------------
# 4. SDK spans: a number no tool returned
# --------------------------------------------------------------------------------------------

def seed_banking_transfer(manifest: dict, key: str, answer: str, minute: float) -> None:
    question = "How much would I get in dollars if I moved my savings balance to my US account?"
    spec = {
        "name": "banking_assistant", "type": SpanType.AGENT, "start": 0, "end": 2600,
        "inputs": {"messages": [{"role": "user", "content": question}]},
        "outputs": {"choices": [{"message": {"role": "assistant", "content": answer}}]},
        "children": [
            {"name": "get_balance", "type": SpanType.TOOL, "start": 20, "end": 240,
             "inputs": {"account": "savings"}, "outputs": {"account": "savings", "balance": 2140.55, "currency": "EUR"}},
            {"name": "get_fx_rate", "type": SpanType.TOOL, "start": 250, "end": 520,
             "inputs": {"pair": "EUR/USD"}, "outputs": {"pair": "EUR/USD", "rate": 1.0842, "as_of": "2026-11-22"}},
            {"name": "draft_reply", "type": SpanType.CHAT_MODEL, "start": 530, "end": 2580,
             "inputs": {"messages": [
                 {"role": "system", "content": "You are Northbank's assistant. Use only the tool results."},
                 {"role": "user", "content": question},
                 {"role": "tool", "content": '{"account": "savings", "balance": 2140.55, "currency": "EUR"}'},
                 {"role": "tool", "content": '{"pair": "EUR/USD", "rate": 1.0842, "as_of": "2026-11-22"}'}]},
             "outputs": {"choices": [{"message": {"role": "assistant", "content": answer}, "finish_reason": "stop"}]}},
        ],
    }
    root = span_tree(spec, None, at(minute))
    manifest["traces"][key] = root.trace_id


# --------------------------------------------------------------------------------------------
# 5. A session: a failed tool reported as done, built on, and judged
# --------------------------------------------------------------------------------------------

CARD_SESSION = "card-block-19"
CLAIM = "Done! Your card ending 4417 has been blocked and can no longer be used."


def seed_claimed_done_session(manifest: dict) -> None:  # noqa: PLR0914
    system = "You are Northbank's card assistant."
    turns = [
        ("I lost my card ending 4417, please block it right away.", CLAIM, True),
        ("Thanks. Can you send me a replacement card as well?",
         "Sure: as your card is blocked, a replacement card will reach you within 5 working days.", False),
        ("My banking app still shows the card as active and someone just paid with it!!",
         "I'm sorry to hear that. Your card ending 4417 is blocked, so this payment should be declined.", False),
    ]
    history: list[dict] = []
    trace_ids = []
    for n, (user, reply, fails) in enumerate(turns):
        messages = [{"role": "system", "content": system}, *history, {"role": "user", "content": user}]
        children = []
        t = 10
        if fails:
            error = raised(ConnectionError("card-service returned 503 Service Unavailable for card 4417"))
            children.append({"name": "block_card", "type": SpanType.TOOL, "start": t, "end": t + 2000,
                             "inputs": {"card_last4": "4417"}, "error": error, "status": "ERROR"})
            t += 2010
        children.append({"name": "card_llm", "type": SpanType.CHAT_MODEL, "start": t, "end": t + 800,
                         "inputs": {"messages": messages},
                         "outputs": {"choices": [{"message": {"role": "assistant", "content": reply}, "finish_reason": "stop"}]}})
        spec = {"name": "card_assistant", "type": SpanType.AGENT, "start": 0, "end": t + 820,
                "inputs": {"messages": messages}, "outputs": {"choices": [{"message": {"role": "assistant", "content": reply}}]},
                "children": children}
        root = span_tree(spec, None, at(60 + n * 2), {"mlflow.trace.session": CARD_SESSION, "mlflow.trace.user": "tomas"})
        trace_ids.append(root.trace_id)
        history += [{"role": "user", "content": user}, {"role": "assistant", "content": reply}]
    mlflow.log_feedback(trace_id=trace_ids[2], name="factual_consistency", value="no", source=JUDGE,
                        rationale="The assistant repeats its earlier claim that the card was blocked, but nothing in "
                                  "the conversation shows the block succeeded.")
    manifest["sessions"]["claimed_done"] = {"id": CARD_SESSION, "traces": trace_ids, "turns": len(turns)}


class PaymentDeclined(Exception):
    pass


def seed_payments(manifest: dict) -> None:
    """30 bookings through the store's span ingest: quote_fare → hold_seat → take_payment."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from batch_writer import BatchWriter

    exp = mlflow.set_experiment("dataflow-payments").experiment_id
    manifest["other_experiment_id"] = exp
    writer = BatchWriter(exp)
    routes = ["Bergen-Stavanger", "Busan-Jeju", "Dover-Calais", "Split-Hvar", "Piraeus-Naxos"]
    declined = 0
    for i in range(30):
        krw = i % 3 == 1
        currency = "KRW" if krw else ["USD", "EUR", "NOK", "GBP"][i % 4]
        fare = 38_000 + 1_500 * i if krw else round(24.5 + 3.35 * i, 2)
        cents = round(fare * 100)
        route = routes[i % len(routes)]
        hold = f"H-{7301 + i}"
        pay = {"name": "take_payment", "type": SpanType.TOOL, "start": 120, "end": 480,
               "inputs": {"hold_id": hold, "currency": currency, "amount_cents": cents}, "outputs": {"status": "captured", "payment_id": f"pay_{i:04d}"}}
        if krw:
            pay["error"] = raised(PaymentDeclined(f"{cents} {currency} is over the card's single-charge limit"))
            declined += 1
        spec = {"name": "book_ferry", "type": SpanType.AGENT, "start": 0, "end": 500, "inputs": {"message": f"Book me one seat {route}"},
                "outputs": {"reply": f"Booked {route} for {fare} {currency}."}, "children": [
                    {"name": "quote_fare", "type": SpanType.TOOL, "start": 5, "end": 60, "inputs": {"route": route},
                     "outputs": {"fare": fare, "currency": currency, "seats_left": 40 - i}},
                    {"name": "hold_seat", "type": SpanType.TOOL, "start": 65, "end": 110, "inputs": {"route": route, "seats": 1},
                     "outputs": {"hold_id": hold, "expires_in_s": 600}},
                    pay]}
        writer.add(spec, at(30 + i), tags={"app_version": "2.3"}, metadata={})
    writer.flush()
    manifest["facts"]["payments"] = {"traces": 30, "declined": declined, "span": "take_payment"}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tracking-uri", required=True)
    parser.add_argument("--manifest", required=True)
    parser.add_argument("--set", default="dataflow", choices=["dataflow"])
    parser.add_argument("--artifact-root")
    args = parser.parse_args()

    mlflow.set_tracking_uri(args.tracking_uri)
    manifest: dict = {"tracking_uri": args.tracking_uri, "traces": {}, "sessions": {}, "facts": {}}
    name = "dataflow"
    if mlflow.get_experiment_by_name(name) is None and args.artifact_root:
        mlflow.create_experiment(name, artifact_location=args.artifact_root)
    manifest["experiment_id"] = mlflow.set_experiment(name).experiment_id

    # The retriever's #1 (porcini v2) is ranked #3 by the reranker and cut by top_n=1.
    seed_langchain_rerank(manifest, "rerank_drop", ["risotto-porcini-v1", "risotto-mushroom-quick", "risotto-porcini-v2", "polenta-funghi"],
                          [0.88, 0.61, 0.34, 0.12], 1,
                          "Use arborio rice and a stock cube, then cook it covered for 25 minutes without stirring.", 0)
    seed_langchain_rerank(manifest, "rerank_ok", ["risotto-porcini-v2", "risotto-porcini-v1", "risotto-mushroom-quick", "polenta-funghi"],
                          [0.93, 0.71, 0.40, 0.11], 2,
                          "Soak 30 g dried porcini, toast 320 g carnaroli rice and add hot stock ladle by ladle for 18 minutes.", 2)
    seed_openai_statement(manifest, "truncated", STATEMENT_CUT, "length", 120, 4)
    seed_openai_statement(manifest, "complete", STATEMENT_FULL, "stop", 64, 6)
    seed_faq_context(manifest, "no_context", False, 8)
    seed_faq_context(manifest, "with_context", True, 10)
    seed_banking_transfer(manifest, "ungrounded",
                          "Your savings balance of €2,140.55 is about $2,320.78 at today's rate of 1.0842; "
                          "a transfer fee of $14.90 applies, so you would receive $2,305.88.", 12)
    seed_banking_transfer(manifest, "grounded",
                          "Your savings balance of €2,140.55 is about $2,320.78 at today's rate of 1.0842 (as of 2026-11-22).", 14)
    seed_claimed_done_session(manifest)
    manifest["facts"] = {
        "rerank_drop": {"retriever": "RecipeRetriever", "reranker": "rerank_recipes", "top_doc": "risotto-porcini-v2"},
        "truncated": {"max_tokens": 120},
        "no_context": {"retriever": "search_clauses", "model": "answer_question"},
        "ungrounded": {"fact": "$14.90"},
        "claimed_done": {"claim_turn": 1, "tool": "block_card", "built_on_turn": 2, "judged_turn": 3},
    }
    seed_payments(manifest)
    mlflow.flush_trace_async_logging()
    with open(args.manifest, "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, indent=2, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
