/**
 * A two-turn session for the earlier-turn sources: turn 1 the user gives booking BK-58213; turn 2
 * the model calls get_booking with BK-52813 (two digits swapped) and describes another passenger's
 * booking, or (the clean twin) with BK-58213 while the user's turn-2 message holds a near spelling;
 * and turn 3 reusing turn 1's reference after a turn of small talk.
 */
import { agentTraceJson, type AgentSpec } from './provenance-cases.js';

const T0 = 1_795_000_000_000;

export const TURN1: AgentSpec = {
  user: 'Hi, my booking reference is BK-58213. I fly to Tromsø next week.',
  tools: [],
  reply: 'Thanks! What would you like to change on your booking?',
};
export const SWAPPED: AgentSpec = {
  user: 'Can you move me to an aisle seat?',
  tools: [{ name: 'get_booking', args: { booking_id: 'BK-52813' }, result: { booking_id: 'BK-52813', passenger_name: 'Rolf Dahl', seat: '12A' } }],
  reply: 'Done: you are now in seat 12C.',
};
export const FROM_TURN1: AgentSpec = {
  user: 'And is BK-58231 my return flight?',
  tools: [{ name: 'get_booking', args: { booking_id: 'BK-58213' }, result: { booking_id: 'BK-58213', seat: '12A' } }],
  reply: 'Your booking BK-58213 has seat 12A.',
};

/** A turn between: nothing of the booking in it. */
export const SMALL_TALK: AgentSpec = {
  user: 'Is there wifi on board?',
  tools: [],
  reply: 'Yes, wifi is available on this flight.',
};
/** Two turns after turn 1: the model reuses the reference the user gave there (nothing in this trace holds it). */
export const REUSED: AgentSpec = {
  user: 'Please add a vegetarian meal to my booking.',
  tools: [{ name: 'add_meal', args: { booking_id: 'BK-58213', meal: 'vegetarian' }, result: { ok: true } }],
  reply: 'Done: a vegetarian meal is added to booking BK-58213.',
};
/** The reply alone repeats turn 1's reference (no tool call): only --evidence asks where it came from. */
export const RECALLED: AgentSpec = {
  user: 'What was my booking reference again?',
  tools: [],
  reply: 'Your booking reference is BK-58213.',
};

/** A turn as `mlflow traces get` prints it, in session `s-1`, `minutes` after the first. */
export function sessionTurnJson(spec: AgentSpec, id: string, minutes: number): Record<string, unknown> {
  const json = agentTraceJson(spec, id) as { info: Record<string, unknown> };
  json.info.request_time = new Date(T0 + minutes * 60_000).toISOString();
  json.info.trace_metadata = { 'mlflow.trace.session': 's-1' };
  return json;
}
