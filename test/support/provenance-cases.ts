/**
 * The labelled set for the provenance findings: small agent traces of our own (pharmacy,
 * library, bike hire, clinics, utilities, IT help desk…), half with one planted fault, half
 * clean and holding the hard cases (paraphrases, tables, unit conversions, rounding, sums,
 * non-English replies, ids a tool legitimately created, polling, huge outputs). Built in code
 * as `mlflow traces get` prints a trace; the unit test and `npm run bench` read the same set.
 */
import type { ProvenanceKind } from '../../scripts/lib/analysis/findings/provenance-finding.js';
import { turnTexts } from '../../scripts/lib/analysis/session/earlier-turns.js';
import type { EarlierTurn } from '../../scripts/lib/analysis/trace/provenance.js';
import { parseTrace, type Trace } from '../../scripts/lib/trace/trace.js';

export interface ToolStep {
  name: string;
  args: unknown;
  result: unknown;
  status?: 'OK' | 'ERROR';
  /** The next model call is handed the result as a tool message (default true). */
  handed?: boolean;
  ms?: number;
}
export interface Doc {
  id: string;
  text: string;
  score?: number;
}
export interface AgentSpec {
  system?: string;
  user: string;
  docs?: Doc[];
  /** Ids of the documents put into the prompt (default: all). */
  inPrompt?: string[];
  tools?: ToolStep[];
  reply: string;
  rootOutput?: unknown;
  tokensPerCall?: number;
  /** The session's turns before this one (their tools' outputs are sources too). */
  earlier?: AgentSpec[];
}
export interface LabelledCase {
  name: string;
  /** The kind planted, or null for a clean trace. */
  fault: ProvenanceKind | null;
  trace: Trace;
  earlier: EarlierTurn[];
}

const T0 = 1_795_000_000_000;
let counter = 0;
const hexId = (n: number) => n.toString(16).padStart(16, '0');

/** One agent turn as spans: root → [retriever] → (model → tool)* → model (reply). */
export function agentTrace(spec: AgentSpec, traceId = `tr-prov-${++counter}`): Trace {
  return parseTrace(agentTraceJson(spec, traceId));
}

/** The same turn as `mlflow traces get` prints it (for --from-file). */
export function agentTraceJson(spec: AgentSpec, traceId: string): Record<string, unknown> {
  const spans: unknown[] = [];
  let t = 0;
  let n = 1;
  const rootId = hexId(n++);
  const add = (
    name: string,
    type: string,
    start: number,
    end: number,
    inputs: unknown,
    outputs: unknown,
    status = 'OK',
    attrs: Record<string, unknown> = {},
  ) => {
    const id = hexId(n++);
    const attributes: Record<string, string> = {
      'mlflow.spanType': JSON.stringify(type),
      'mlflow.spanInputs': JSON.stringify(inputs),
      'mlflow.spanOutputs': JSON.stringify(outputs),
    };
    for (const [k, v] of Object.entries(attrs)) attributes[k] = JSON.stringify(v);
    spans.push({
      trace_id: traceId,
      span_id: id,
      parent_span_id: rootId,
      name,
      start_time_unix_nano: (T0 + start) * 1e6,
      end_time_unix_nano: (T0 + end) * 1e6,
      status: { code: status === 'ERROR' ? 'STATUS_CODE_ERROR' : 'STATUS_CODE_OK', message: '' },
      events: [],
      attributes,
    });
  };
  const docs = spec.docs ?? [];
  const inPrompt = docs.filter((d) => !spec.inPrompt || spec.inPrompt.includes(d.id));
  if (docs.length) {
    add(
      'search_kb',
      'RETRIEVER',
      t,
      t + 50,
      { query: spec.user },
      docs.map((d) => ({ page_content: d.text, metadata: { doc_uri: d.id, score: d.score ?? null } })),
    );
    t += 60;
  }
  const system = [spec.system ?? 'You are a helpful assistant.', ...inPrompt.map((d) => d.text)].join('\n\n');
  const messages: unknown[] = [
    { role: 'system', content: system },
    { role: 'user', content: spec.user },
  ];
  const usage = { 'mlflow.chat.tokenUsage': { input_tokens: spec.tokensPerCall ?? 100, output_tokens: 20, total_tokens: (spec.tokensPerCall ?? 100) + 20 } };
  for (const [i, step] of (spec.tools ?? []).entries()) {
    const callId = `call_${i}`;
    const out = {
      choices: [
        {
          message: {
            role: 'assistant',
            content: null,
            tool_calls: [{ id: callId, type: 'function', function: { name: step.name, arguments: JSON.stringify(step.args) } }],
          },
          finish_reason: 'tool_calls',
        },
      ],
    };
    add('llm', 'CHAT_MODEL', t, t + 100, { messages: [...messages] }, out, 'OK', usage);
    t += 110;
    const ms = step.ms ?? 80;
    add(step.name, 'TOOL', t, t + ms, step.args, step.result, step.status ?? 'OK');
    t += ms + 10;
    messages.push({ role: 'assistant', content: null, tool_calls: out.choices[0]?.message.tool_calls });
    if (step.handed !== false)
      messages.push({ role: 'tool', tool_call_id: callId, content: typeof step.result === 'string' ? step.result : JSON.stringify(step.result) });
  }
  add(
    'llm',
    'CHAT_MODEL',
    t,
    t + 120,
    { messages: [...messages] },
    { choices: [{ message: { role: 'assistant', content: spec.reply }, finish_reason: 'stop' }] },
    'OK',
    usage,
  );
  t += 130;
  spans.unshift({
    trace_id: traceId,
    span_id: rootId,
    parent_span_id: null,
    name: 'assistant',
    start_time_unix_nano: T0 * 1e6,
    end_time_unix_nano: (T0 + t) * 1e6,
    status: { code: 'STATUS_CODE_OK', message: '' },
    events: [],
    attributes: {
      'mlflow.spanType': JSON.stringify('AGENT'),
      'mlflow.spanInputs': JSON.stringify({ messages: [{ role: 'user', content: spec.user }] }),
      'mlflow.spanOutputs': JSON.stringify(spec.rootOutput ?? spec.reply),
    },
  });
  return {
    info: {
      trace_id: traceId,
      trace_location: { type: 'MLFLOW_EXPERIMENT', mlflow_experiment: { experiment_id: '1' } },
      request_time: new Date(T0).toISOString(),
      state: 'OK',
      trace_metadata: {},
    },
    data: { spans },
  };
}

const repeat = (k: number, step: ToolStep): ToolStep[] => Array.from({ length: k }, () => step);

/** Turn 1 of the lease sessions: the contract read by a tool, its end date not said in the reply. */
const LEASE_TURN: AgentSpec = {
  user: 'Can you look up my car lease? Contract CL-40917.',
  tools: [
    { name: 'get_lease', args: { contract: 'CL-40917' }, result: { contract: 'CL-40917', model: 'Skoda Enyaq', monthly_eur: 489, lease_ends: '2027-08-31' } },
  ],
  reply: 'Your Skoda Enyaq lease costs 489 EUR a month.',
};

/** Turn 1 of the climbing-gym sessions: the membership read by a tool, its expiry not said in the reply. */
const GYM_TURN: AgentSpec = {
  user: 'Hi, how many guest passes do I have left? Member GM-30512.',
  tools: [{ name: 'get_member', args: { member: 'GM-30512' }, result: { member: 'GM-30512', plan: 'Boulder Flex', guest_passes: 2, expires: '2027-04-30' } }],
  reply: 'You have 2 guest passes left on your Boulder Flex plan.',
};

const SPECS: Array<[string, ProvenanceKind | null, AgentSpec]> = [
  [
    "car hire: the pickup time, said after another word, is not the booking's",
    'replyContradictsSources',
    {
      user: 'When do I collect the car for booking HR-77120?',
      tools: [{ name: 'get_rental', args: { booking: 'HR-77120' }, result: { booking: 'HR-77120', car: 'Volvo XC40', pickup: '2027-03-14T09:15' } }],
      reply: 'The pickup for your Volvo XC40 is on 14 March at 10:15 at our airport desk.',
    },
  ],
  [
    'clean car hire: the pickup time right, then another time of another thing in the same sentence',
    null,
    {
      user: 'When do I collect the car for booking HR-77121?',
      tools: [{ name: 'get_rental', args: { booking: 'HR-77121' }, result: { booking: 'HR-77121', car: 'Volvo XC40', pickup: '2027-03-14T09:15' } }],
      reply: 'The pickup for your Volvo XC40 is on 14 March at 09:15, and the desk closes at 18:00.',
    },
  ],
  [
    'clean car hire: the pickup named, a price bound to its currency alone, then a time of another thing',
    null,
    {
      user: 'What does booking HR-77123 cost?',
      tools: [{ name: 'get_rental', args: { booking: 'HR-77123' }, result: { booking: 'HR-77123', price_eur: 89, pickup: '2027-03-14T09:15' } }],
      reply: 'The pickup for your car costs 89 EUR, and the desk closes at 18:00.',
    },
  ],
  [
    'clean car hire: the pickup named in one sentence (after a title), a time of another thing in the next',
    null,
    {
      user: 'Anything else for booking HR-77122?',
      tools: [{ name: 'get_rental', args: { booking: 'HR-77122' }, result: { booking: 'HR-77122', agent: 'Mr. Dahl', pickup: '2027-03-14T09:15' } }],
      reply: 'Your pickup is handled by Mr. Dahl at the airport desk. The shuttle from terminal 2 leaves at 08:40.',
    },
  ],
  [
    'session: a date said in turn 2 that contradicts the lease turn 1 read',
    'replyContradictsSources',
    {
      user: 'When can I hand the car back without a penalty?',
      reply: 'Your lease ends on 31 October 2027; from then on you can hand the car back without a penalty.',
      earlier: [LEASE_TURN],
    },
  ],
  [
    'clean session: the date turn 1 read, said again in turn 2',
    null,
    {
      user: 'When can I hand the car back without a penalty?',
      reply: 'Your lease ends on 31 August 2027; from then on you can hand the car back without a penalty.',
      earlier: [LEASE_TURN],
    },
  ],
  [
    'clean session: the lease extended in turn 2 (a tool that writes ran since turn 1 read it)',
    null,
    {
      user: 'Please extend my lease by two months.',
      tools: [{ name: 'extend_lease', args: { contract: 'CL-40917', months: 2 }, result: { ok: true } }],
      reply: 'Done: your lease now ends on 31 October 2027.',
      earlier: [LEASE_TURN],
    },
  ],
  [
    'clean session: an amount turn 1 read, used in turn 2',
    null,
    {
      user: 'And what do I pay over a whole year?',
      reply: 'At 489 EUR a month, a year of your lease costs 5,868 EUR.',
      earlier: [LEASE_TURN],
    },
  ],
  [
    'session: an end date in other words (turn 1 read "expires", turn 2 says "valid until" another day)',
    'replyContradictsSources',
    {
      user: 'Can I still bring a friend in May?',
      reply: 'Yes, your Boulder Flex membership is valid until 31 July 2027, so you can bring a guest in May.',
      earlier: [GYM_TURN],
    },
  ],
  [
    'clean session: a renewal valid from the day after the expiry turn 1 read',
    null,
    {
      user: 'If I renew today, when does the new year start?',
      reply: 'Your renewed Boulder Flex membership will be valid from 1 May 2027, right after the current one.',
      earlier: [GYM_TURN],
    },
  ],
  [
    'clean: a course that ends on its own date beside a pass that expires on another',
    null,
    {
      user: 'Does the lead climbing course fit before my pass runs out? Member GM-30512.',
      tools: [
        { name: 'get_member', args: { member: 'GM-30512' }, result: { member: 'GM-30512', expires: '2027-04-30' } },
        { name: 'get_course', args: { course: 'lead climbing' }, result: { course: 'Lead climbing', starts: '2027-03-02', ends: '2027-03-30' } },
      ],
      reply: 'Yes: the lead climbing course ends on 30 March 2027, a month before your pass expires on 30 April 2027.',
    },
  ],
  // ---- argument not from the conversation
  [
    'mobile booster, phone digits swapped',
    'argumentNotFromConversation',
    {
      user: 'My number is +47 912 34 567, please add the 10 GB data booster.',
      tools: [{ name: 'add_booster', args: { msisdn: '+4791243567', booster: '10GB' }, result: { ok: true, subscriber: 'Kari Nilsen' } }],
      reply: 'Done! The 10 GB booster is on your subscription.',
    },
  ],
  [
    'mobile booster, phone written another way (clean)',
    null,
    {
      user: 'My number is +47 912 34 567, please add the 10 GB data booster.',
      tools: [{ name: 'add_booster', args: { msisdn: '+4791234567', booster: '10GB' }, result: { ok: true, subscriber: 'Sindre Lie' } }],
      reply: 'Done! The 10 GB booster is on your subscription.',
    },
  ],
  [
    'pharmacy refill, digits swapped',
    'argumentNotFromConversation',
    {
      user: 'Please refill prescription RX-40718 for me.',
      tools: [
        {
          name: 'get_prescription',
          args: { rx_id: 'RX-47018' },
          result: { rx_id: 'RX-47018', patient_name: 'Ivo Marsh', drug: 'lisinopril 10 mg', refills_left: 2 },
        },
      ],
      reply: 'Your lisinopril 10 mg prescription has 2 refills left; I have queued one.',
    },
  ],
  [
    'library loan, one digit changed',
    'argumentNotFromConversation',
    {
      user: 'Can you extend my loan for item LIB-22904?',
      tools: [{ name: 'extend_loan', args: { item: 'LIB-22964' }, result: { item: 'LIB-22964', due: '2026-12-20', borrower: 'K. Osei' } }],
      reply: 'Extended: the item is now due on 20 December.',
    },
  ],
  [
    'utility meter, email typo',
    'argumentNotFromConversation',
    {
      user: 'Send the bill copy to nora.lindqvist@example.org please, account UT-88120.',
      tools: [{ name: 'email_bill', args: { account: 'UT-88120', to: 'nora.lindqvsit@example.org' }, result: { sent: true } }],
      reply: 'Sent the bill copy to your email.',
    },
  ],
  [
    'bike hire, id from a tool output mistyped',
    'argumentNotFromConversation',
    {
      user: 'Which bikes are free at Harbour dock? Reserve the first one.',
      tools: [
        {
          name: 'list_bikes',
          args: { dock: 'Harbour' },
          result: {
            bikes: [
              { id: 'BIKE-3051', type: 'city' },
              { id: 'BIKE-3077', type: 'cargo' },
            ],
          },
        },
        { name: 'reserve_bike', args: { bike_id: 'BIKE-3015' }, result: { reserved: 'BIKE-3015', member_name: 'Petra Vance' } },
      ],
      reply: 'Reserved a city bike for you at Harbour dock.',
    },
  ],
  [
    'dental clinic, appointment code changed',
    'argumentNotFromConversation',
    {
      user: 'Cancel appointment APT-56310 please.',
      tools: [{ name: 'cancel_appointment', args: { code: 'APT-56316' }, result: { cancelled: true, patient: 'Duarte Lima' } }],
      reply: 'Done, the appointment is cancelled.',
    },
  ],
  [
    'rag tuning, current values and experiment made up',
    'argumentNotFromConversation',
    {
      user: 'Our document assistant keeps missing relevant passages. What config changes would you recommend?',
      tools: [
        {
          name: 'recommend_config_changes',
          args: { experiment: 'rag-app', current_threshold: 0.8, current_chunk_size: 256 },
          result: { suggestions: ['lower the similarity threshold to 0.6', 'use chunks of 512 tokens'] },
        },
      ],
      reply: 'Lower the similarity threshold to 0.6 and use chunks of 512 tokens.',
    },
  ],
  [
    'dashboard, project name made up',
    'argumentNotFromConversation',
    {
      user: 'Show me last week error rate for our billing service.',
      tools: [{ name: 'get_dashboard', args: { project: 'billing-prod-eu', metric: 'error_rate' }, result: { error_rate: 0.021 } }],
      reply: 'The error rate last week was 2.1%.',
    },
  ],
  // ---- failure inside an OK output
  [
    'gym freeze, ok false',
    'failureInOkOutput',
    {
      user: 'Freeze my gym membership GM-7781 for December.',
      tools: [
        {
          name: 'freeze_membership',
          args: { id: 'GM-7781', month: 'December' },
          result: { ok: false, error: 'FREEZE_WINDOW_CLOSED: freezes must be requested 10 days ahead' },
          handed: false,
        },
      ],
      reply: 'All set! Your membership is frozen for December.',
    },
  ],
  [
    'car service booking, status failed',
    'failureInOkOutput',
    {
      user: 'Book a service slot for my car on Thursday morning.',
      tools: [{ name: 'book_service', args: { day: 'Thursday', part: 'morning' }, result: { status: 'failed', reason: 'no mechanic on shift' } }],
      reply: 'I could not book Thursday morning: no mechanic is on shift. Shall I try the afternoon?',
    },
  ],
  [
    'ticket resale, HTTP 503 in body',
    'failureInOkOutput',
    {
      user: 'List my two concert tickets for resale.',
      tools: [{ name: 'list_resale', args: { tickets: 2 }, result: { status_code: 503, body: 'Service Unavailable' }, handed: false }],
      reply: 'Your two tickets are now listed for resale.',
    },
  ],
  [
    'IT help desk, error string',
    'failureInOkOutput',
    {
      user: 'Reset the VPN token for my laptop.',
      tools: [{ name: 'reset_vpn_token', args: { device: 'laptop' }, result: 'Error: directory service timed out after 30s' }],
      reply: 'Your VPN token has been reset.',
    },
  ],
  [
    'grocery slot, error object',
    'failureInOkOutput',
    {
      user: 'Move my grocery delivery to Saturday.',
      tools: [{ name: 'move_delivery', args: { day: 'Saturday' }, result: { error: { code: 'SLOT_FULL', message: 'Saturday is full' } } }],
      reply: 'Saturday is full, sorry. Friday evening still has room.',
    },
  ],
  // ---- reply contradicts its sources
  [
    'pharmacy, refills count',
    'replyContradictsSources',
    {
      user: 'How many refills are left on my inhaler?',
      tools: [
        { name: 'get_prescription', args: { drug: 'inhaler' }, result: { drug: 'salbutamol inhaler', note: 'Patient has 3 refills remaining this year.' } },
      ],
      reply: 'You have 4 refills remaining this year on the salbutamol inhaler.',
    },
  ],
  [
    'library, loan period',
    'replyContradictsSources',
    {
      user: 'How long can I borrow a DVD?',
      docs: [{ id: 'kb://library/loans.md', text: 'Loan periods: books can be borrowed for 21 days; DVDs for 7 days, renewable once.' }],
      reply: 'DVDs can be borrowed for 14 days, renewable once.',
    },
  ],
  [
    'bike hire, deposit',
    'replyContradictsSources',
    {
      user: 'Is there a deposit for a cargo bike?',
      docs: [{ id: 'kb://bikes/cargo.md', text: 'Cargo bikes need a €60 security deposit, refunded on return.' }],
      reply: 'Yes, cargo bikes need a €90 security deposit, refunded when you bring it back.',
    },
  ],
  [
    // 644 = 567 + 77 by chance: 567 is part of the phone number, no amount to add (trial t30f).
    'mobile plan, minutes beside a phone number',
    'replyContradictsSources',
    {
      user: 'How many minutes does my plan include? My number is +47 912 34 567.',
      tools: [
        {
          name: 'get_plan',
          args: { msisdn: '+4791234567' },
          result: { msisdn: '+47 912 34 567', plan: 'Fjord 30', includes: 'The plan includes 645 minutes and 77 SMS a month.' },
        },
      ],
      reply: 'Your Fjord 30 plan includes 644 minutes and 77 SMS a month.',
    },
  ],
  [
    'clinic, opening time',
    'replyContradictsSources',
    {
      user: 'When does the walk-in clinic open on Saturdays?',
      docs: [{ id: 'kb://clinic/hours.md', text: 'Walk-in clinic hours. Saturdays: opens 09:30, closes 13:00.' }],
      reply: 'On Saturdays the walk-in clinic opens 08:30.',
    },
  ],
  [
    'utilities, late fee',
    'replyContradictsSources',
    {
      user: 'What happens if I pay my water bill late?',
      tools: [{ name: 'tariff_lookup', args: { topic: 'late payment' }, result: { text: 'A late payment adds a 5 EUR reminder fee after 14 days.' } }],
      reply: 'Paying late adds a 5 EUR reminder fee after 10 days.',
    },
  ],
  [
    'hotel, checkout outside the range',
    'replyContradictsSources',
    {
      user: 'Book me a hotel in Geneva, 2-12 March.',
      tools: [{ name: 'find_hotel', args: { city: 'Geneva' }, result: { name: 'Hotel Lac', nights: 10 } }],
      reply: 'Hotel Lac has rooms; check-out Geneva 14 March.',
    },
  ],
  [
    'ferry, fee after the amount',
    'replyContradictsSources',
    {
      user: 'Is there a fee to bring my bike on the ferry?',
      docs: [{ id: 'kb://ferry/bikes.md', text: 'Bikes travel on every crossing for 8 EUR bike fee per trip.' }],
      reply: 'Yes, a 12 EUR bike fee per trip applies.',
    },
  ],
  // ---- sources disagree
  [
    'returns policy, two versions',
    'sourcesDisagree',
    {
      user: 'How long do I have to return a jacket?',
      docs: [
        { id: 'kb://returns/2024.md', text: 'Returns: clothing can be returned within 14 days of delivery.', score: 0.91 },
        { id: 'kb://returns/2026.md', text: 'Returns: clothing can be returned within 30 days of delivery.', score: 0.84 },
      ],
      inPrompt: ['kb://returns/2024.md'],
      reply: 'You can return the jacket within 14 days of delivery.',
    },
  ],
  [
    'insurance excess, doc vs tool',
    'sourcesDisagree',
    {
      user: 'What is my excess for a windscreen claim?',
      docs: [{ id: 'kb://motor/glass.md', text: 'Windscreen claims carry an excess of €75 per claim.' }],
      tools: [{ name: 'get_policy', args: { policy: 'MP-20417' }, result: { clause: 'Windscreen claims carry an excess of €50 per claim.' } }],
      reply: 'Your windscreen excess is €50 per claim.',
    },
  ],
  [
    'school meals, price versions',
    'sourcesDisagree',
    {
      user: 'How much is a school lunch?',
      docs: [
        { id: 'kb://school/meals-autumn.md', text: 'Primary pupils pay a lunch price of 2.40 GBP per day.', score: 0.8 },
        { id: 'kb://school/meals-spring.md', text: 'Primary pupils pay a lunch price of 2.65 GBP per day.', score: 0.79 },
      ],
      reply: 'A school lunch costs 2.40 GBP per day.',
    },
  ],
  [
    'gym, class capacity',
    'sourcesDisagree',
    {
      user: 'How many people fit in the spin class?',
      docs: [
        { id: 'kb://gym/studio-a.md', text: 'The spin class holds up to 24 riders per session.', score: 0.7 },
        { id: 'kb://gym/studio-a-old.md', text: 'The spin class holds up to 18 riders per session.', score: 0.75 },
      ],
      reply: 'The spin class takes 18 riders.',
    },
  ],
  [
    'vet clinic, vaccine interval',
    'sourcesDisagree',
    {
      user: 'How often does my dog need the booster?',
      docs: [
        { id: 'kb://vet/boosters.md', text: 'Dogs should get the leptospirosis booster every 12 months.', score: 0.9 },
        { id: 'kb://vet/boosters-draft.md', text: 'Dogs should get the leptospirosis booster every 6 months.', score: 0.6 },
      ],
      inPrompt: ['kb://vet/boosters.md'],
      reply: 'Your dog needs the leptospirosis booster once a year.',
    },
  ],
  // ---- loops and stops
  [
    'fare lookup loop, max_iterations',
    'loopOrStop',
    {
      user: 'Which parking zone covers Elm Street?',
      tools: repeat(6, { name: 'lookup_zone', args: { street: 'Elm Street' }, result: { zones: [] } }),
      reply: 'Agent stopped due to max_iterations.',
      rootOutput: { output: 'Agent stopped due to max_iterations.', stopped: 'max_iterations' },
    },
  ],
  [
    'catalogue search loop',
    'loopOrStop',
    {
      user: 'Find the manual for the XR-200 drill.',
      tools: repeat(4, { name: 'search_manuals', args: { q: 'XR-200 drill manual' }, result: { hits: 0 } }),
      reply: 'I could not find that manual.',
    },
  ],
  [
    'graph recursion limit',
    'loopOrStop',
    {
      user: 'Plan my week of meals under 40 EUR.',
      tools: [{ name: 'price_basket', args: { items: ['rice', 'beans'] }, result: { total: 6.2 } }],
      reply: 'Sorry, something went wrong.',
      rootOutput: { error: 'GraphRecursionError: Recursion limit of 25 reached without hitting a stop condition.' },
    },
  ],
  [
    'helpdesk ticket status loop',
    'loopOrStop',
    {
      user: 'What is the status of ticket HD-99012?',
      tools: repeat(3, { name: 'ticket_status', args: { id: 'HD-99012' }, result: { status: 'open', assignee: null } }),
      reply: 'Ticket HD-99012 is still open and unassigned.',
    },
  ],
  [
    'dspy react max_iters',
    'loopOrStop',
    {
      user: 'Which bins are collected on Tuesday?',
      tools: repeat(5, { name: 'collection_calendar', args: { day: 'Tuesday' }, result: 'No data for this district' }),
      reply: 'I am not sure.',
      rootOutput: { answer: 'I am not sure.', trajectory_note: 'ReAct reached max_iters=5' },
    },
  ],
  // ---- clean, including the hard cases
  ['clean: no checkable value', null, { user: 'Can you help me with my account?', reply: 'Of course, what would you like to change?' }],
  [
    'clean: id copied right',
    null,
    {
      user: 'Refill prescription RX-40718.',
      tools: [{ name: 'get_prescription', args: { rx_id: 'RX-40718' }, result: { rx_id: 'RX-40718', patient_name: 'Ivo Marsh', refills_left: 2 } }],
      reply: 'Prescription RX-40718 has 2 refills left.',
    },
  ],
  [
    'clean: new reference created by the tool',
    null,
    {
      user: 'Book a library room for Friday.',
      tools: [
        { name: 'book_room', args: { day: 'Friday' }, result: { booking: 'RM-55120' } },
        { name: 'send_confirmation', args: { booking: 'RM-55120' }, result: { sent: true } },
      ],
      reply: 'Booked: your reference is RM-55120.',
    },
  ],
  [
    'clean: time conversion 2 pm / 14:00',
    null,
    {
      user: 'When is my dentist appointment?',
      tools: [{ name: 'get_appointment', args: { patient: 'me' }, result: { note: 'Check-up starts at 14:00 on 9 December.' } }],
      reply: 'Your check-up starts at 2 pm on December 9.',
    },
  ],
  [
    'clean: 1.5k / 1,500',
    null,
    {
      user: 'How many members does the climbing gym have?',
      docs: [{ id: 'kb://gym/about.md', text: 'The climbing gym has 1,500 members and 40 routes.' }],
      reply: 'It has about 1.5k members and 40 routes.',
    },
  ],
  [
    'clean: rounding',
    null,
    {
      user: 'What share of bikes are electric?',
      tools: [{ name: 'fleet_stats', args: {}, result: { text: 'Electric bikes make up 29.6% of the fleet, 412 bikes.' } }],
      reply: 'Roughly 30% of the fleet is electric (412 bikes).',
    },
  ],
  [
    'clean: sum per person',
    null,
    {
      user: 'We are 2 people; how many checked bags can we bring on the ferry?',
      docs: [{ id: 'kb://ferry/baggage.md', text: 'Each passenger may bring 2 checked bags.' }],
      reply: 'Together you may bring 4 checked bags.',
    },
  ],
  [
    // The same digits as an amount do add up: 567 + 77 minutes, beside the phone number holding 567.
    'clean: minutes summed beside a phone number',
    null,
    {
      user: 'How many minutes do I have this month? My number is +47 912 34 567.',
      tools: [
        {
          name: 'get_plan',
          args: { msisdn: '+4791234567' },
          result: { msisdn: '+47 912 34 567', includes: 'The plan includes 567 minutes a month; this month adds 77 bonus minutes.' },
        },
      ],
      reply: 'This month you have 644 minutes in all.',
    },
  ],
  [
    'clean: table reply',
    null,
    {
      user: 'List the library branches and their opening hours.',
      tools: [
        {
          name: 'branches',
          args: {},
          result: [
            { name: 'North', opens: '09:00' },
            { name: 'Docks', opens: '10:00' },
          ],
        },
      ],
      reply: '| branch | opens |\n|---|---|\n| North | 09:00 |\n| Docks | 10:00 |',
    },
  ],
  [
    'clean: paraphrase',
    null,
    {
      user: 'How long is the DVD loan?',
      docs: [{ id: 'kb://library/loans.md', text: 'DVDs are lent for 7 days, renewable once.' }],
      reply: 'You can keep a DVD for a week, and renew it one time.',
    },
  ],
  [
    'clean: non-English reply',
    null,
    {
      user: 'Wie viele Nachfüllungen habe ich noch?',
      tools: [{ name: 'get_prescription', args: { drug: 'inhaler' }, result: { note: 'Patient has 3 refills remaining.' } }],
      reply: 'Sie haben noch 3 Nachfüllungen für Ihr Inhalationsgerät.',
    },
  ],
  [
    'clean: two policies about different things',
    null,
    {
      user: 'What are the returns and exchange windows?',
      docs: [
        { id: 'kb://returns/refunds.md', text: 'Refunds are accepted within 14 days of delivery.' },
        { id: 'kb://returns/exchanges.md', text: 'Exchanges are accepted within 30 days of delivery.' },
      ],
      reply: 'Refunds within 14 days, exchanges within 30 days of delivery.',
    },
  ],
  [
    'clean: polling with changing results',
    null,
    {
      user: 'Wait until my parcel label is ready.',
      tools: [
        { name: 'label_status', args: { id: 'PK-7714' }, result: { status: 'queued' } },
        { name: 'label_status', args: { id: 'PK-7714' }, result: { status: 'rendering' } },
        { name: 'label_status', args: { id: 'PK-7714' }, result: { status: 'ready' } },
      ],
      reply: 'Your label for PK-7714 is ready.',
    },
  ],
  [
    'clean: two identical calls only',
    null,
    {
      user: 'Check stock of the XR-200 drill.',
      tools: repeat(2, { name: 'stock', args: { sku: 'XR-200' }, result: { in_stock: 4 } }),
      reply: 'There are 4 in stock.',
    },
  ],
  [
    'clean: ok output with null error',
    null,
    {
      user: 'Renew my parking permit PP-31002.',
      tools: [{ name: 'renew_permit', args: { permit: 'PP-31002' }, result: { ok: true, error: null, valid_until: '2027-12-31' } }],
      reply: 'Renewed: permit PP-31002 is valid until 31 December 2027.',
    },
  ],
  [
    'clean: huge output',
    null,
    {
      user: 'Show my meter readings for account UT-88120.',
      tools: [
        {
          name: 'meter_readings',
          args: { account: 'UT-88120' },
          result: { readings: Array.from({ length: 3000 }, (_, i) => ({ day: i, kwh: (i * 7) % 31 })) },
        },
      ],
      reply: 'I found 3000 daily readings; your usage is steady.',
    },
  ],
  [
    'clean: negation',
    null,
    {
      user: 'Is the DVD loan 14 days?',
      docs: [{ id: 'kb://library/loans.md', text: 'DVDs are lent for 7 days, renewable once.' }],
      reply: 'No, not 14 days: DVDs are lent for 7 days.',
    },
  ],
  [
    'clean: email from the user',
    null,
    {
      user: 'My email is tariq.benali@example.com; send me the receipt for order ORD-44120.',
      tools: [{ name: 'send_receipt', args: { order: 'ORD-44120', email: 'tariq.benali@example.com' }, result: { sent: true } }],
      reply: 'The receipt for ORD-44120 is on its way to tariq.benali@example.com.',
    },
  ],
  [
    'clean: date reformatted',
    null,
    {
      user: 'When is the bulky waste pickup?',
      tools: [{ name: 'pickup_calendar', args: { kind: 'bulky' }, result: { next_pickup: '2026-12-09' } }],
      reply: 'The next bulky waste pickup is on 9 December.',
    },
  ],
  [
    'clean: failed tool span (not an OK output)',
    null,
    {
      user: 'Cancel my yoga class.',
      tools: [{ name: 'cancel_class', args: { cls: 'yoga' }, result: { ok: false, error: 'CLASS_STARTED' }, status: 'ERROR' }],
      reply: 'I could not cancel it: the class has already started.',
    },
  ],
  [
    'clean: single source quoted right',
    null,
    {
      user: 'Is there a deposit for a cargo bike?',
      docs: [{ id: 'kb://bikes/cargo.md', text: 'Cargo bikes need a €60 security deposit, refunded on return.' }],
      reply: 'Yes: a €60 security deposit, refunded on return.',
    },
  ],
  [
    'clean: a total beside a fee (amounts bound to a currency only)',
    null,
    {
      user: 'Plan my rail trip from Lisbon to Geneva, 2-12 March, cheapest fares please.',
      docs: [{ id: 'rules/rail-pass-2027.md', text: 'Rail passes cover regional trains only; high-speed legs need a seat reservation fee of 12 EUR.' }],
      tools: [
        { name: 'price_leg', args: { origin: 'Lisbon', to: 'Porto' }, result: { fare_eur: 41.9 } },
        { name: 'price_leg', args: { origin: 'Porto', to: 'Geneva' }, result: { fare_eur: 268.9 } },
      ],
      reply: 'Your cheapest itinerary: two legs, 310.80 EUR in total, Lisbon 2 March to Geneva 12 March.',
    },
  ],
  [
    'clean: a day inside the user range',
    null,
    {
      user: 'Book me a hotel in Geneva, 2-12 March.',
      tools: [{ name: 'find_hotel', args: { city: 'Geneva' }, result: { name: 'Hotel Lac', nights: 10 } }],
      reply: 'Hotel Lac has rooms for all 10 nights; check-out Geneva 12 March.',
    },
  ],
  [
    'clean: current value the user stated, a page the model chose',
    null,
    {
      user: 'Our retriever uses a similarity threshold of 0.7 today. Suggest a better one.',
      tools: [{ name: 'recommend_threshold', args: { current_threshold: 0.7, current_page: 1 }, result: { suggested: 0.55 } }],
      reply: 'Try a threshold of 0.55 instead of 0.7.',
    },
  ],
  [
    'clean: a name the tool listed, a name the model creates',
    null,
    {
      user: 'Set up an evaluation run for whichever project is ours.',
      tools: [
        { name: 'list_projects', args: {}, result: { projects: ['churn-model'] } },
        { name: 'get_project', args: { project: 'churn-model' }, result: { owner: 'data team' } },
        { name: 'create_experiment', args: { experiment_name: 'churn-model-eval-1' }, result: { id: 'EXP-2231' } },
      ],
      reply: 'Created experiment EXP-2231 for churn-model.',
    },
  ],
  [
    'clean: a name the user wrote with spaces',
    null,
    {
      user: 'Open the dashboard of the Payments Gateway service.',
      tools: [{ name: 'open_dashboard', args: { service: 'payments_gateway' }, result: { url: 'https://dash.example.com/pg' } }],
      reply: 'Here is the dashboard: https://dash.example.com/pg',
    },
  ],
  [
    'clean: user number echoed',
    null,
    {
      user: 'I need 3 parking permits for my street.',
      tools: [{ name: 'permit_quote', args: { count: 3 }, result: { price_each: 25, currency: 'EUR' } }],
      reply: 'Three permits cost 75 EUR in total (25 EUR each), for your 3 parking permits.',
    },
  ],
];

/** The labelled cases, built afresh (each call gives new trace objects). */
/** The specs by name (for --from-file captures of one case). */
export const caseSpec = (name: string): AgentSpec | undefined => SPECS.find(([n]) => n === name)?.[2];

export function labelledCases(): LabelledCase[] {
  counter = 0;
  return SPECS.map(([name, fault, spec]) => ({ name, fault, trace: agentTrace(spec), earlier: (spec.earlier ?? []).map(earlierTurn) }));
}

/** An earlier turn of a case's session, read as health_check reads one with spans. */
function earlierTurn(spec: AgentSpec, i: number): EarlierTurn {
  const trace = agentTrace(spec, `tr-prov-turn${i + 1}-${counter}`);
  return { n: i + 1, traceId: trace.info.traceId, ...turnTexts(trace) };
}

export interface KindScore {
  kind: ProvenanceKind;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  /** Cases behind each false positive and false negative. */
  wrong: string[];
}

export const PROVENANCE_KINDS: ProvenanceKind[] = [
  'argumentNotFromConversation',
  'replyContradictsSources',
  'sourcesDisagree',
  'loopOrStop',
  'failureInOkOutput',
];

/** Precision and recall per kind, given the kinds each case's findings had. */
export function scoreKinds(results: Array<{ name: string; fault: ProvenanceKind | null; found: ProvenanceKind[] }>): KindScore[] {
  return PROVENANCE_KINDS.map((kind) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    const wrong: string[] = [];
    for (const r of results) {
      const has = r.found.includes(kind);
      if (has && r.fault === kind) tp++;
      else if (has) {
        fp++;
        wrong.push(`FP ${r.name}`);
      } else if (r.fault === kind) {
        fn++;
        wrong.push(`FN ${r.name}`);
      }
    }
    return { kind, tp, fp, fn, precision: tp + fp ? tp / (tp + fp) : 1, recall: tp + fn ? tp / (tp + fn) : 1, wrong };
  });
}
