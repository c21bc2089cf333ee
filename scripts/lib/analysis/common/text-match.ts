/**
 * "Did this value or passage appear there?": the one place the findings ask it.
 * - a tool's error in a message the model was given (mentionsError);
 * - a retrieved document in a model's prompt, by id or by a window of its text (docInPrompt).
 */
import { normaliseText } from './text-facts.js';

/** Words that say a text reports a failure. */
export const ERROR_WORDS = /\b(error|exception|traceback|failed|failure|refused|timed? ?out|unavailable)\b/i;

/**
 * Whether `text` carries a failure's error: the start of its message (60 chars), or an error
 * word beside the failing span's name (or any error word when the failure had no message).
 */
export function mentionsError(text: string, message: string, spanName: string): boolean {
  const needle = message.trim().slice(0, 60);
  if (needle && text.includes(needle)) return true;
  return ERROR_WORDS.test(text) && (text.includes(spanName) || !needle);
}

/** A document as the prompt check needs it: its id and normalised windows of its text. */
export interface DocText {
  id: string | null;
  windows: string[];
}

/** An id worth looking for: 4+ normalised characters, not digits alone (a "1" is in every prompt). */
export const usableId = (id: string | null): string | null => {
  if (!id) return null;
  const n = normaliseText(id);
  return n.length >= 4 && !/^\d+$/.test(n) ? n : null;
};

/** Whether the document is in the (normalised) prompt: true, false, or null when it cannot be told. */
export function docInPrompt(doc: DocText, promptNorm: string): boolean | null {
  const id = usableId(doc.id);
  if (id && promptNorm.includes(id)) return true;
  if (doc.windows.some((w) => promptNorm.includes(w))) return true;
  return doc.windows.length ? false : null;
}
