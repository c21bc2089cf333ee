/**
 * The words of a text's clause before a position: back to the previous value, the start of the
 * sentence, or 120 characters, whichever is nearest. "Your appointment with Dr. Aas is on 18
 * December at 15:30" gives "your appointment with dr aas is on 18 december at" for 15:30: the noun a
 * date or time is said of, when another word stands right before it. A title's full stop ("Dr.")
 * does not end a sentence (sentences.ts).
 */
import { sentenceStart } from './sentences.js';

const WINDOW = 120;

/** The lower-case words between `from` (a previous value's end) or the sentence's start and `index`. */
export function clauseWordsBefore(text: string, index: number, from = 0): Set<string> {
  const start = Math.max(from, sentenceStart(text, index), index - WINDOW);
  return new Set(
    text
      .slice(start, index)
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? [],
  );
}
