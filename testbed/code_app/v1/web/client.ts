// The app's web client, traced with MLflow's TypeScript SDK (mlflow-tracing).
import * as mlflow from 'mlflow-tracing';

export interface Forecast {
  temp_c: number;
  sky: string;
}

export async function fetchForecast(city: string): Promise<Forecast> {
  const res = await fetch(`/api/weather?city=${encodeURIComponent(city)}`);
  return (await res.json()) as Forecast;
}

export class WeatherClient {
  private cache = new Map<string, Forecast>();

  async lookup(city: string): Promise<Forecast> {
    const hit = this.cache.get(city);
    if (hit) return hit;
    const fresh = await fetchForecast(city);
    this.cache.set(city, fresh);
    return fresh;
  }

  static create(): WeatherClient {
    return new WeatherClient();
  }

  clear = (): void => {
    this.cache.clear();
  };
}

export const renderCard = (city: string, f: Forecast): string => `${city}: ${f.temp_c}C, ${f.sky}`;

const summarise = async (cities: string[]) => {
  const client = WeatherClient.create();
  return Promise.all(cities.map((c) => client.lookup(c)));
};

export const handlers = {
  onSubmit: async (city: string) => renderCard(city, await fetchForecast(city)),
  onReset() {
    return null;
  },
};

export const tracedForecast = mlflow.trace(fetchForecast, { name: 'forecast_call', spanType: 'TOOL' });

export function summariseAll(cities: string[]) {
  return mlflow.withSpan(() => summarise(cities), {
    name: 'summarise_cities',
  });
}
