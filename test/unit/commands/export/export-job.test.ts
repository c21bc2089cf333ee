/** export_case's job over a fake mlflow: one trace → one case in a JSONL file, optionally logged on the trace too. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type ExportOptions, exportJob } from '../../../../scripts/lib/commands/export/export-job.js';
import { useFakeMlflow } from '../../../support/fake-mlflow.js';
import { fixture, tempDir } from '../../../support/helpers.js';

const ID = 'tr-be4c7a16efa8241856bfdb9713cb5209';
const opts = (o: Partial<ExportOptions> = {}): ExportOptions => ({
  traceId: ID,
  facts: [],
  logExpectation: false,
  dryRun: false,
  showSecrets: false,
  timeoutMs: 10_000,
  out: join(tempDir('export-'), 'eval', 'cases.jsonl'),
  ...o,
});
const withTrace = () => {
  const fake = useFakeMlflow();
  fake.answer('get', readFileSync(fixture('get-wrong-retrieval.json'), 'utf8'));
  return fake;
};

afterEach(() => vi.unstubAllEnvs());

describe('the case file', () => {
  it('is created with its directory; the case carries the trace id, its expectations and version tags', async () => {
    withTrace();
    const o = opts({ facts: ['refunds within 30 days'] });
    const r = await exportJob(o);
    expect(r).toMatchObject({ file: o.out, replaced: 0, total: 1, dryRun: false, logged: null, fromTrace: ['expected_answer', 'expected_facts'] });
    const line = JSON.parse(readFileSync(o.out as string, 'utf8'));
    expect(line.source_trace_id).toBe(ID);
    expect(line.expectations.expected_facts).toEqual(['refunds within 30 days']);
    expect(r.fileShown).toBe(o.out);
  });

  it('a second export of the same trace replaces the first', async () => {
    withTrace();
    const o = opts();
    await exportJob(o);
    const again = await exportJob({ ...o, response: 'Refunds within 30 days.' });
    expect([again.replaced, again.total]).toEqual([1, 1]);
    expect(
      readFileSync(o.out as string, 'utf8')
        .trim()
        .split('\n'),
    ).toHaveLength(1);
  });

  it('a dry run writes nothing', async () => {
    withTrace();
    const o = opts({ dryRun: true });
    const r = await exportJob(o);
    expect(r.dryRun).toBe(true);
    expect(existsSync(o.out as string)).toBe(false);
  });

  it('a file it cannot write is an output-dir error', async () => {
    withTrace();
    const blocker = join(tempDir('export-'), 'file');
    writeFileSync(blocker, 'x');
    await expect(exportJob(opts({ out: join(blocker, 'cases.jsonl') }))).rejects.toMatchObject({ kind: 'output-dir' });
  });
});

describe('--log-expectation', () => {
  it('needs an --expect or --expect-response, and says so before any call', async () => {
    const fake = withTrace();
    await expect(exportJob(opts({ logExpectation: true }))).rejects.toMatchObject({ kind: 'usage' });
    expect(fake.calls()).toEqual([]);
  });

  it('logs the new expectations on the trace as a HUMAN annotation run (values as JSON)', async () => {
    withTrace();
    const r = await exportJob(opts({ logExpectation: true, dryRun: true, facts: ['30 days'], response: '42' }));
    expect(r.logged?.writes.map((w) => w.what)).toEqual(['expectation expected_facts = ["30 days"]', 'expectation expected_response = "42"']);
    const argv = r.logged?.writes[0]?.argv ?? [];
    expect(argv.slice(argv.indexOf('--source-type'), argv.indexOf('--source-type') + 2)).toEqual(['--source-type', 'HUMAN']);
  });
});
