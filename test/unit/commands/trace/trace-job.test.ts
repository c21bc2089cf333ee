/** The front half of the single-trace commands: arguments → one parsed trace, and the command to go on with. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadTraceJob, TRACE_ARGS, TRACE_SOURCE_OPTIONS } from '../../../../scripts/lib/commands/trace/trace-job.js';
import { useFakeMlflow } from '../../../support/fake-mlflow.js';
import { fixture, tempDir } from '../../../support/helpers.js';
import { readFileSync } from 'node:fs';

const HEALTHY = 'tr-5c61137f2ff4f43333cc5a62d793af26';
const input = { traceId: undefined, fromFile: undefined, outDir: undefined, timeout: 120, fresh: false };
const entry = (script: string) => vi.spyOn(process, 'argv', 'get').mockReturnValue(['node', join(process.cwd(), 'dist', `${script}.mjs`)]);

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('a trace from a file', () => {
  it('the trace, the file, and follow-ups that read the same file', async () => {
    entry('health_check');
    const file = fixture('get-healthy.json');
    const job = await loadTraceJob({ ...input, fromFile: file });
    expect(job.trace.info.traceId).toBe(HEALTHY);
    expect(job.files).toEqual([file]);
    expect(job.fromFile).toBe(true);
    expect(job.again('inspect_turn', ['--span', 'get_forecast'])).toBe(`node ./dist/inspect_turn.mjs ${HEALTHY} --from-file ${file} --span get_forecast`);
  });

  it('--out-dir is ignored for a file (nothing is fetched)', async () => {
    const dir = join(tempDir('out-'), 'never');
    await loadTraceJob({ ...input, fromFile: fixture('get-healthy.json'), outDir: dir });
    expect(existsSync(dir)).toBe(false);
  });
});

describe('a trace from mlflow', () => {
  it('one get, with the timeout in seconds; the raw JSON kept in --out-dir; follow-ups by id alone', async () => {
    entry('health_check');
    const fake = useFakeMlflow();
    fake.answer('get', readFileSync(fixture('get-healthy.json'), 'utf8'));
    const dir = join(tempDir('out-'), 'raw');
    const job = await loadTraceJob({ ...input, traceId: HEALTHY, outDir: dir, timeout: 5 });
    expect(job.files).toEqual([join(dir, `trace-${HEALTHY}.json`)]);
    expect(job.fromFile).toBe(false);
    expect(job.again('locate_code')).toBe(`node ./dist/locate_code.mjs ${HEALTHY}`);
    expect(fake.calls()).toEqual([['traces', 'get', '--trace-id', HEALTHY]]);
  });
});

describe('the shared arguments', () => {
  it('a trace id, and --from-file', () => {
    expect(TRACE_ARGS.map((a) => a.metavar)).toEqual(['TRACE_ID']);
    expect(TRACE_SOURCE_OPTIONS.fromFile.metavar).toBe('PATH');
  });
});
