import {
  polarityOf
} from "./chunk-NTVFJSFG.mjs";
import {
  SkillError,
  shown
} from "./chunk-V3PRQPWM.mjs";

// scripts/lib/analysis/common/verdicts.ts
var sourceOf = (a) => a.sourceType.replace(/^SOURCE_TYPE_/, "").toUpperCase();
var SOURCE_ALIASES = {
  human: "HUMAN",
  person: "HUMAN",
  llm_judge: "LLM_JUDGE",
  "llm-judge": "LLM_JUDGE",
  judge: "LLM_JUDGE",
  llm: "LLM_JUDGE",
  code: "CODE"
};
function parseSource(text, flag = "--source") {
  const s = SOURCE_ALIASES[text.trim().toLowerCase()];
  if (!s)
    throw new SkillError("usage", `${flag} takes HUMAN, LLM_JUDGE or CODE (or human, judge, code), not ${shown(text)}.`, {
      hint: `e.g. ${flag} human: the QA team's labels only; ${flag} judge: the LLM judge's verdicts only.`
    });
  return s;
}
function verdictsOf(trace) {
  const verdicts = [];
  for (const a of trace.info.assessments) {
    if (a.kind !== "feedback" || a.error || !a.valid) continue;
    const polarity = polarityOf(a.value, a.name);
    verdicts.push({
      name: a.name,
      source: sourceOf(a),
      negative: polarity === "negative",
      positive: polarity === "positive",
      value: typeof a.value === "string" ? a.value : JSON.stringify(a.value),
      rationale: a.rationale?.trim() || null
    });
  }
  return verdicts;
}
function judgeErrorsOf(trace) {
  const errors = [];
  for (const a of trace.info.assessments)
    if (a.kind === "feedback" && a.error) errors.push({ name: a.name, source: sourceOf(a), code: a.error.code, message: a.error.message });
  return errors;
}
var sameValue = (value, want) => value.trim().toLowerCase() === want.trim().toLowerCase();
function onlySource(source, feedback = []) {
  return (t) => {
    const assessments = t.info.assessments.filter((a) => a.kind !== "feedback" || sourceOf(a) === source);
    const view = { ...t, info: { ...t.info, assessments } };
    const mine = verdictsOf(view);
    for (const [name, want] of feedback) if (!mine.some((v) => v.name === name && sameValue(v.value, want))) return null;
    return view;
  };
}

export {
  sourceOf,
  parseSource,
  verdictsOf,
  judgeErrorsOf,
  onlySource
};
