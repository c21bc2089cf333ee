/**
 * The only place that knows the output budget. Sections are written in order; when the whole
 * is over `maxChars`, the least important sections lose lines from their end first, and each
 * cut leaves a marker with how much went and the command that shows it. The footer (where the
 * full JSON is) is never cut.
 */
import { fmtInt } from './format.js';

export interface Section {
  lines: string[];
  /** Higher numbers are cut first. 0 is never cut (short essentials). */
  priority: number;
  /** The command (or file) that shows what a cut removed. */
  more?: string;
  name: string;
}

export interface Cut {
  section: string;
  linesCut: number;
  charsCut: number;
  more: string | null;
}

const sizeOf = (lines: readonly string[]) => lines.reduce((s, l) => s + l.length + 1, 0);

export function renderBudgeted(sections: Section[], footer: string[], maxChars: number, fallbackMore: string): { text: string; cuts: Cut[] } {
  const cuts: Cut[] = [];
  const footerSize = sizeOf(footer);
  let total = sections.reduce((s, sec) => s + sizeOf(sec.lines), 0) + footerSize;
  const order = [...sections].filter((s) => s.priority > 0).sort((a, b) => b.priority - a.priority);
  for (const sec of order) {
    if (total <= maxChars) break;
    const more = sec.more ?? fallbackMore;
    const before = sec.lines.length;
    let removed = 0;
    // Reserve room for the marker line itself.
    const markerRoom = 80 + more.length;
    while (sec.lines.length > 1 && total + markerRoom > maxChars) {
      const line = sec.lines.pop() as string;
      removed += line.length + 1;
      total -= line.length + 1;
    }
    if (removed) {
      const marker = `  … ${fmtInt(before - sec.lines.length)} more lines (${fmtInt(removed)} chars) cut; see: ${more}`;
      sec.lines.push(marker);
      total += marker.length + 1;
      cuts.push({ section: sec.name, linesCut: before - sec.lines.length + 1, charsCut: removed, more });
    }
  }
  let body = sections
    .map((s) => s.lines.join('\n'))
    .filter(Boolean)
    .join('\n');
  const room = maxChars - footerSize - 1;
  if (body.length > room) {
    const marker = `\n… output cut at ${fmtInt(maxChars)} chars (${fmtInt(body.length - room)} more); see: ${fallbackMore}`;
    const keep = Math.max(0, room - marker.length);
    cuts.push({ section: 'output', linesCut: 0, charsCut: body.length - keep, more: fallbackMore });
    body = body.slice(0, keep) + marker;
  }
  const text = footer.length ? `${body}\n${footer.join('\n')}` : body;
  return { text: text.length > maxChars ? text.slice(0, maxChars) : text, cuts };
}
