/**
 * Property-based: any JSON the schema accepts renders without throwing and within the bound,
 * whatever the ids, parents (cycles, orphans, duplicates), times, attributes and assessments.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseSession } from '../../scripts/lib/analysis/session/session.js';
import { analyseTrace } from '../../scripts/lib/analysis/trace/trace-report.js';
import { parseTrace, type Trace } from '../../scripts/lib/trace/trace.js';
import { buildTree } from '../../scripts/lib/trace/tree.js';
import { renderBudgeted } from '../../scripts/lib/render/budget.js';
import { healthSections } from '../../scripts/lib/render/health.js';
import { inspectSections } from '../../scripts/lib/render/inspect.js';
import { sessionSections } from '../../scripts/lib/render/session-view.js';

const ids = fc.constantFrom('AAAAAAAAAAA=', 'BBBBBBBBBBB=', 'CCCCCCCCCCC=', 'DDDDDDDDDDD=', '0123456789abcdef', 'x', '');
const attrValue = fc.oneof(fc.json(), fc.string(), fc.constant('"\\u0000"'), fc.constant('{"messages": [{"role": "user", "content": 5}]}'));
const span = fc.record({
  span_id: ids,
  parent_span_id: fc.option(ids, { nil: null }),
  name: fc.string({ maxLength: 300 }),
  start_time_unix_nano: fc.oneof(fc.integer({ min: 0, max: 2 ** 53 }), fc.constant(1_795_168_800_000_000_000)),
  end_time_unix_nano: fc.option(fc.integer({ min: 0, max: 2 ** 53 }), { nil: null }),
  status: fc.record({ code: fc.constantFrom('STATUS_CODE_OK', 'STATUS_CODE_ERROR', 'STATUS_CODE_UNSET', 'OK', 'weird'), message: fc.string() }),
  attributes: fc.dictionary(
    fc.constantFrom(
      'mlflow.spanInputs',
      'mlflow.spanOutputs',
      'mlflow.spanType',
      'mlflow.chat.tokenUsage',
      'gen_ai.input.messages',
      'input.value',
      'llm.input_messages.0.message.content',
      'other',
    ),
    attrValue,
  ),
  events: fc.array(
    fc.record({
      name: fc.constantFrom('exception', 'other'),
      time_unix_nano: fc.integer({ min: 0 }),
      attributes: fc.dictionary(fc.constantFrom('exception.type', 'exception.message', 'exception.stacktrace'), fc.oneof(fc.string(), fc.integer())),
    }),
    { maxLength: 2 },
  ),
});
const assessment = fc.record({
  assessment_id: fc.string(),
  assessment_name: fc.string({ maxLength: 50 }),
  feedback: fc.option(fc.record({ value: fc.jsonValue(), error: fc.option(fc.record({ error_code: fc.string() }), { nil: undefined }) }), { nil: undefined }),
  expectation: fc.option(fc.record({ value: fc.jsonValue() }), { nil: undefined }),
  rationale: fc.option(fc.string({ maxLength: 3000 }), { nil: undefined }),
  metadata: fc.option(fc.dictionary(fc.constantFrom('mlflow.trace.session', 'x'), fc.string()), { nil: undefined }),
  span_id: fc.option(fc.constantFrom('0123456789abcdef', '000000000000000a'), { nil: undefined }),
  valid: fc.option(fc.boolean(), { nil: undefined }),
});
const rawTrace = fc.record({
  info: fc.record({
    trace_id: fc.string({ minLength: 1, maxLength: 40 }),
    state: fc.constantFrom('OK', 'ERROR', 'IN_PROGRESS'),
    request_time: fc.option(fc.constantFrom('2026-11-20T10:00:00Z', 'not a date'), { nil: undefined }),
    request_preview: fc.option(fc.string({ maxLength: 2000 }), { nil: undefined }),
    trace_metadata: fc.option(fc.dictionary(fc.constantFrom('mlflow.trace.session', 'mlflow.trace.tokenUsage', 'mlflow.trace.cost'), fc.string()), {
      nil: undefined,
    }),
    assessments: fc.option(fc.array(assessment, { maxLength: 6 }), { nil: undefined }),
  }),
  data: fc.record({ spans: fc.array(span, { maxLength: 40 }) }),
});

const follow = { inspect: 'inspect', inspectSpan: (id: string) => `inspect --span ${id}` };

describe('any trace the schema accepts', () => {
  it('renders health_check and inspect_turn text within --max-chars, without throwing', () => {
    fc.assert(
      fc.property(rawTrace, fc.integer({ min: 300, max: 6000 }), (raw, maxChars) => {
        let trace: Trace;
        try {
          trace = parseTrace(raw);
        } catch {
          return; // rejected by the schema with a clear error: fine
        }
        const tree = buildTree(trace.spans);
        const report = analyseTrace(trace, tree);
        for (const sections of [
          healthSections(report, follow),
          inspectSections(report, tree, follow, {
            spanCommand: follow.inspectSpan,
            childrenCommand: (p, from) => `inspect --span ${p.span.id} from ${from}`,
            maxChars,
          }),
        ]) {
          const out = renderBudgeted(sections, ['Full trace JSON: /tmp/x.json'], maxChars, 'inspect --json').text;
          expect(out.length).toBeLessThanOrEqual(maxChars);
          expect(out).toContain('Full trace JSON');
        }
        expect(() => JSON.stringify(report)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('renders a session of such traces within --max-chars', () => {
    fc.assert(
      fc.property(fc.array(rawTrace, { minLength: 1, maxLength: 8 }), fc.integer({ min: 800, max: 8000 }), (raws, maxChars) => {
        const traces: Trace[] = [];
        for (const r of raws) {
          try {
            traces.push(parseTrace(r));
          } catch {
            // skip rejected ones
          }
        }
        if (!traces.length) return;
        const report = analyseSession('s', traces, true);
        const sections = sessionSections(report, { inspect: (t) => `inspect ${t}`, turns: (a, b) => `--turns ${a}-${b}` }, { maxChars, range: null });
        expect(renderBudgeted(sections, ['Full search JSON: x'], maxChars, '--json').text.length).toBeLessThanOrEqual(maxChars);
      }),
      { numRuns: 150 },
    );
  });
});
