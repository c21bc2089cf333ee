/**
 * Whether a reply says an action succeeded ("Done! Your booking is cancelled."). Conservative:
 * a reply that also speaks of failure, apology or retrying claims nothing.
 */
import { sentenceBounds } from '../common/sentences.js';

const ACTIONS = [
  'cancell?ed|booked|updated|sent|processed|refunded|scheduled|added|changed|completed',
  'submitted|placed|transferred|reset|renewed|registered|deleted|removed|filed',
].join('|');
const THINGS = 'booking|order|payment|transfer|claim|refund|reservation|request';
const SUCCESS = new RegExp(
  [
    String.raw`\b(done|all set|successfully`,
    `i(?:'ve| have) (?:now )?(?:${ACTIONS})`,
    `(?:has|have) been (?:successfully )?(?:${ACTIONS}|confirmed)`,
    'is (?:now )?(?:cancell?ed|confirmed|booked|scheduled|complete)',
    String.raw`(?:${THINGS}) (?:is )?confirmed)\b`,
  ].join('|'),
  'i',
);
const NOT_DONE = new RegExp(
  String.raw`\b(could ?n[o']t|can ?n[o']t|cannot|unable|failed|failure|error|sorry|unfortunately|try again` +
    String.raw`|not (?:been |yet )?(?:able|possible|done|completed|processed)|did ?n[o']t|was ?n[o']t|issue|problem|went wrong)\b`,
  'i',
);

/** The phrase that claims success, or null. */
export function successClaim(reply: string): string | null {
  const text = reply.slice(0, 4_000);
  if (NOT_DONE.test(text)) return null;
  const m = SUCCESS.exec(text);
  if (!m) return null;
  // The sentence holding the claim, and the next one when it is as short as "Done!".
  const b = sentenceBounds(text, m.index, text.length);
  const end = b.end - b.start < 30 && b.next < text.length ? sentenceBounds(text, b.next, text.length).end : b.end;
  return text.slice(b.start, end).trim().slice(0, 160);
}
