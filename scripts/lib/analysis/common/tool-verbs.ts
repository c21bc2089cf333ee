/**
 * Whether a tool only reads, by its name's words: `get_contract`, `searchFlights`, `vector_search`
 * read; `add_booster`, `change_seat`, a name with neither kind of word may change what an earlier
 * read returned. A heuristic: a name is all a trace says of what a tool does.
 */

const READS = new Set(
  (
    'get list search lookup look find check fetch read show query describe retrieve view count calculate compute estimate quote verify validate ' +
    'status info details summary history balance usage lookup retriever rerank rank score classify extract parse translate summarize summarise'
  ).split(' '),
);

const WRITES = new Set(
  (
    'add set update change cancel book create delete remove move modify extend renew pay refund transfer send submit open close reset apply ' +
    'upgrade downgrade activate deactivate assign reserve schedule reschedule edit write post put patch insert save register enroll subscribe ' +
    'unsubscribe terminate port swap replace charge credit debit issue block unblock suspend resume approve reject confirm void rebook top'
  ).split(' '),
);

/** A tool name's words, lower case: snake, kebab, dotted and camel case split. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** True when the name says the tool reads only: a reading word and no writing one. */
export function readsOnly(name: string): boolean {
  const words = nameWords(name);
  return words.some((w) => READS.has(w)) && !words.some((w) => WRITES.has(w));
}
