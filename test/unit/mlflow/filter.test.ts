/** Trace filters: typed, quoted once, ANDed; durations and dates read. */
import { describe, expect, it } from 'vitest';
import { SkillError } from '../../../scripts/lib/core/errors.js';
import { buildTraceFilter, parseTimeArg, traceIdsFilter } from '../../../scripts/lib/mlflow/filter.js';

const H = 3_600_000;

describe('filters: typed, quoted once, ANDed', () => {
  it('builds every clause kind', () => {
    const f = buildTraceFilter({
      sinceMs: 1000,
      untilMs: 2000,
      status: 'ERROR',
      minExecutionMs: 500,
      tags: [
        ['app_version', 'v42'],
        ['team.name', 'a b'],
      ],
      metadata: [['mlflow.source.name', 'app.py']],
      user: "o'brien",
      session: 's1',
      spanName: 'call_llm',
      feedback: [['correctness', 'no']],
      raw: "tag.x = 'y'",
    });
    expect(f).toBe(
      "trace.timestamp_ms >= 1000 AND trace.timestamp_ms < 2000 AND trace.status = 'ERROR' AND trace.execution_time_ms >= 500 AND tag.app_version = 'v42' AND tag.`team.name` = 'a b' AND metadata.`mlflow.source.name` = 'app.py' AND metadata.`mlflow.trace.user` = \"o'brien\" AND metadata.`mlflow.trace.session` = 's1' AND span.name = 'call_llm' AND feedback.correctness = 'no' AND tag.x = 'y'",
    );
  });
  it('refuses a value with both quote kinds, and a key with a backtick', () => {
    expect(() => buildTraceFilter({ tags: [['k', `it's "x"`]] })).toThrow(SkillError);
    expect(() => buildTraceFilter({ user: `o'brien "the" great` })).toThrow(/both ' and "/);
    expect(() => buildTraceFilter({ tags: [['a`b', 'v']] })).toThrow(/backtick/);
  });
  it('reads durations and dates, and nothing else', () => {
    const now = Date.parse('2026-11-25T12:00:00Z');
    expect(parseTimeArg('24h', '--since', now)).toBe(now - 24 * H);
    expect(parseTimeArg('7d', '--since', now)).toBe(now - 7 * 24 * H);
    expect(parseTimeArg('30m', '--since', now)).toBe(now - 30 * 60_000);
    expect(parseTimeArg('2026-11-20', '--since', now)).toBe(Date.parse('2026-11-20T00:00:00Z'));
    expect(parseTimeArg('2026-11-20T09:30', '--since', now)).toBe(Date.parse('2026-11-20T09:30:00Z'));
    expect(parseTimeArg('2026-11-20T09:30+02:00', '--since', now)).toBe(Date.parse('2026-11-20T07:30:00Z'));
    for (const bad of ['yesterday', '24', '1y', '2026-13-45', '']) expect(() => parseTimeArg(bad, '--since', now)).toThrow(SkillError);
  });
});

describe('traceIdsFilter', () => {
  it('selects traces by id; none, or an id with a quote in it, selects nothing', () => {
    expect(traceIdsFilter(['tr-1', 'tr-2'])).toBe("trace.request_id IN ('tr-1', 'tr-2')");
    expect(traceIdsFilter([])).toBeNull();
    expect(traceIdsFilter(["tr-1' OR '1"])).toBeNull();
  });
});
