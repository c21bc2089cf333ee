import { describe, expect, it } from 'vitest';
import { conversationSignals, type TurnText } from '../../../../scripts/lib/analysis/session/signals.js';

const chat = (...pairs: Array<[string, string | null]>): TurnText[] =>
  pairs.map(([user, reply], i) => ({ n: i + 1, user, reply, state: reply === null ? 'ERROR' : 'OK', requestTimeMs: i * 60_000 }));
const kinds = (t: TurnText[]) => conversationSignals(t).map((s) => s.kind);

describe('conversationSignals', () => {
  it('reads doubt and correction after a claimed success, blaming the claiming turn', () => {
    const s = conversationSignals(
      chat(
        ['Change the name to 23C please.', 'Done! The name has been updated to 23C.'],
        ['The app still shows 23B. Did it work?', 'Yes, it has been updated.'],
        ['You told me it was changed!', 'Sorry about that.'],
      ),
    );
    expect(s.map((x) => x.kind)).toEqual(expect.arrayContaining(['doubt', 'claimed-success', 'correction']));
    expect(s.find((x) => x.kind === 'doubt')?.blames).toBe(1);
    expect(s.find((x) => x.kind === 'correction')?.blames).toBe(2);
  });

  it('reads frustration, a request for a human, the assistant repeating itself, and an ending on a complaint', () => {
    expect(
      kinds(
        chat(
          ['Where is my parcel?', 'It ships in two days via our courier.'],
          ['This is useless, let me talk to a real person.', 'It ships in two days via our courier.'],
        ),
      ),
    ).toEqual(expect.arrayContaining(['frustration', 'human', 'assistant-repeat', 'abandoned']));
  });

  it('names a long wait before a last complaint, and a last turn with no reply', () => {
    const t = chat(['Where is order 5?', 'Let me check.'], ['Hello?? Any news?', null]);
    (t[1] as TurnText).requestTimeMs = 95 * 60_000;
    const s = conversationSignals(t).find((x) => x.kind === 'abandoned');
    expect(s?.reason).toMatch(/after a 95-min wait on a turn with no reply/);
  });

  it('reads German, French and Spanish push-back', () => {
    expect(kinds(chat(['Wann kommt 7?', 'Freitag.'], ['Das ist falsch, ich habe gefragt wann!', 'Freitag.']))).toContain('correction');
    expect(kinds(chat(['Quand?', 'Vendredi.'], ["C'est faux, j'ai demandé la date.", 'Lundi.']))).toContain('correction');
    expect(kinds(chat(['¿Cuándo?', 'El viernes.'], ['Otra vez, no es correcto.', 'Lunes.']))).toContain('correction');
  });

  it('finds nothing in a fine chat, a single turn, or thanks', () => {
    expect(kinds(chat(['Do you ship to Austria?', 'Yes, in 3-5 days.'], ['Great, thanks! That worked.', 'Happy to help!']))).toEqual([]);
    expect(kinds(chat(['Is the planter frost-proof?', 'Yes, down to -20 C.']))).toEqual([]);
    expect(kinds([])).toEqual([]);
  });
});
