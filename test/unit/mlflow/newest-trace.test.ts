/** The newest trace from `mlflow traces search --output table` (a SQL store cannot print a full page as JSON). */
import { describe, expect, it } from 'vitest';
import { parseNewestTable } from '../../../scripts/lib/mlflow/newest-trace.js';

// As MLflow 3.17.2 prints it on a sqlite store (max_results 1: the page is full, so a bytes token follows).
const TABLE = [
  'info.trace_id                        info.request_time      ',
  '-----------------------------------  -----------------------',
  'tr-4624acfb4c0404c967ee0aeb5000086c  2026-10-07 23:50:00 UTC',
  '',
  "Next page token: b'eyJvZmZzZXQiOiAxfQ=='",
  '',
].join('\n');

describe('parseNewestTable', () => {
  it('the first row: its id and request time (UTC)', () => {
    expect(parseNewestTable(TABLE)).toEqual({ traceId: 'tr-4624acfb4c0404c967ee0aeb5000086c', timeMs: Date.parse('2026-10-07T23:50:00Z') });
  });
  it('no trace: an empty table (or nothing) is null', () => {
    expect(parseNewestTable('\n\n')).toBeNull();
    expect(parseNewestTable('info.trace_id    info.request_time\n-------------    -----------------\n')).toBeNull();
  });
  it('a time it cannot read: the trace still exists, its time unknown', () => {
    expect(parseNewestTable('info.trace_id  info.request_time\n-----  -----\ntr-9  N/A\n')).toEqual({ traceId: 'tr-9', timeMs: null });
  });
});
