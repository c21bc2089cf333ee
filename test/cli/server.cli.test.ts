/**
 * The same scripts against a real `mlflow server` on 127.0.0.1: traces written through its REST
 * API by the MLflow SDK, and OTel-instrumented chats sent over OTLP (GenAI conventions and
 * OpenInference), as most production apps reach MLflow.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { run, type Run } from '../support/helpers.js';

const server = inject('server');

describe.skipIf(!server)('against a tracking server (http://127.0.0.1:PORT)', () => {
  const env = { MLFLOW_TRACKING_URI: server?.url };
  const X = server?.manifest.experiment_id as string;
  let health: Run;
  let genai: Run;
  let genaiDiscover: Run;
  let oi: Run;
  beforeAll(async () => {
    [health, genai] = await Promise.all([
      run('health_check', [server?.manifest.traces.healthy as string], env),
      run('session_transcript', [X, 'otel-genai-session', '--json'], env),
    ]);
    [genaiDiscover, oi] = await Promise.all([
      run('discover_schema', [X, 'otel-genai-session'], env),
      run('session_transcript', [X, 'openinference-session', '--json'], env),
    ]);
  });

  it('health_check reads an SDK trace through REST and links to the MLflow UI', () => {
    expect(health.exitCode).toBe(0);
    expect(health.stdout).toMatch(/root weather_agent \[AGENT\]/);
    expect(health.stdout).toMatch(new RegExp(`MLflow UI: ${server?.url}/#/experiments/${X}/traces\\?selectedEvaluationId=tr-`));
    expect(health.stdout).toMatch(/gap: weather_agent waited on nothing for 90ms after get_forecast/);
  });

  it('an OTel GenAI session (gen_ai.input.messages over OTLP) gets its turn texts, not empty turns', () => {
    const j = genai.json() as { turns: Array<{ user: { text: string }; reply: { text: string }; tokens: { total: number } }>; spansLoaded: boolean };
    expect(j.turns.map((t) => t.user.text)).toEqual(['Which planet is largest?', 'How many moons does it have?', 'And Saturn?']);
    expect(j.turns.map((t) => t.reply.text)).toEqual(['Jupiter is the largest planet.', 'Jupiter has 95 known moons.', 'Saturn has 146 known moons.']);
    expect(j.turns[2]?.tokens.total).toBe(104);
    expect(j.spansLoaded).toBe(true);
  });

  it('discover_schema sees the agent root as a wrapper and finds the chat on the LLM span', () => {
    expect(genaiDiscover.exitCode).toBe(0);
    expect(genaiDiscover.stdout).toMatch(/wrapper: the root carries no readable turn; the turn lives on "chat gpt-4o"/);
    expect(genaiDiscover.stdout).toMatch(/turn 1: Which planet is largest\?/);
    expect(genaiDiscover.stdout).toMatch(/also on that span: gen_ai\.input\.messages \[otel-genai\]/);
    expect(genaiDiscover.stdout).toMatch(/--spans/);
  });

  it('an OpenInference session: previews first (over REST: no mlflow process), then its spans (a short session is read with them)', () => {
    const j = oi.json() as { turns: Array<{ user: { text: string }; reply: { text: string } }>; mlflowCalls: number };
    expect(j.turns.map((t) => t.user.text)).toEqual(['Recommend a sci-fi book.', 'Something shorter?', 'Thanks!']);
    expect(j.turns[0]?.reply.text).toMatch(/Left Hand of Darkness/);
    expect(j.mlflowCalls).toBe(1);
  });
});
