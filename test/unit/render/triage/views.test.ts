/** Each triage section's view over one small triage: what it prints, under which screen section. */
import { describe, expect, it } from 'vitest';
import { applicationsView } from '../../../../scripts/lib/render/triage/applications.js';
import { costView } from '../../../../scripts/lib/render/triage/cost.js';
import { histogramView } from '../../../../scripts/lib/render/triage/histogram.js';
import { inProgressView } from '../../../../scripts/lib/render/triage/in-progress.js';
import { judgeFailuresView } from '../../../../scripts/lib/render/triage/judge-failures.js';
import { latencyView } from '../../../../scripts/lib/render/triage/latency.js';
import { TRIAGE_VIEWS } from '../../../../scripts/lib/render/triage/registry.js';
import { tokensView } from '../../../../scripts/lib/render/triage/tokens.js';
import { traceFindingsView } from '../../../../scripts/lib/render/triage/trace-findings.js';
import { triageSections } from '../../../../scripts/lib/render/triage/triage-view.js';
import { verdictsView } from '../../../../scripts/lib/render/triage/verdicts.js';
import { overRepLine } from '../../../../scripts/lib/render/triage/view.js';
import { humanFeedback, judgeFeedback } from '../../../support/assessments.js';
import { TRIAGE_SECTIONS } from '../../../../scripts/lib/analysis/triage/registry.js';
import { TRIAGE_FOLLOW as follow, TRIAGE_RUN as run, traceAt, triageOver } from '../../../support/builders.js';
import { findings as f } from './sections.fixture.js';

const text = (sections: ReturnType<typeof verdictsView>) => sections.flatMap((s) => s.lines).join('\n');

describe('triage views', () => {
  it('one per registered section, and the screen in its order: header, failures, histogram, verdicts, latency', () => {
    expect(Object.keys(TRIAGE_VIEWS).sort()).toEqual(TRIAGE_SECTIONS.map((s) => s.name).sort());
    expect(triageSections(f, run, follow).map((s) => [s.name, s.priority])).toEqual([
      ['header', 0],
      ['failures', 1],
      ['traceFindings', 2],
      ['histogram', 4],
      // Tokens recorded, no cost: COST PER DAY says why nothing is priced (no model call among the spans read).
      ['cost', 5],
      ['verdicts', 2],
      ['latency', 3],
    ]);
  });

  it('verdicts: name, count, values, rationale and the newest trace to inspect', () => {
    const out = text(verdictsView(f, run, follow));
    expect(out).toContain('NEGATIVE VERDICTS — 1 assessment with negative values (by source: HUMAN, LLM_JUDGE, CODE counted apart)');
    expect(out).toContain('correctness [LLM_JUDGE]: 5 negative, 0 positive of 5 verdicts on 5 of 40 traces read (no ×5)');
    expect(out).toContain('rationale ×5: "Missing the order status."');
    expect(out).toMatch(/newest tr-0+33: inspect tr-0+33/);
  });

  it('verdicts: a judge and people on one name counted apart, where the judge alone ran, and the command that compares them', () => {
    const traces = [
      ...Array.from({ length: 6 }, (_, i) =>
        traceAt(i, i, { assessments: [judgeFeedback('answer_correct', 'yes'), humanFeedback('answer_correct', i < 4 ? 'no' : 'yes')], tags: { v: '5.2' } }),
      ),
      ...Array.from({ length: 4 }, (_, i) => traceAt(10 + i, 10 + i, { tags: { v: '5.1' } })),
    ];
    const out = text(verdictsView(triageOver(TRIAGE_SECTIONS, traces).result(), run, follow));
    expect(out).toContain('answer_correct [HUMAN]: 4 negative, 2 positive of 6 verdicts on 6 of 10 traces read (no ×4)');
    expect(out).toContain('answer_correct [LLM_JUDGE]: 0 negative, 6 positive of 6 verdicts on 6 of 10 traces read');
    expect(out).toContain(
      'coverage: every verdict below was given on tag.v=5.2 only (6 traces read); none of the 4 traces with another tag.v has one: these verdicts compare nothing across tag.v',
    );
    expect(out).toContain('answer_correct is scored by HUMAN and LLM_JUDGE (counted apart above); do they agree: judge_agreement --name answer_correct');
  });

  it('an over-represented value says when its key is missing from many traces', () => {
    const o = { key: 'tag.tier', value: 'gold', inCluster: 5, clusterSize: 5, overall: 5, overallShare: 0.25, baseline: 'read' as const, among: 20, keyOn: 6 };
    expect(overRepLine(o)).toBe('tag.tier=gold: 5 of 5 here, 25% overall (tag.tier is set on only 6 of 20 traces read)');
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
  it('findings across traces: each kind with its trace count and an example to open; without spans, the command that checks OK traces', () => {
    const none = text(traceFindingsView({ ...f, traceFindings: { checked: 0, unchecked: 0, roles: {}, kinds: [] } }, run, follow));
    expect(none).toContain('FINDINGS ACROSS TRACES — OK traces not checked');
    expect(none).toContain('Check every trace read: triage --spans');
    const ids = Array.from({ length: 12 }, (_, i) => `t${i}`);
    const found = {
      ...f,
      traceFindings: {
        checked: 36,
        unchecked: 0,
        roles: { all: 36 },
        kinds: [
          { kind: 'answeredAfterFailedTool', about: '', heuristic: false, traces: 12, examples: [{ traceId: 't0', line: 'answered' }], traceIds: ids },
          { kind: 'failureInOkOutput', about: '', heuristic: 'some' as const, traces: 12, examples: [{ traceId: 't0', line: 'stated' }], traceIds: ids },
          {
            kind: 'argumentNotFromConversation',
            about: '',
            heuristic: 'some' as const,
            traces: 2,
            examples: [{ traceId: 'a', line: 'get_refill got RF-1' }],
            traceIds: ['a', 'b'],
          },
        ],
      },
    };
    const out = text(traceFindingsView(found, run, follow));
    expect(out).toContain("health_check's findings in each of the 36 OK traces read (--spans)");
    expect(out).toContain('! argumentNotFromConversation in 2 traces (some heuristic): get_refill got RF-1');
    expect(out).toContain('e.g. inspect a\n      traces: a, b');
    expect(out).toContain('traces: t0, t1, t2, t3, t4, t5, t6, t7, t8, t9 … 2 more (--json: traceFindings.kinds[].traceIds)');
    expect(out).toContain('the same 12 traces as answeredAfterFailedTool');
    expect(out).not.toContain('not checked');
  });
});

describe('cost view', () => {
  it('tokens recorded but no cost, and no model call among the spans read: says plainly why nothing is priced', () => {
    expect(text(costView(f, run, follow))).toMatch(
      /^COST PER DAY \(UTC\) — MLflow recorded no cost on these traces .*; not priced from the table either: none of the \d+ traces read with spans has a model call with token counts/,
    );
  });
});
