/** The typed marker a secret is replaced by, and the count of what one redaction pass replaced. */
export const markerOf = (kind: string): string => `[redacted ${kind}]`;
/** Where a marker starts: text already masked is never masked again. */
export const MARKER_START = '[redacted ';

/** What one pass replaced, by kind (and the environment's credentials, read once per pass). */
export class RedactionTally {
  readonly kinds: Record<string, number> = {};
  count = 0;
  add(kind: string): string {
    this.kinds[kind] = (this.kinds[kind] ?? 0) + 1;
    this.count += 1;
    return markerOf(kind);
  }
}
