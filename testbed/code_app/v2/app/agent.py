"""The agent: plan, call the weather tool, format the reply."""
import logging

import mlflow
from fakechain import ChatModel

from app.formatting import render_answer
from app.tools.weather import get_weather

log = logging.getLogger(__name__)


class Planner:
    @mlflow.trace(name="plan_step")
    def plan(self, question: str) -> dict:
        ChatModel().invoke([{"role": "user", "content": question}])
        city = question.rstrip("?").split(" in ")[-1]
        return {"tool": "weather", "city": city}


@mlflow.trace(name="answer_question", span_type="AGENT")
def handle_request(question: str) -> str:
    log.info("question: %s", question)
    plan = Planner().plan(question)
    forecast = get_weather(plan["city"])
    return render_answer(plan["city"], forecast)
