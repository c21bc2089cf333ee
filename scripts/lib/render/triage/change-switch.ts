/** WHAT CHANGED: the switch (a take-over, a rollout, back and forth), the onset before the window, and a changed value shown short. */
import type { ChangeReport, OnsetFinding } from '../../analysis/changes/change-report.js';
import type { Change } from '../../analysis/changes/switches.js';
import { clip, fmtInt, plural } from '../format.js';
import { paint } from '../style.js';
import { at, between, short, t } from './change-format.js';

export function changeLine(key: string, c: Change, counts = 'traces read'): string {
  // A count never sits next to a version: "300 traces with 2.7.0", not "300 2.7.0".
  const n = `${plural(c.before, 'trace')} with ${c.from} before, ${fmtInt(c.after)} with ${c.to} after, of the ${counts}`;
  if (c.rollout) {
    const r = c.rollout;
    const canary = `first seen ${at(r.firstSeenMs)} (a canary: ${plural(r.canary, 'trace')} beside ${c.from})`;
    const stragglers = r.stragglers ? `; ${plural(r.stragglers, 'straggler')} on ${c.from} after, the last ${at(r.lastOldMs)}` : '';
    return `${short(key)} ${c.from} → ${c.to}, a rollout: ${canary}, took over ${between(c.lastFromMs, c.firstToMs)} (${n}${stragglers})`;
  }
  return `${short(key)} ${c.from} → ${c.to} ${between(c.lastFromMs, c.firstToMs)} (${n})`;
}

const GRAIN: Record<number, string> = { 86400: 'day', 3600: 'hour', 60: 'minute' };
/** A bucket as its size reads: the day, the hour or the minute it starts. */
const bucket = (b: { at: string; sizeS: number }) =>
  b.sizeS >= 86_400 ? `on ${b.at.slice(0, 10)}` : `in the ${GRAIN[b.sizeS] ?? `${b.sizeS} s`} from ${t(b.at)}`;

/** The onset the server located: its counts over every trace, then the pair from the traces read around it (a sample). */
function serverOnsetLines(onset: OnsetFinding, s: NonNullable<OnsetFinding['server']>): string[] {
  const kv = `${short(onset.key)}=${onset.value}`;
  const upTo = s.to ? ` up to ${t(s.to)}` : '';
  const counted = `the tracking server counted ${fmtInt(s.withValue)} of ${plural(s.traces, 'trace')}${upTo} with it (${plural(s.requests, 'request')})`;
  const lines = [`  every trace read (from ${t(onset.windowStart)}) has ${kv}; ${counted}:`];
  if (!s.lastOther) return [...lines, `  every trace counted has ${kv}: no change to find`];
  const first = s.firstSeen ? `first seen ${bucket(s.firstSeen)}` : 'never seen';
  const last = `the last trace without it ${bucket(s.lastOther)} (${plural(s.lastOther.traces, 'trace')} there)`;
  lines.push(`  ${paint.warn(`${short(onset.key)} → ${onset.value}`)}: ${first}; ${last}`);
  const read = `${plural(onset.read, 'trace')} read around it (1 search, with spans; the cohorts below are that sample and the traces read)`;
  const good = onset.lastGood;
  if (!good) return [...lines, `  ${read}: none of them holds another value of ${short(onset.key)} (the key unset before?)`];
  const after = onset.onset ? `${onset.onset.traceId} at ${t(onset.onset.time)}` : 'not among them';
  return [...lines, `  ${read}: last ${good.value} trace (last good) ${good.traceId} at ${t(good.time)} · first ${onset.value} after it: ${after}`];
}

export function switchLines(r: ChangeReport, onset: OnsetFinding | null): string[] {
  const lines: string[] = [];
  const lead = r.switches[0];
  if (onset?.server) lines.push(...serverOnsetLines(onset, onset.server));
  else if (onset) {
    const back = `looked back before ${t(onset.windowStart)} (1 search, ${plural(onset.read, 'trace')} read)${
      onset.declined ? `; the tracking server could not locate it: ${clip(onset.declined, 120)}` : ''
    }`;
    if (onset.lastGood) {
      lines.push(`  every trace in the window has ${short(onset.key)}=${onset.value}: the change is older than the window; ${back}:`);
      const first = onset.onset ? `${onset.onset.traceId} at ${t(onset.onset.time)}` : `at the window's start`;
      const good = onset.lastGood;
      lines.push(`  ${paint.warn('real onset')}: ${first} · last ${good.value} trace (last good): ${good.traceId} at ${t(good.time)}`);
    } else if (onset.read === 0)
      lines.push(`  every trace in the window has ${short(onset.key)}=${onset.value}, and there is no trace before it (${back}): no change to find`);
    else
      lines.push(
        `  every trace in the window has ${short(onset.key)}=${onset.value}, and so do the ${fmtInt(onset.read)} before it (${back})${
          onset.cut ? '; if it ever changed, that was earlier still (an earlier --since looks further)' : ': it never changed'
        }`,
      );
  }
  if (!lead) {
    if (!onset?.lastGood)
      lines.push(
        `  no switch found: no tag or metadata value changed over the window (values that alternate, like a region, are no switch)${
          r.constantKeys.length
            ? `; constant: ${r.constantKeys
                .slice(0, 4)
                .map((k) => `${short(k.key)}=${k.value}`)
                .join(', ')}`
            : ''
        }`,
      );
    return lines;
  }
  if (lead.kind === 'back-and-forth') {
    lines.push(`  ${paint.warn(`${short(lead.key)} went back and forth`)} (${plural(lead.changes.length, 'change')}):`);
    for (const c of lead.changes) lines.push(`    ${changeLine(lead.key, c, lead.counts)}`);
  } else lines.push(`  ${paint.warn(changeLine(lead.key, lead.changes[0] as Change, lead.counts))}`);
  if (lead.together.length)
    lines.push(
      `  changed at the same moment: ${lead.together.map((x) => `${short(x.key).replace(/^span\./, '')} ${valuesPath(x.path ?? [x.from, x.to])}`).join(', ')}`,
    );
  // A span parameter the cohorts' "parameter changed" line names already is not said twice.
  const listed = new Set(r.paramChanges.map((p) => p.key));
  for (const s of r.switches
    .slice(1)
    .filter((x) => !listed.has(x.key))
    .slice(0, 2))
    lines.push(
      `  also: ${changeLine(s.key, s.changes[0] as Change, s.counts)}${s.kind === 'back-and-forth' ? ` (+${s.changes.length - 1} more changes)` : ''}`,
    );
  return lines;
}

/**
 * The values a key took, in order: "a → b", "a → b → a" after a rollback; long ones (a prompt) as
 * the first change's differing part and how many changes follow.
 */
export function valuesPath(path: readonly string[], max = 60): string {
  const [a = '', b = ''] = path;
  if (path.length <= 2) return changedParts(a, b, max);
  if (path.every((v) => v.length <= max)) return path.join(' → ');
  return `${changedParts(a, b, max)}, then ${plural(path.length - 2, 'more change')}${path.at(-1) === a ? ' (back to the first)' : ''}`;
}

/**
 * Two values of a parameter, short enough to read: a long one (a system prompt) shows only the
 * part that changed, with a little context either side.
 */
export function changedParts(a: string, b: string, max = 60): string {
  if (a.length <= max && b.length <= max) return `${a} → ${b}`;
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const from = Math.max(0, pre - 20);
  const part = (s: string) => {
    const mid = s.slice(from, s.length - Math.max(0, suf - 20));
    return JSON.stringify(`${from > 0 ? '…' : ''}${clip(mid, max)}${suf > 20 ? '…' : ''}`);
  };
  return `${part(a)} → ${part(b)}`;
}
