import mlflow


@mlflow.trace(name="format_reply")
def render_answer(city: str, forecast: dict) -> str:
    return f"{city}: {forecast['temp_c']}C, {forecast['sky']}"
