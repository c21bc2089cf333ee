/** A trace search as a stream of pages, over a fake mlflow: page tokens followed, the limit cut, single-call stores. */
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Page, type PageQuery, searchPages } from '../../../scripts/lib/mlflow/pages.js';
import { useFakeMlflow } from '../../support/fake-mlflow.js';
import { fixture, tempDir } from '../../support/helpers.js';
import type { Trace } from '../../../scripts/lib/trace/trace.js';

const SEARCH = JSON.parse(readFileSync(fixture('search-hotel-session-nospans.json'), 'utf8')) as { traces: unknown[] };
const page = (from: number, to: number, next: string | null) => JSON.stringify({ traces: SEARCH.traces.slice(from, to), next_page_token: next });
const query = (o: Partial<PageQuery> = {}): PageQuery => ({ experimentId: '1', includeSpans: false, label: 'recent', ...o });

async function all(q: PageQuery, trackingUri: string): Promise<Page[]> {
  const pages: Page[] = [];
  for await (const p of searchPages(q, { dir: tempDir('run-') }, trackingUri)) pages.push(p);
  return pages;
}
const summary = (pages: Page[]) => pages.map((p) => ({ n: p.n, traces: p.traces.length, more: p.more, totalKnown: p.totalKnown, rest: p.rest.length }));

afterEach(() => vi.unstubAllEnvs());

describe('a tracking server (pages of at most 500)', () => {
  const SERVER = 'http://localhost:5000';

  it('follows the page tokens to the end', async () => {
    const fake = useFakeMlflow(SERVER);
    fake.answer('search', page(0, 4, 'p2'));
    fake.answer('search', page(4, 6, null), 'p2');
    const pages = await all(query(), SERVER);
    expect(summary(pages)).toEqual([
      { n: 1, traces: 4, more: false, totalKnown: null, rest: 0 },
      { n: 2, traces: 2, more: false, totalKnown: null, rest: 0 },
    ]);
    expect(
      fake.calls().map((c) => c.slice(c.indexOf('--max-results'), c.indexOf('--max-results') + 2).concat(c.includes('--page-token') ? ['token'] : [])),
    ).toEqual([
      ['--max-results', '500'],
      ['--max-results', '500', 'token'],
    ]);
  });

  it('stops at the limit: the page cut to fit says more traces match', async () => {
    const fake = useFakeMlflow(SERVER);
    fake.answer('search', page(0, 4, 'p2'));
    fake.answer('search', page(4, 6, null), 'p2');
    const pages = await all(query({ limit: 5 }), SERVER);
    expect(summary(pages)).toEqual([
      { n: 1, traces: 4, more: false, totalKnown: null, rest: 0 },
      { n: 2, traces: 1, more: true, totalKnown: null, rest: 0 },
    ]);
    expect(fake.calls()[0]).toContain('5');
  });

  it('a limit reached exactly at a page end, with a token left: more match, and no further call', async () => {
    const fake = useFakeMlflow(SERVER);
    fake.answer('search', page(0, 4, 'p2'));
    const pages = await all(query({ limit: 4 }), SERVER);
    expect(summary(pages)).toEqual([{ n: 1, traces: 4, more: true, totalKnown: null, rest: 0 }]);
    expect(fake.calls()).toHaveLength(1);
  });

  it('an empty page after a full one ends the search', async () => {
    const fake = useFakeMlflow(SERVER);
    fake.answer('search', page(0, 2, 'p2'));
    fake.answer('search', page(0, 0, 'p3'), 'p2');
    expect(summary(await all(query(), SERVER)).map((p) => p.traces)).toEqual([2, 0]);
    expect(fake.calls()).toHaveLength(2);
  });
});

describe('a SQL store (one call)', () => {
  // A store file that exists: the runner refuses a missing one before mlflow runs.
  const SQL = `sqlite:///${tempDir('sql-store-')}`;

  it('says how many matched, and hands over the traces the limit cut', async () => {
    const fake = useFakeMlflow(SQL);
    fake.answer('search', page(0, 6, null));
    const pages = await all(query({ limit: 4 }), SQL);
    expect(summary(pages)).toEqual([{ n: 1, traces: 4, more: true, totalKnown: 6, rest: 2 }]);
    expect(fake.calls()[0]).toContain('50000');
  });

  it('no limit: every trace, nothing more', async () => {
    useFakeMlflow(SQL).answer('search', page(0, 6, null));
    expect(summary(await all(query(), SQL))).toEqual([{ n: 1, traces: 6, more: false, totalKnown: 6, rest: 0 }]);
  });

  it('keeps what the store cannot filter (an assessment source): the limit, the count and the rest are of the traces kept', async () => {
    useFakeMlflow(SQL).answer('search', page(0, 6, null));
    let n = 0;
    const everyOther = (t: Trace) => (n++ % 2 === 0 ? t : null);
    expect(summary(await all(query({ limit: 2, keep: everyOther }), SQL))).toEqual([{ n: 1, traces: 2, more: true, totalKnown: 3, rest: 1 }]);
  });
});
