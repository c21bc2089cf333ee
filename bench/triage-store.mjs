#!/usr/bin/env node
// The triage benchmark's store: 10,000 traces by testbed/seed_triage.py (200 verdicts and judge
// failures each, to keep seeding in minutes). Built once, kept while the seeder is unchanged.
import { join } from 'node:path';
import { ensureStore, ensureVenv } from '../testbed/setup.mjs';

export const TRIAGE_BENCH_COUNT = Number(process.env.TRIAGE_BENCH_COUNT ?? 10_000);
export function ensureTriageBenchStore() {
  ensureVenv();
  return ensureStore(
    'triage-bench',
    ['--count', String(TRIAGE_BENCH_COUNT), '--max-assessments', '200'],
    join(import.meta.dirname, '..', 'testbed', 'seed_triage.py'),
  );
}
if (process.argv[1] && process.argv[1].endsWith('triage-store.mjs')) ensureTriageBenchStore();
