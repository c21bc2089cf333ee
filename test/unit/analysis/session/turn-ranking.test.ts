import { describe, expect, it } from 'vitest';
import { historyIsMissing, rankTurns } from '../../../../scripts/lib/analysis/session/turn-ranking.js';
import { buildTurn } from '../../../../scripts/lib/analysis/session/turn.js';
import type { Turn } from '../../../../scripts/lib/analysis/session/turn.js';
import { readJsonFile } from '../../../../scripts/lib/core/read-json.js';
import { parseSearch } from '../../../../scripts/lib/trace/trace.js';
import { fixture } from '../../../support/helpers.js';

const hotel = (): Turn[] => parseSearch(readJsonFile(fixture('search-hotel-session-nospans.json'), 'x')).traces.map((t, i) => buildTurn(t, i + 1));

describe('ranking the turns of a session', () => {
  it('ranks by evidence, and names the earliest strong turn with the advice to read before it', () => {
    const r = rankTurns(hotel());
    expect(r.suspects.length).toBeGreaterThan(0);
    expect(r.suspects.map((s) => s.score)).toEqual([...r.suspects.map((s) => s.score)].sort((a, b) => b - a));
    expect(r.firstBadTurn).not.toBeNull();
    expect(r.advice).toMatch(new RegExp(`^The earliest strong signal is turn ${r.firstBadTurn}\\.`));
  });
  it('blames the turn before a push-back, and counts the push-back once', () => {
    const turns = hotel().slice(0, 2);
    const second = turns[1] as Turn;
    second.user = { ...(second.user ?? { text: '', shape: 'text' }), text: "That's wrong, I asked about parking." } as Turn['user'];
    const r = rankTurns(turns);
    const first = r.suspects.find((s) => s.turn === 1);
    expect(first?.reasons.filter((x) => /corrects or pushes back/.test(x))).toHaveLength(1);
  });
  it('an empty session has no suspect and no advice', () => {
    expect(rankTurns([])).toEqual({ suspects: [], firstBadTurn: null, advice: null });
  });
  it('history is missing only when every later turn with a model input held no earlier message', () => {
    const turns = hotel();
    expect(historyIsMissing(turns)).toBe(false);
    for (const t of turns) t.history = { earlierMessages: t.n > 1 ? 0 : 0, spanName: 'chat' } as Turn['history'];
    expect(historyIsMissing(turns)).toBe(true);
  });
});
