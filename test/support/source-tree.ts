/** A small source tree written to a temp dir for code-search tests (no git): path relative to root → text. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { LocateQuery } from '../../scripts/lib/code/candidates.js';
import { tempDir } from './helpers.js';

export function sourceTree(files: Record<string, string>): string {
  const root = tempDir('source-tree-');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** A locate query with nothing in it but what the test gives. */
export const locateQuery = (o: Partial<LocateQuery> = {}): LocateQuery => ({
  functions: [],
  spanNames: [],
  frames: [],
  entryScript: null,
  entryCalls: [],
  ...o,
});
