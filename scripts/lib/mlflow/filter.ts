import { SkillError } from '../errors.js';

/**
 * The filter that selects a session's traces. MLflow's filter parser strips one pair of outer
 * quotes and never unescapes, so a value is single-quoted unless it contains `'`, then
 * double-quoted; a value with both cannot be expressed at all. The key has dots, so backticks.
 */
export function sessionFilter(sessionId: string): string {
  return `metadata.\`mlflow.trace.session\` = ${quoteFilterValue(sessionId, 'session id')}`;
}

export function quoteFilterValue(value: string, what: string): string {
  if (!value.includes("'")) return `'${value}'`;
  if (!value.includes('"')) return `"${value}"`;
  throw new SkillError('usage', `This ${what} contains both ' and " quotes, which MLflow's filter syntax cannot express.`, {
    hint: 'Find the traces another way (e.g. `mlflow traces search -x <EXPERIMENT_ID>`), then analyse them one by one with inspect_turn.',
  });
}
