/**
 * Plain text out of whatever shape an app logged a chat turn in: OpenAI chat (`messages`,
 * `choices[0].message`), the Responses API (`input` / `output`), Anthropic content blocks,
 * LangChain messages and generations, OTel GenAI `parts`, Pydantic AI's parts (part-messages.ts), flattened OpenInference messages,
 * plain strings, and dicts with one obvious text field. Anything else becomes a short JSON
 * preview: a turn is never shown as empty when something was logged.
 */

import { isSecretKey } from '../core/secret-names.js';
import { isPartMessage, partMessages, partReply, partToolCalls } from './part-messages.js';

export type Role = 'user' | 'assistant' | 'system' | 'tool' | 'other';

export interface Message {
  role: Role;
  text: string;
}

export interface Extracted {
  text: string;
  /** How the text was found, e.g. `messages[-1 user]`, `choices[0].message`, `string`, `json`. */
  shape: string;
  /** The one string among a few fields, under a key that names no text (`subscriber`): a field, maybe not the gist. */
  lone?: true;
}

export type Json = unknown;
const isObj = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

const ROLE_ALIASES: Record<string, Role> = {
  user: 'user',
  human: 'user',
  humanmessage: 'user',
  input: 'user',
  assistant: 'assistant',
  ai: 'assistant',
  aimessage: 'assistant',
  model: 'assistant',
  bot: 'assistant',
  aimessagechunk: 'assistant',
  system: 'system',
  systemmessage: 'system',
  developer: 'system',
  tool: 'tool',
  function: 'tool',
  toolmessage: 'tool',
  ipython: 'tool',
};

function roleOf(m: Record<string, Json>): Role | null {
  const raw = m.role ?? m.type ?? (isObj(m.kwargs) ? m.kwargs.type : undefined) ?? (Array.isArray(m.id) ? m.id.at(-1) : undefined);
  if (typeof raw !== 'string') return null;
  return ROLE_ALIASES[raw.toLowerCase()] ?? 'other';
}

/** The text of a content value: a string, or blocks ({type: text|input_text|output_text}, parts). */
export function contentText(content: Json): string | null {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    const texts = content
      .map((b) => {
        if (typeof b === 'string') return b;
        if (!isObj(b)) return null;
        if (typeof b.text === 'string') return b.text;
        if (typeof b.content === 'string') return b.content;
        if (isObj(b.text) && typeof b.text.value === 'string') return b.text.value;
        return null;
      })
      .filter((t): t is string => t !== null);
    return texts.length ? texts.join('\n') : null;
  }
  if (isObj(content) && typeof content.text === 'string') return content.text;
  return null;
}

function messageOf(m: Json): Message | null {
  if (!isObj(m)) return null;
  const role = roleOf(m);
  if (!role) return null;
  const body = isObj(m.kwargs) ? m.kwargs : m;
  const text = contentText(body.content ?? body.parts ?? body.text);
  if (text !== null) return { role, text };
  const calls = body.tool_calls ?? (isObj(body.additional_kwargs) ? body.additional_kwargs.tool_calls : undefined);
  if (Array.isArray(calls) && calls.length) {
    const names = calls.map((c) => (isObj(c) && isObj(c.function) ? c.function.name : isObj(c) ? c.name : '?')).join(', ');
    return { role, text: `[tool call: ${names}]` };
  }
  return { role, text: '' };
}

/** A list of chat messages if the value is one (or wraps one), else null. */
export function messagesOf(value: Json): Message[] | null {
  let list: Json = value;
  if (isObj(value)) {
    list = value.messages ?? value.input ?? value.output ?? value.contents;
    // LangChain nests batches: {"messages": [[...]]}
    if (Array.isArray(list) && list.length === 1 && Array.isArray(list[0])) list = list[0];
  }
  if (!Array.isArray(list) || list.length === 0) return null;
  const parts = partMessages(list);
  if (parts) return parts;
  const msgs = list.map(messageOf);
  if (msgs.some((m) => m === null)) return null;
  return msgs as Message[];
}

/** OpenInference and OpenLLMetry flatten messages into keys: llm.input_messages.0.message.role … */
export function flattenedMessages(attrs: Record<string, Json>, prefix: string): Message[] | null {
  const re = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.(\\d+)\\.(?:message\\.)?(role|content)$`);
  const slots = new Map<number, { role?: string; content?: string }>();
  for (const [key, value] of Object.entries(attrs)) {
    const m = re.exec(key);
    if (!m) continue;
    const slot = slots.get(Number(m[1])) ?? {};
    const v = typeof value === 'string' ? value : JSON.stringify(value);
    if (m[2] === 'role') slot.role = v;
    else slot.content = v;
    slots.set(Number(m[1]), slot);
  }
  if (!slots.size) return null;
  return [...slots.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([, s]) => ({
      role: ROLE_ALIASES[(s.role ?? '').toLowerCase()] ?? 'other',
      text: s.content ?? '',
    }));
}

const TEXT_FIELDS_IN = ['query', 'question', 'input', 'prompt', 'user_input', 'message', 'text', 'content', 'request', 'inputs'];
const TEXT_FIELDS_OUT = ['answer', 'output', 'response', 'result', 'text', 'content', 'completion', 'reply', 'outputs', 'generated_text'];

export function preview(value: Json, max = 200): string {
  let s: string;
  try {
    s = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    s = String(value);
  }
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function singleField(value: Record<string, Json>, fields: readonly string[], depth: number, side: 'in' | 'out'): Extracted | null {
  for (const f of fields) {
    if (!(f in value)) continue;
    const inner = side === 'in' ? userText(value[f], depth + 1) : replyText(value[f], depth + 1);
    if (inner && inner.shape !== 'json') return { text: inner.text, shape: `${f}${inner.shape === 'string' ? '' : `.${inner.shape}`}` };
  }
  // A value under a key named like a secret (api_key, password…) is never the turn's text, and
  // shown bare it would lose the name that lets the redaction pass recognise it.
  const strings = Object.entries(value).filter(([k, v]) => typeof v === 'string' && !isSecretKey(k));
  // Beside numbers or flags ({items: 2, total: 3400, currency: "JPY"}) the one string is a field
  // among fields, not the text: showing "JPY" alone would hide the total.
  const scalarsBeside = Object.values(value).some((v) => typeof v === 'number' || typeof v === 'boolean');
  if (strings.length === 1 && Object.keys(value).length <= 3 && !scalarsBeside) {
    const [k, v] = strings[0] as [string, string];
    return { text: v, shape: k, lone: true };
  }
  return null;
}

/**
 * The user's message in a turn's input: the last user message when the whole history is
 * replayed (not the history itself).
 */
export function userText(value: Json, depth = 0): Extracted | null {
  if (value === undefined || value === null || depth > 4) return null;
  if (typeof value === 'string') return value.trim() ? { text: value, shape: 'string' } : null;
  const msgs = messagesOf(value);
  if (msgs) {
    const lastUser = [...msgs].reverse().find((m) => m.role === 'user');
    if (lastUser) return { text: lastUser.text, shape: 'messages[last user]' };
    const last = msgs.at(-1);
    if (last) return { text: last.text, shape: 'messages[last]' };
  }
  if (isObj(value)) {
    if (isObj(value.request)) return userText(value.request, depth + 1);
    return singleField(value, TEXT_FIELDS_IN, depth, 'in');
  }
  return null;
}

/** The assistant's reply in a turn's output. */
export function replyText(value: Json, depth = 0): Extracted | null {
  if (value === undefined || value === null || depth > 4) return null;
  if (typeof value === 'string') return value.trim() ? { text: value, shape: 'string' } : null;
  // DSPy's LM returns its completions as a list: one string.
  if (Array.isArray(value) && value.length === 1 && typeof value[0] === 'string') return replyText(value[0], depth + 1);
  const parts = partReply(value);
  if (parts !== null) return { text: parts, shape: 'parts' };
  if (isObj(value)) {
    const choices = value.choices;
    if (Array.isArray(choices) && isObj(choices[0])) {
      const c = choices[0];
      const t = isObj(c.message) ? (contentText(c.message.content) ?? messageOf(c.message)?.text) : typeof c.text === 'string' ? c.text : null;
      if (t != null) return { text: t, shape: 'choices[0].message' };
    }
    const gens = value.generations;
    if (Array.isArray(gens)) {
      const g = Array.isArray(gens[0]) ? gens[0][0] : gens[0];
      if (isObj(g) && typeof g.text === 'string') return { text: g.text, shape: 'generations[0][0].text' };
    }
    // Anthropic message: {role: assistant, content: [blocks]}
    if (value.role !== undefined && value.content !== undefined) {
      const m = messageOf(value);
      if (m) return { text: m.text, shape: 'message.content' };
    }
  }
  const msgs = messagesOf(value);
  if (msgs) {
    const lastReply = [...msgs].reverse().find((m) => m.role === 'assistant');
    if (lastReply) return { text: lastReply.text, shape: 'messages[last assistant]' };
  }
  if (isObj(value)) return singleField(value, TEXT_FIELDS_OUT, depth, 'out');
  return null;
}

/** Like userText/replyText, but never empty-handed: a JSON preview when no text is found. */
export function textOrPreview(value: Json, side: 'in' | 'out', max = 200): Extracted | null {
  if (value === undefined || value === null) return null;
  const found = side === 'in' ? userText(value) : replyText(value);
  if (found) return found;
  const p = preview(value, max);
  return p === '{}' || p === '[]' || p === '""' ? null : { text: p, shape: 'json' };
}

export interface ToolCallText {
  name: string;
  /** The arguments as the model wrote them (JSON text), '' when none. */
  args: string;
}

const argsText = (v: Json): string => {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  try {
    return JSON.stringify(v) ?? '';
  } catch {
    return '';
  }
};

/** One tool-call entry in any of the shapes chat APIs write (OpenAI, LangChain, Anthropic, Responses, DSPy ReAct, Pydantic AI). */
function callOf(c: Json): ToolCallText | null {
  if (!isObj(c)) return null;
  if (isObj(c.function) && typeof c.function.name === 'string') return { name: c.function.name, args: argsText(c.function.arguments) };
  if (c.type === 'tool_use' && typeof c.name === 'string') return { name: c.name, args: argsText(c.input) };
  if (c.type === 'function_call' && typeof c.name === 'string') return { name: c.name, args: argsText(c.arguments) };
  if (typeof c.name === 'string' && ('args' in c || 'arguments' in c)) return { name: c.name, args: argsText(c.args ?? c.arguments) };
  return null;
}

const callsIn = (list: Json): ToolCallText[] => (Array.isArray(list) ? list.map(callOf).filter((c): c is ToolCallText => c !== null) : []);

/** The tool calls a model's output asks for, with their arguments; [] when it asks for none. */
export function toolCallsOf(value: Json, depth = 0): ToolCallText[] {
  if (typeof value === 'string') return dspyToolCall(value);
  if (isPartMessage(value)) return partToolCalls(value);
  if (!isObj(value) || depth > 3) return Array.isArray(value) && depth <= 3 ? value.flatMap((v) => toolCallsOf(v, depth + 1)) : [];
  const choices = value.choices;
  if (Array.isArray(choices) && isObj(choices[0])) return toolCallsOf(choices[0].message, depth + 1);
  const gens = value.generations;
  if (Array.isArray(gens)) {
    const g = Array.isArray(gens[0]) ? gens[0][0] : gens[0];
    return isObj(g) ? toolCallsOf(g.message, depth + 1) : [];
  }
  const body = isObj(value.kwargs) ? value.kwargs : value;
  const direct = callsIn(body.tool_calls ?? (isObj(body.additional_kwargs) ? body.additional_kwargs.tool_calls : undefined));
  if (direct.length) return direct;
  // Anthropic content blocks and Responses API output items.
  const blocks = callsIn(Array.isArray(body.content) ? body.content : body.output);
  if (blocks.length) return blocks;
  // DSPy ReAct: the next tool and its arguments are output fields.
  if (typeof body.next_tool_name === 'string' && body.next_tool_name !== 'finish') return [{ name: body.next_tool_name, args: argsText(body.next_tool_args) }];
  return [];
}

/** DSPy's chat adapter writes output fields as `[[ ## next_tool_name ## ]]` sections. */
function dspyToolCall(text: string): ToolCallText[] {
  const field = (name: string): string | null => {
    const at = text.indexOf(`[[ ## ${name} ## ]]`);
    if (at < 0) return null;
    const rest = text.slice(at + name.length + 12);
    const end = rest.indexOf('[[ ## ');
    return (end < 0 ? rest : rest.slice(0, end)).trim();
  };
  const name = field('next_tool_name');
  return name && name !== 'finish' ? [{ name, args: field('next_tool_args') ?? '' }] : [];
}
