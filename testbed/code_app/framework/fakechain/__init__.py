"""Stands in for a framework with autologging (LangChain, OpenAI, …): installed outside the
app's repository, it opens spans named after its own classes, with no function name."""
import mlflow


class ChatModel:
    def invoke(self, messages: list) -> dict:
        with mlflow.start_span(name="ChatOpenAI", span_type="CHAT_MODEL") as span:
            span.set_inputs({"messages": messages})
            reply = {"role": "assistant", "content": "call weather"}
            span.set_outputs({"choices": [{"message": reply}]})
            return reply
