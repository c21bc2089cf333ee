/**
 * A message with what varies between occurrences of the same failure replaced by placeholders,
 * so `order 48213 not found (req_8f3a2b)` and `order 977 not found (req_0c1d)` are one failure.
 * Failure clusters, verdict rationales and the cohorts' rationale clusters all group by it.
 */

const PATHLIKE = /^(~|\.{1,2})?\/[^\s]*$|^[A-Za-z]:\\/;
const QUOTED = /'([^']*)'|"([^"]*)"|`([^`]*)`/g;
const URL = /\b[a-z][a-z0-9+.-]*:\/\/[^\s,;)\]]+/gi;
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const TRACE_ID = /\btr-[0-9a-f]{8,}\b/gi;
const PATH = /(^|[\s=:(\[,])(?:~|\.{1,2})?(?:\/[\w.@%+-]+){2,}\/?/g;
const HEX = /\b0x[0-9a-f]+\b/gi;
/** Words mixing letters and digits joined by _ or - (req_8f3a2b, shard-17, user-42): ids. */
const JOINED_ID = /\b[a-z]+[_-](?=[\w-]*\d)[\w-]+\b/gi;
const BARE_HEX = /\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b/gi;
/** Letters then three or more digits (pnr G00870, booking AB12345): record ids. */
const RECORD_ID = /\b[A-Za-z]{1,4}\d{3,}[A-Za-z0-9]*\b/g;
const NUMBER = /[-+]?\d+(?:[.,]\d+)*(?:e[-+]?\d+)?/gi;

export function fingerprint(message: string): string {
  return message
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 2_000)
    .replace(QUOTED, (_m, a?: string, b?: string, c?: string) => (PATHLIKE.test(a ?? b ?? c ?? '') ? '<path>' : '<str>'))
    .replace(URL, '<url>')
    .replace(UUID, '<id>')
    .replace(TRACE_ID, '<id>')
    .replace(PATH, '$1<path>')
    .replace(HEX, '<hex>')
    .replace(JOINED_ID, '<id>')
    .replace(BARE_HEX, '<hex>')
    .replace(RECORD_ID, '<id>')
    .replace(NUMBER, '<n>');
}
