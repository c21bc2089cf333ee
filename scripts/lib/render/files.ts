/**
 * The footer lines naming the raw JSON kept on disk, in one place for every script. Output is
 * redacted, the file is not (it is the whole trace, for jq): the label says so. When the data
 * came from the trace cache, a second line says how old it is.
 */
import type { CacheStatus } from '../mlflow/cache.js';
import { cacheLines } from './cache-note.js';

export interface RawJsonOptions {
  /** A --from-file input: the user's own file, not one we wrote 0600. */
  fromUserFile?: boolean;
  /** How the ids in the file relate to the ids printed (single traces). */
  idNote?: string;
  cache?: CacheStatus | null;
}

export function rawJsonLine(what: string, files: readonly string[], fromUserFile = false): string {
  // Files mlflow wrote for us are created 0600 in a 0700 directory; a --from-file is the user's own.
  return `Full ${what} JSON (unredacted${fromUserFile ? '' : ', 0600'}): ${files.join(', ')}`;
}

export function rawJsonLines(what: string, files: readonly string[], opts: RawJsonOptions = {}): string[] {
  const line = rawJsonLine(what, files, opts.fromUserFile);
  return [opts.idNote ? `${line}  (${opts.idNote})` : line, ...cacheLines(opts.fromUserFile ? null : (opts.cache ?? null))];
}
