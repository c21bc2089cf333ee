import { describe, expect, it } from 'vitest';
import { buildTurn, needsSpans, readTurn } from '../../../../scripts/lib/analysis/session/turn.js';
import { readJsonFile } from '../../../../scripts/lib/core/read-json.js';
import { parseSearch, parseTrace } from '../../../../scripts/lib/trace/trace.js';
import { fixture } from '../../../support/helpers.js';
import { trace } from '../../../support/spans.js';

describe('a trace as a turn', () => {
  it('reads the previews when the trace has no spans, and says so', () => {
    const [first] = parseSearch(readJsonFile(fixture('search-hotel-session-nospans.json'), 'x')).traces;
    const t = buildTurn(first as NonNullable<typeof first>, 1);
    expect(t.n).toBe(1);
    expect(t.user?.text).toMatch(/^Hi, I need a/);
    expect(t.source).toBe('trace previews (request_preview / response_preview)');
    expect([t.textSpan, t.history, t.findings, t.builtOnClaim]).toEqual([null, null, null, null]);
  });
  it('reads the spans when there are some: the span that carries the chat, the culprit, the findings, the model input', () => {
    const failing = parseTrace(readJsonFile(fixture('get-tool-error-answered.json'), 'x'));
    const { turn, historyNorm } = readTurn(failing, 3);
    expect(turn.textSpan?.name).toBeTruthy();
    expect(turn.findings).not.toBeNull();
    expect(historyNorm.length).toBeGreaterThan(0);
    // Keys in the order --json has always printed them.
    expect(Object.keys(turn)).toEqual([
      'n',
      'traceId',
      'requestTime',
      'requestTimeMs',
      'state',
      'durationMs',
      'tokens',
      'user',
      'reply',
      'source',
      'textSpan',
      'history',
      'error',
      'assessments',
      'findings',
      'builtOnClaim',
    ]);
  });
  it('needs spans when a turn has no readable user message or a JSON reply', () => {
    expect(needsSpans([buildTurn(trace('tr-1', { request: 'hello' }), 1)])).toBe(true);
  });
});
