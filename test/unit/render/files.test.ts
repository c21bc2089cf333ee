/** The footer lines naming the raw JSON on disk: unredacted, its mode, and the cache's age. */
import { describe, expect, it } from 'vitest';
import { rawJsonLine, rawJsonLines } from '../../../scripts/lib/render/files.js';

describe('the raw JSON footer', () => {
  it('files mlflow wrote for us are 0600; a --from-file is the user own file', () => {
    expect(rawJsonLine('trace', ['/tmp/a.json'])).toBe('Full trace JSON (unredacted, 0600): /tmp/a.json');
    expect(rawJsonLine('search', ['/tmp/p1.json', '/tmp/p2.json'], true)).toBe('Full search JSON (unredacted): /tmp/p1.json, /tmp/p2.json');
  });

  it('an id note follows the line; a cache hit adds its age, a --from-file never does', () => {
    const cache = { hit: true, ageS: 120 };
    expect(rawJsonLines('trace', ['/c/t.json'], { idNote: 'span ids as printed', cache })).toEqual([
      'Full trace JSON (unredacted, 0600): /c/t.json  (span ids as printed)',
      '(from cache: fetched 2 min ago; --fresh to refetch)',
    ]);
    expect(rawJsonLines('trace', ['/u/t.json'], { fromUserFile: true, cache })).toEqual(['Full trace JSON (unredacted): /u/t.json']);
    expect(rawJsonLines('trace', ['/c/t.json'], { cache: { hit: false, ageS: 0 } })).toEqual(['Full trace JSON (unredacted, 0600): /c/t.json']);
  });
});
