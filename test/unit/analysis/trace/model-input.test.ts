/** What a model was given: messages counted, the system prompt measured, its own steps of this turn not taken as evidence. */
import { expect, it } from 'vitest';
import { modelInput } from '../../../../scripts/lib/analysis/trace/model-input.js';
import { chat } from '../../../support/span-trees.js';

it('reads a chat: system characters, messages, tool messages, and leaves out the model steps after the last user message', () => {
  const m = modelInput(chat(['system', 'Be brief.'], ['user', 'Where is BK-1?'], ['assistant', 'Looking it up'], ['tool', '{"status":"delayed"}']));
  expect(m).toMatchObject({ systemChars: 9, messages: 4, toolMessages: ['{"status":"delayed"}'] });
  expect(m?.given).not.toContain('Looking it up');
  expect(m?.norm).toContain('looking it up');
});

it('takes a prompt that is no message list as its text', () => {
  expect(modelInput('Summarise this.')).toMatchObject({ messages: 0, systemChars: 0, given: 'Summarise this.' });
  expect(modelInput({ prompt: 'x' })?.given).toBe('{"prompt":"x"}');
});
