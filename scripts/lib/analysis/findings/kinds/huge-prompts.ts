/** Huge prompts: model calls whose prompt held HUGE_PROMPT input tokens or more (the first thing to cut if it is slow). */
import { fmtInt, fmtMs, pct } from '../../../core/format.js';
import { HUGE_PROMPT, type ModelCall } from '../../trace/model-calls.js';
import { defineKind } from '../finding-kind.js';

export const hugePrompts = defineKind({
  kind: 'hugePrompts',
  about: `model calls whose prompt held ${HUGE_PROMPT.toLocaleString('en-US')} input tokens or more, and the message that holds most of it`,
  heuristic: false,
  section: 'findings',
  shown: 2,
  measured: true,
  detect: ({ timing }): ModelCall[] => timing.hugePrompts,
  line(c: ModelCall) {
    const b = c.bulk;
    const bulk = b
      ? `; message #${b.index} (${b.role}) is ${pct(b.shareOfChars)} of its text (${fmtInt(b.chars)} chars${b.repeated ? ', mostly one passage repeated' : ''})`
      : '';
    const prompt = `a prompt of ${fmtInt(c.inputTokens)} tokens = ${pct(c.shareOfInputTokens)} of the trace's input tokens`;
    const cutFirst = `(≥ ${fmtInt(HUGE_PROMPT)}: the first thing to cut if it is slow)`;
    return `${c.name} took ${fmtMs(c.durationMs)} (${pct(c.shareOfTime)} of the trace) with ${prompt} ${cutFirst}${bulk}`;
  },
  spans: (c: ModelCall) => [c.spanId],
  turnWeight: () => 0,
});
