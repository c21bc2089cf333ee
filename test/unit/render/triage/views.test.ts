/** Each triage section's view over one small triage: what it prints, under which screen section. */
import { describe, expect, it } from 'vitest';
import { applicationsView } from '../../../../scripts/lib/render/triage/applications.js';
import { histogramView } from '../../../../scripts/lib/render/triage/histogram.js';
import { inProgressView } from '../../../../scripts/lib/render/triage/in-progress.js';
import { judgeFailuresView } from '../../../../scripts/lib/render/triage/judge-failures.js';
import { latencyView } from '../../../../scripts/lib/render/triage/latency.js';
import { TRIAGE_VIEWS } from '../../../../scripts/lib/render/triage/registry.js';
import { tokensView } from '../../../../scripts/lib/render/triage/tokens.js';
import { triageSections } from '../../../../scripts/lib/render/triage/triage-view.js';
import { verdictsView } from '../../../../scripts/lib/render/triage/verdicts.js';
import { TRIAGE_SECTIONS } from '../../../../scripts/lib/analysis/triage/registry.js';
import { TRIAGE_FOLLOW as follow, TRIAGE_RUN as run } from '../../../support/builders.js';
import { findings as f } from './sections.fixture.js';

const text = (sections: ReturnType<typeof verdictsView>) => sections.flatMap((s) => s.lines).join('\n');

describe('triage views', () => {
  it('one per registered section, and the screen in its order: header, failures, histogram, verdicts, latency', () => {
    expect(Object.keys(TRIAGE_VIEWS).sort()).toEqual(TRIAGE_SECTIONS.map((s) => s.name).sort());
    expect(triageSections(f, run, follow).map((s) => [s.name, s.priority])).toEqual([
      ['header', 0],
      ['failures', 1],
      ['histogram', 4],
      ['verdicts', 2],
      ['latency', 3],
    ]);
  });

  it('verdicts: name, count, values, rationale and the newest trace to inspect', () => {
    const out = text(verdictsView(f, run, follow));
    expect(out).toContain('NEGATIVE VERDICTS — 1 assessment with negative values');
    expect(out).toContain('correctness: 5 negative verdicts (no ×5)');
    expect(out).toContain('rationale ×5: "Missing the order status."');
    expect(out).toMatch(/newest tr-0+33: inspect tr-0+33/);
  });

  it('judge failures join the verdicts screen section, apart from them', () => {
    const [s] = judgeFailuresView(f, run, follow);
    expect(s?.name).toBe('verdicts');
    expect(s?.lines.join('\n')).toContain('JUDGE FAILURES — 1 scorer error: the judge failed, not the trace');
    expect(s?.lines.join('\n')).toContain('groundedness TIMEOUT ×1');
  });

  it('latency: percentiles, the slow tail and its span, another application named', () => {
    const out = text(latencyView(f, run, follow));
    expect(out).toContain('LATENCY — traces p50');
    expect(out).toMatch(/slow tail: 4 traces ≥ .*the time goes to retrieve/);
    expect(out).toContain('belong to another application (batch, not chat)');
    expect(out).toContain('per span name, over the 8 traces whose spans were read (4 failing, 4 slow tail; --spans reads all)');
  });

  it('tokens and in-progress lines join the latency screen section', () => {
    expect(tokensView(f, run, follow)).toEqual([
      expect.objectContaining({ name: 'latency', lines: [expect.stringContaining('tokens: median 1,000 per trace; outliers: ')] }),
    ]);
    expect(text(inProgressView(f, run, follow))).toMatch(/1 still IN_PROGRESS.*tr-0+39/);
  });

  it('the histogram shows per hour with a bar; applications print nothing of their own', () => {
    const out = text(histogramView(f, run, follow));
    expect(out).toContain('FAILURES PER HOUR (UTC)');
    expect(out).toMatch(/2026-11-10 01:00 +2 +1 █+/);
    expect(applicationsView(f, run, follow)).toEqual([]);
  });
});
