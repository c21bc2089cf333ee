/** The shape of a comparison of two traces: each trace's side, the aligned span pairs and what differs in them, what is the same. */
import type { ModelParams } from '../trace/model-params.js';
import type { TextDiff } from './json-diff.js';
import type { DocsDiff } from './docs-diff.js';

export interface SpanSide {
  spanId: string;
  status: string;
  durationMs: number | null;
  tokens: number | null;
}

export interface PairDiff {
  path: string;
  type: string | null;
  a: SpanSide;
  b: SpanSide;
  statusDiffers: boolean;
  inputDiff: TextDiff | null;
  outputDiff: TextDiff | null;
  /** `toolsRedefined`: tools both calls were offered under one name with another definition (description, schema). */
  model: { a: ModelParams; b: ModelParams; differs: Array<keyof ModelParams>; toolsRedefined: string[] } | null;
  docs: DocsDiff | null;
}

export interface TraceSide {
  traceId: string;
  experimentId: string | null;
  state: string;
  requestTime: string | null;
  durationMs: number | null;
  spans: number;
  request: string | null;
  response: string | null;
  /** Valid feedback with its source (HUMAN, LLM_JUDGE, CODE): a judge's verdict is never read as a person's. */
  verdicts: Array<{ name: string; source: string; value: unknown; negative: boolean; positive: boolean; rationale: string | null }>;
}

export interface Comparison {
  a: TraceSide;
  b: TraceSide;
  sameExperiment: boolean;
  /**
   * The requests compared whole (the root spans' inputs), not by their previews: MLflow's preview is
   * the last user message, cut at 1,000 chars. null: a side logged no root input (previews alone).
   */
  sameRequest: boolean | null;
  /** Tags and metadata whose values differ (mlflow bookkeeping left out). */
  contextDiffers: Array<{ key: string; a: string | null; b: string | null }>;
  aligned: number;
  firstDivergence: { path: string; diff: TextDiff } | null;
  pairs: PairDiff[];
  onlyA: Array<{ path: string; spanId: string; type: string | null }>;
  onlyB: Array<{ path: string; spanId: string; type: string | null }>;
  /** Said outright, so "nothing differs here" is read, not inferred from an absence. */
  sameness: Sameness;
}

export interface Sameness {
  /** Over the aligned model calls: identical, with the parameters that were set; or which differ. */
  modelParams: { identical: boolean; set: string[]; differ: string[] } | null;
  /** Over the aligned retrievers: the same documents with the same texts, or not; `changed`: ids that carry another text. */
  documents: { identical: boolean; reordered: boolean; changed: string[]; spans: number } | null;
}
