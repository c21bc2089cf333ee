/** The applications in the window: by the root name tag, else by the root spans of the traces read with spans. */
import { expect, it } from 'vitest';
import { applicationsOf, rootAppsOf } from '../../../../scripts/lib/analysis/changes/applications.js';
import { facts, record } from '../../../support/change-records.js';

it('counts tagged applications, most traces first, each with its slowest trace', () => {
  const recs = [record(1, {}, { app: 'digest', durationMs: 45_000 }), record(2, {}, { app: 'copilot' }), record(3, {}, { app: 'copilot', durationMs: 2_000 })];
  expect(applicationsOf([...recs, record(4)])).toEqual([
    { name: 'copilot', traces: 2, slowest: { traceId: 'tr-3', durationMs: 2_000 } },
    { name: 'digest', traces: 1, slowest: { traceId: 'tr-1', durationMs: 45_000 } },
  ]);
});

it('names root applications only when there are several', () => {
  expect(rootAppsOf([facts('a'), facts('b'), facts('b'), facts(null)])).toEqual([
    { name: 'b', traces: 2 },
    { name: 'a', traces: 1 },
  ]);
  expect(rootAppsOf([facts('a'), facts('a')])).toEqual([]);
});
