"""Weather lookups. Since the trace: city names are normalised first (lines moved down)."""
import mlflow

FORECASTS = {"Paris": {"temp_c": 18, "sky": "sunny"}}
ALIASES = {"paris": "Paris", "PARIS": "Paris"}


def normalise(city: str) -> str:
    return ALIASES.get(city.strip(), city.strip())


@mlflow.trace(name="fetch_forecast", span_type="TOOL")
def get_weather(city: str) -> dict:
    return _lookup(normalise(city))


def _lookup(city: str) -> dict:
    if city not in FORECASTS:
        raise LookupError(f"no forecast for {city}")
    return FORECASTS[city]
