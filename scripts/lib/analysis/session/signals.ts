/**
 * What a conversation's own words say went wrong, turn by turn: the user doubting a result
 * ("did it work?"), correcting ("you told me…", "I asked…"), asking again, frustrated, asking for
 * a human; the assistant repeating its previous reply word for word; a conversation left on a
 * complaint. Heuristics over the text: each signal quotes the words it read. English first, with
 * the commonest French, German, Spanish and Portuguese forms.
 */
import { successClaim } from '../findings/claims.js';

export type SignalKind = 'doubt' | 'correction' | 'repeat-question' | 'frustration' | 'human' | 'assistant-repeat' | 'abandoned' | 'claimed-success';

export interface ConversationSignal {
  kind: SignalKind;
  /** The turn the signal is read in (1-based). */
  turn: number;
  /** The turn it points at: the reply doubted or corrected (the previous turn), else the turn itself. */
  blames: number;
  points: number;
  /** One line that quotes the evidence. */
  reason: string;
}

/** The text of one turn, as the signals need it. */
export interface TurnText {
  n: number;
  user: string | null;
  reply: string | null;
  state: string;
  requestTimeMs: number | null;
}

/** `\b(a|b|…)\b`, then `tail` as written: the phrase lists below, a line of words each. */
const phrases = (lines: string[], tail = ''): RegExp => new RegExp(String.raw`\b(${lines.join('|')})\b${tail}`, 'i');

const DOUBT = phrases(
  [
    'did (it|that|this) (work|go through|save|change)|is it (done|fixed|changed|saved)|has it (been )?(changed|updated|done)',
    '(it|that|the app|this) (still|is still) (shows?|says?|has|is)|still (shows?|says?|see|the same)|nothing (has )?changed',
    'hat es funktioniert|ça a marché|funcion[oó]|funcionou',
  ],
  String.raw`|\bstill\b.*\?$`,
);
const CORRECTION = phrases([
  "you (told|said|promised|claimed)|i (asked|said|told you|already (said|told|asked))|that'?s (wrong|not (right|true|what))|not what i",
  "incorrect|why did you|you didn'?t|doesn'?t work|didn'?t work|wrong|i meant|is not correct",
  "ist falsch|c'est faux|no es correcto|est[aá] mal|j'ai demandé|ich habe gefragt|te (dije|pregunt[eé])",
]);
const AGAIN =
  /\b(again|once more|one more time|for the (second|third) time|repeat(ing)? myself|encore|nochmal|noch einmal|otra vez|de novo|outra vez)\b|\?\?|!!/i;
const FRUSTRATION = phrases(
  [
    String.raw`useless|ridiculous|frustrat\w*|annoying|waste of (my )?time|terrible|awful|hopeless|give up|fed up|unacceptable`,
    'nutzlos|inutile|in[uú]til|p[eé]rdida de tiempo',
  ],
  String.raw`|!!|\?!`,
);
const HUMAN = phrases([
  '(talk|speak|chat) (to|with) (a |an |someone|somebody|a real |real )?(human|person|agent|representative|someone|manager|support)',
  String.raw`real (person|human)|human agent|escalat\w+|menschen|conseiller|humano|una persona`,
]);
/** A pause this long before a last complaint reads as the user left waiting. */
const LONG_GAP_MIN = 30;
const SHOUTING = /\b[A-Z]{4,}\b.*\b[A-Z]{4,}\b/;

const norm = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const clip = (s: string, n = 80) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Share of word overlap between two texts (Jaccard over word sets). */
export function overlap(a: string, b: string): number {
  const A = new Set(norm(a).split(' ').filter(Boolean));
  const B = new Set(norm(b).split(' ').filter(Boolean));
  if (!A.size || !B.size) return 0;
  let inter = 0;
  for (const w of A) if (B.has(w)) inter++;
  return inter / (A.size + B.size - inter);
}

/** A reply repeats the previous one: the same words (≥ 90% overlap) and long enough to mean it. */
const repeats = (reply: string, prev: string): boolean => norm(reply).length >= 20 && (norm(reply) === norm(prev) || overlap(reply, prev) >= 0.9);

/** Why the last turn reads as abandoned: its number, the wait before it, and what it ended on. */
function endingReason(n: number, waited: string, unanswered: boolean, user: string): string {
  const on = unanswered ? 'a turn with no reply' : 'a complaint';
  return `the conversation ends at turn ${n}${waited} on ${on}${user ? `: "${clip(user)}"` : ''} (nothing after it resolves it)`;
}

/** Every signal in the conversation's words, oldest first. */
export function conversationSignals(turns: readonly TurnText[]): ConversationSignal[] {
  const out: ConversationSignal[] = [];
  const add = (kind: SignalKind, turn: number, blames: number, points: number, reason: string) => out.push({ kind, turn, blames, points, reason });
  turns.forEach((t, i) => {
    const prev = turns[i - 1];
    const u = t.user ?? '';
    const quote = `"${clip(u)}"`;
    if (u && prev) {
      if (DOUBT.test(u)) add('doubt', t.n, prev.n, 4, `the user doubts turn ${prev.n}'s result at turn ${t.n}: ${quote}`);
      if (CORRECTION.test(u)) add('correction', t.n, prev.n, 4, `the user corrects or contradicts turn ${prev.n} at turn ${t.n}: ${quote}`);
      else if (AGAIN.test(u)) add('repeat-question', t.n, prev.n, 3, `the user asks again at turn ${t.n}: ${quote}`);
    }
    if (u && FRUSTRATION.test(u)) add('frustration', t.n, t.n, 3, `frustration at turn ${t.n}: ${quote}`);
    else if (u && SHOUTING.test(u)) add('frustration', t.n, t.n, 2, `shouting (capitals) at turn ${t.n}: ${quote}`);
    if (u && HUMAN.test(u)) add('human', t.n, t.n, 4, `the user asks for a human at turn ${t.n}: ${quote}`);
    if (t.reply && prev?.reply && repeats(t.reply, prev.reply))
      add('assistant-repeat', t.n, t.n, 4, `the reply at turn ${t.n} repeats turn ${prev.n}'s reply: "${clip(t.reply)}"`);
    const claim = t.reply ? successClaim(t.reply) : null;
    const next = turns[i + 1]?.user ?? '';
    // Doubt only: a correction already blames this turn.
    if (claim && next && DOUBT.test(next))
      add('claimed-success', t.n, t.n, 3, `turn ${t.n}'s reply claimed success ("${clip(claim)}") and the user doubted it next`);
  });
  const last = turns.at(-1);
  if (last && turns.length > 1) {
    const u = last.user ?? '';
    const complaint = [DOUBT, CORRECTION, FRUSTRATION, HUMAN].some((re) => re.test(u));
    const unanswered = !last.reply || last.state === 'ERROR';
    const before = turns.at(-2);
    const gapMin = last.requestTimeMs !== null && before?.requestTimeMs != null ? Math.round((last.requestTimeMs - before.requestTimeMs) / 60_000) : 0;
    const waited = gapMin >= LONG_GAP_MIN && (complaint || AGAIN.test(u)) ? ` after a ${gapMin}-min wait` : '';
    if (complaint || unanswered || waited) add('abandoned', last.n, last.n, waited ? 3 : 2, endingReason(last.n, waited, unanswered, u));
  }
  return out;
}

/** Kinds a person reads as "went wrong", in the words a summary uses. */
export const SIGNAL_WORDS: Record<SignalKind, string> = {
  doubt: 'doubted a result',
  correction: 'corrected the assistant',
  'repeat-question': 'asked again',
  frustration: 'frustration',
  human: 'asked for a human',
  'assistant-repeat': 'assistant repeated itself',
  abandoned: 'ended on a complaint',
  'claimed-success': 'claimed success, then doubted',
};
