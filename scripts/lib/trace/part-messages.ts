/**
 * Pydantic AI's messages (`mlflow.pydantic_ai.autolog()` logs them as they are): a model request's
 * input is `{messages: [{kind: request|response, parts: [...], instructions}]}`, its output one
 * `{kind: response, parts: [...]}`. Each part is one message of ours, by its `part_kind`.
 */
type Json = unknown;
type Role = 'user' | 'assistant' | 'system' | 'tool' | 'other';
const isObj = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A Pydantic AI message: parts and the kind of exchange they belong to. */
export const isPartMessage = (v: Json): v is { parts: Json[]; kind: string } =>
  isObj(v) && Array.isArray(v.parts) && (v.kind === 'request' || v.kind === 'response');

const text = (v: Json): string => {
  if (typeof v === 'string') return v;
  try {
    return JSON.stringify(v) ?? '';
  } catch {
    return String(v);
  }
};

/** One part as a message: the role it plays and its text (a tool call as `[tool call: name]`). */
function partMessage(p: Json): { role: Role; text: string } | null {
  if (!isObj(p)) return null;
  switch (p.part_kind) {
    case 'system-prompt':
      return { role: 'system', text: text(p.content) };
    case 'user-prompt':
      return { role: 'user', text: Array.isArray(p.content) ? p.content.filter((c) => typeof c === 'string').join('\n') : text(p.content) };
    case 'tool-return':
      return { role: 'tool', text: text(p.content) };
    // A tool's ModelRetry (or arguments that failed validation) goes back to the model as a retry prompt.
    case 'retry-prompt':
      return { role: typeof p.tool_name === 'string' ? 'tool' : 'user', text: text(p.content) };
    case 'text':
      return { role: 'assistant', text: text(p.content) };
    case 'tool-call':
      return { role: 'assistant', text: `[tool call: ${String(p.tool_name)}]` };
    default:
      return null;
  }
}

/**
 * The messages of a list of Pydantic AI messages, in order; null when the list is not one. The
 * instructions the model was given are the last request's: they come first, as the system message.
 */
export function partMessages(list: Json[]): Array<{ role: Role; text: string }> | null {
  if (!list.length || !list.every(isPartMessage)) return null;
  const instructions = [...list].reverse().find((m) => m.kind === 'request' && typeof (m as Record<string, Json>).instructions === 'string');
  const out: Array<{ role: Role; text: string }> = [];
  if (instructions) out.push({ role: 'system', text: String((instructions as Record<string, Json>).instructions) });
  for (const m of list) for (const p of m.parts) out.push(...[partMessage(p)].filter((x) => x !== null));
  return out;
}

/** A response's reply: its text parts, else `[tool call: …]` when it only calls tools; null when not a response. */
export function partReply(value: Json): string | null {
  if (!isPartMessage(value) || value.kind !== 'response') return null;
  const msgs = value.parts.map(partMessage).filter((m) => m !== null && m.role === 'assistant') as Array<{ text: string }>;
  const texts = msgs.filter((m) => !m.text.startsWith('[tool call: '));
  if (texts.length) return texts.map((m) => m.text).join('\n');
  return msgs.length ? `[tool call: ${msgs.map((m) => m.text.slice(12, -1)).join(', ')}]` : null;
}

/** A response's tool calls with their arguments as written. */
export function partToolCalls(value: Json): Array<{ name: string; args: string }> {
  if (!isPartMessage(value)) return [];
  return value.parts
    .filter((p): p is Record<string, Json> => isObj(p) && p.part_kind === 'tool-call' && typeof p.tool_name === 'string')
    .map((p) => ({ name: String(p.tool_name), args: p.args === undefined || p.args === null ? '' : text(p.args) }));
}
