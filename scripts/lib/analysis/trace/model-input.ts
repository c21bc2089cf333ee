/** What a model span was given, as the dataflow record keeps it: the prompt's text normalised and capped, its messages, the evidence part. */
import { type Message, messagesOf } from '../../trace/messages.js';
import { normaliseText } from '../common/text-match.js';
import type { Json } from './json-fields.js';

export interface ModelInput {
  /** Normalised text of everything the model was given, capped. */
  norm: string;
  /** Characters of system prompt (0: none). */
  systemChars: number;
  messages: number;
  /** Message text the grounding check may use: all but the model's own messages of this turn. */
  given: string;
  /** The tool messages it was handed. */
  toolMessages: string[];
}

/** Text kept of a prompt that is no message list (as per span side); a whole prompt gets more, it holds the retrieved context. */
const TEXT_CAP = 20_000;
const PROMPT_CAP = 400_000;

export function modelInput(value: Json): ModelInput | null {
  const msgs: Message[] | null = messagesOf(value);
  if (!msgs) {
    const text =
      typeof value === 'string'
        ? value
        : (() => {
            try {
              return JSON.stringify(value) ?? '';
            } catch {
              return '';
            }
          })();
    return { norm: normaliseText(text.slice(0, PROMPT_CAP)), systemChars: 0, messages: 0, given: text.slice(0, TEXT_CAP), toolMessages: [] };
  }
  let lastUser = -1;
  msgs.forEach((m, i) => {
    if (m.role === 'user') lastUser = i;
  });
  const all = msgs
    .map((m) => m.text)
    .join('\n')
    .slice(0, PROMPT_CAP);
  // The model's own messages after the current user message are its steps, not evidence.
  const given = msgs
    .filter((m, i) => !(m.role === 'assistant' && i > lastUser))
    .map((m) => m.text)
    .join('\n');
  return {
    norm: normaliseText(all),
    systemChars: msgs.filter((m) => m.role === 'system').reduce((a, m) => a + m.text.length, 0),
    messages: msgs.length,
    given: given.slice(0, PROMPT_CAP),
    toolMessages: msgs.filter((m) => m.role === 'tool').map((m) => m.text.slice(0, 2_000)),
  };
}
