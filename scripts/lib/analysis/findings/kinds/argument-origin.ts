/**
 * Argument not from the conversation: a tool was called with an id or email that no message,
 * document or earlier output held when the model decided the call, while a near spelling of it
 * was there (one or two characters changed, two swapped). And when that tool's output then
 * names a person or owner the conversation never did, that is said too. The session's earlier
 * turns, when read, are sources too: an order id the user gave in turn 1 is from the conversation,
 * and a near spelling of it names that turn.
 */
import { normaliseText } from '../../common/text-match.js';
import { extractValues, howDiffers, locateKey } from '../../common/values.js';
import { argumentLeaves, nearestTokens, sourcesHolding, type Provenance, type Source, type ToolCall } from '../../trace/provenance.js';
import { inventedArguments, type InventedArgument } from '../invented-arguments.js';
import type { SpanNode } from '../../../trace/tree.js';
import { decidedAt, mention, provenanceKind, quote, type ProvenanceFinding } from '../provenance-finding.js';

const NEAR_KINDS = ['user', 'system', 'document', 'tool-output', 'model-output'] as const;
const SOURCE_WORD: Record<Source['kind'], string> = {
  user: 'the user wrote',
  system: 'the system prompt holds',
  document: 'a retrieved document holds',
  'tool-output': 'a tool output holds',
  'model-output': 'an earlier model output holds',
  other: 'a span holds',
};
const OWNER_WORDS = [
  'name|full_name|owner|holder|account_holder|passenger|customer|subscriber|policyholder|cardholder',
  'patient|member|guest|client|tenant|employee|student|recipient|consignee',
].join('|');
const OWNER_KEY = new RegExp(`(^|[._])(${OWNER_WORDS})(_name)?$`, 'i');
const MAX = 10;
const MAX_LEAF = 300;
/** A cheap look before extracting: an id (letters, a dash, digits), a phone number (+ then digits) or an email. */
const ID_OR_EMAIL = /@|[A-Z][A-Z0-9]*[-_]\d|\+\d/;
/** Argument values checked per trace: a 30,000-call batch job is not a conversation. */
const MAX_LEAVES = 5_000;

export function argumentsNotFromConversation(p: Provenance): ProvenanceFinding[] {
  const out: ProvenanceFinding[] = [];
  const reported = new Set<string>();
  let budget = MAX_LEAVES;
  for (const call of p.calls) {
    if (out.length >= MAX || budget <= 0) break;
    const before = out.length;
    const cutoff = decidedAt(p, call.startMs);
    for (const leaf of argumentLeaves(call.args(), 50)) {
      // An id or email is a short value; a long text argument is prose or data, not checked here.
      if (--budget <= 0 || leaf.value.length > MAX_LEAF || !ID_OR_EMAIL.test(leaf.value)) continue;
      for (const v of extractValues(leaf.value, { dates: false })) {
        if (v.kind !== 'id' && v.kind !== 'email') continue;
        if (reported.has(v.key) || sourcesHolding(p, v.key, cutoff).length) continue;
        const near = nearestTokens(p, v.key, cutoff, NEAR_KINDS)[0];
        // Found nowhere and nothing near: a value the app made up legitimately (a new reference) or cannot be decided.
        if (!near) continue;
        reported.add(v.key);
        const from = near.source;
        const written = locateKey(from.text, near.token)?.written ?? near.token;
        const where = from.turn
          ? `${from.turn.tool ? ` (\`${from.turn.tool}\`)` : ''} in turn ${from.turn.n} of the session (${from.turn.traceId})`
          : from.kind === 'user'
            ? ''
            : ` in \`${p.ref(from.node)}\`${from.docId ? ` (${from.docId})` : ''}`;
        const decider = decidingModel(p, call.startMs);
        const evidence = [`${call.tool} arguments: ${quote(call.argsText, 160)}`];
        // Another person's record shown to this user is the harm: said in the title, where a list of findings shows it (trial t39b).
        const owner = ownerLine(p, call.result(), cutoff);
        const called = `${decider ? `\`${p.ref(decider)}\` called ` : ''}\`${p.ref(call.node)}\`${decider ? '' : ' was called'}`;
        const heldInstead = `${SOURCE_WORD[from.kind]} ${written}${where} (${howDiffers(v.key, near.token)})`;
        out.push({
          kind: 'argumentNotFromConversation',
          title: [
            `${called} with ${leaf.key ? `${leaf.key}=` : ''}${v.text}, which no message or earlier output holds`,
            heldInstead,
            ...(owner ? [owner] : []),
          ].join('; '),
          evidence,
          // An earlier turn is another trace: its node here is this trace's root, not the source.
          spans: [...(decider ? [mention(p, decider)] : []), mention(p, call.node), ...(from.turn ? [] : [mention(p, from.node)])],
          docs: from.docId ? [from.docId] : [],
          heuristic: 'nearest spelling among the values the model had (one or two characters apart)',
          values: [v.text, written],
        });
      }
    }
    // Identical calls (a loop) are one finding.
    if (out.length === before && !reported.has(`call\u0000${call.tool}\u0000${call.argsText}`)) {
      reported.add(`call\u0000${call.tool}\u0000${call.argsText}`);
      const made = inventedArguments(p, call);
      if (made.length) out.push(inventedFinding(p, call, made));
    }
  }
  return out;
}

/**
 * Whether the session's earlier turns could change this trace's answer: an id or email argument
 * that nothing in the trace holds, or a finding already made. Only then is the session read.
 */
export function wantsEarlierTurns(p: Provenance): boolean {
  if (argumentsNotFromConversation(p).length) return true;
  let budget = MAX_LEAVES;
  for (const call of p.calls) {
    const cutoff = decidedAt(p, call.startMs);
    for (const leaf of argumentLeaves(call.args(), 50)) {
      if (--budget <= 0) return false;
      if (leaf.value.length > MAX_LEAF || !ID_OR_EMAIL.test(leaf.value)) continue;
      const values = extractValues(leaf.value, { dates: false }).filter((v) => v.kind === 'id' || v.kind === 'email');
      if (values.some((v) => !sourcesHolding(p, v.key, cutoff).length)) return true;
    }
  }
  return false;
}

const shown = (a: InventedArgument): string => `${a.key}=${a.kind === 'name' ? `"${a.value}"` : a.value}`;

function inventedFinding(p: Provenance, call: ToolCall, made: InventedArgument[]): ProvenanceFinding {
  const decider = decidingModel(p, call.startMs);
  const called = `${decider ? `\`${p.ref(decider)}\` called ` : ''}\`${p.ref(call.node)}\`${decider ? '' : ' was called'}`;
  const list = made.slice(0, 5).map(shown);
  const what = list.length > 1 ? `${list.slice(0, -1).join(', ')} and ${list.at(-1)}` : list[0];
  return {
    kind: 'argumentNotFromConversation',
    title: `${called} with ${what}, which nothing the model had holds (no message, document or earlier output)`,
    evidence: [`${call.tool} arguments: ${quote(call.argsText, 160)}`],
    spans: [...(decider ? [mention(p, decider)] : []), mention(p, call.node)],
    docs: [],
    heuristic:
      'a number under a current_/existing_ key or a slug under a name key (experiment, project…) found in no source by any reading, ' +
      'as a word or worked out; the model may know it from elsewhere',
    values: made.map((a) => a.value),
  };
}

/** The model call that decided a tool call: the last one that started before it. */
function decidingModel(p: Provenance, atMs: number): SpanNode | null {
  let found: SpanNode | null = null;
  for (const m of p.flow.models) if (m.node.span.startMs <= atMs) found = m.node;
  return found;
}

/** A person or owner the tool's output names that no user message or system prompt does. */
function ownerLine(p: Provenance, result: unknown, cutoff: number): string | null {
  const names: Array<[string, string]> = [];
  const walk = (v: unknown, key: string, depth: number) => {
    if (depth > 5 || names.length >= 5) return;
    if (typeof v === 'string' && OWNER_KEY.test(key) && /\p{L}/u.test(v) && v.length <= 80) names.push([key, v]);
    else if (Array.isArray(v)) v.slice(0, 20).forEach((x) => walk(x, key, depth + 1));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, key ? `${key}.${k}` : k, depth + 1);
  };
  walk(result, '', 0);
  const said = p.sources
    .filter((s) => (s.kind === 'user' || s.kind === 'system') && s.atMs <= cutoff)
    .map((s) => normaliseText(s.text))
    .join(' ');
  const stranger = names.find(([, n]) => !said.includes(normaliseText(n)));
  return stranger ? `its output names ${stranger[0]} ${quote(stranger[1], 60)}, whom no user message or system prompt mentions` : null;
}

export const argumentNotFromConversation = provenanceKind(
  'argumentNotFromConversation',
  'a tool was called with an id or email no message or earlier output held, a near spelling of one that was there',
  argumentsNotFromConversation,
  () => 8,
);
