/** Is this directory the application's checkout? Decided from the files the trace names. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkoutRoot, repoMatch, traceFiles } from '../../../scripts/lib/code/repo-match.js';
import type { Span } from '../../../scripts/lib/trace/trace.js';
import { tempDir } from '../../support/helpers.js';
import { span, trace } from '../../support/spans.js';

const raising = (id: string, files: string[]): Span => {
  const s = span(id, 'tool', { error: ['LookupError', 'x'] });
  const frames = files.map((f, i) => `  File "${f}", line ${i + 1}, in fn\n    code()`).join('\n');
  (s.events[0] as { attributes: Record<string, unknown> }).attributes['exception.stacktrace'] = `Traceback (most recent call last):\n${frames}\nLookupError: x`;
  return s;
};

describe('the files a trace names', () => {
  it("its exceptions' frames (library frames left out, each file once) and the entry script", () => {
    const t = trace('tr-1', {
      spans: [
        raising('a', ['/srv/app/agent.py', '/usr/lib/python3.11/site-packages/mlflow/x.py', '/srv/app/tools.py']),
        raising('b', ['/srv/app/tools.py']),
        span('ok', 'fine'),
      ],
    });
    expect(traceFiles(t, '/srv/app/main.py')).toEqual(['/srv/app/tools.py', '/srv/app/agent.py', '/srv/app/main.py']);
    expect(traceFiles(trace('tr-2'), null)).toEqual([]);
  });

  it('at most 40 files', () => {
    const many = Array.from({ length: 60 }, (_, i) => `/srv/app/m${i}.py`);
    expect(traceFiles(trace('tr-1', { spans: [raising('a', many)] }), null)).toHaveLength(40);
  });
});

describe('the checkout', () => {
  const root = tempDir('checkout-');
  mkdirSync(join(root, '.git'));
  mkdirSync(join(root, 'app', 'tools'), { recursive: true });
  writeFileSync(join(root, 'app', 'tools', 'weather.py'), 'x = 1\n');

  it('the git root above a directory (no git process), else the directory itself', () => {
    expect(checkoutRoot(join(root, 'app', 'tools'))).toBe(root);
    const loose = tempDir('loose-');
    expect(checkoutRoot(loose)).toBe(loose);
  });

  it('here when a named file exists, by path or by path suffix', () => {
    expect(repoMatch(root, ['/home/ci/build/app/tools/weather.py', '/x/other.py'])).toEqual({
      root,
      files: ['/home/ci/build/app/tools/weather.py', '/x/other.py'],
      found: '/home/ci/build/app/tools/weather.py',
      here: true,
    });
  });

  it('not here when the trace names files and none exists; undecided (here) when it names none', () => {
    expect(repoMatch(root, ['/srv/other_app/main.py'])).toMatchObject({ found: null, here: false });
    expect(repoMatch(root, [])).toMatchObject({ found: null, here: true });
  });
});
