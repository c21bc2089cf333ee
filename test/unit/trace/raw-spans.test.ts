import { expect, it } from 'vitest';
import { fromV2, fromV3 } from '../../../scripts/lib/trace/raw-spans.js';
import type { RawSpanV2, RawSpanV3 } from '../../../scripts/lib/trace/schema.js';
import type { Span } from '../../../scripts/lib/trace/types.js';

const expected: Span = {
  id: 'a1b2c3d4e5f60718',
  parentId: null,
  name: 'agent',
  startMs: 1,
  endMs: 3,
  status: 'ERROR',
  statusMessage: 'boom',
  rawAttributes: { 'mlflow.spanType': '"AGENT"' },
  events: [{ name: 'exception', timeMs: 2, attributes: { 'exception.type': 'KeyError' } }],
};

it('reads a 3.x span (base64 id, status code, nanosecond times)', () => {
  const raw = {
    span_id: 'obLD1OX2Bxg=',
    parent_span_id: '',
    name: 'agent',
    start_time_unix_nano: 1_000_000,
    end_time_unix_nano: 3_000_000,
    status: { code: 'STATUS_CODE_ERROR', message: 'boom' },
    attributes: { 'mlflow.spanType': '"AGENT"' },
    events: [{ name: 'exception', time_unix_nano: 2_000_000, attributes: { 'exception.type': 'KeyError' } }],
  } as unknown as RawSpanV3;
  expect(fromV3(raw)).toEqual(expected);
});

it('reads a 2.x span (context.span_id, status_code, timestamps)', () => {
  const raw = {
    context: { span_id: '0xa1b2c3d4e5f60718' },
    parent_id: null,
    name: 'agent',
    start_time: 1_000_000,
    end_time: 3_000_000,
    status_code: 'ERROR',
    status_message: 'boom',
    attributes: { 'mlflow.spanType': '"AGENT"' },
    events: [{ name: 'exception', timestamp: 2_000_000, attributes: { 'exception.type': 'KeyError' } }],
  } as unknown as RawSpanV2;
  expect(fromV2(raw)).toEqual(expected);
});
