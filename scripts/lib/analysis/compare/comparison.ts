/** The shape of a comparison of two traces: each trace's side, the aligned span pairs and what differs in them, what is the same. */
import type { ModelParams } from '../trace/model-params.js';
import type { TextDiff } from './json-diff.js';
import type { RetrievedDoc } from './span-docs.js';

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
  model: { a: ModelParams; b: ModelParams; differs: Array<keyof ModelParams> } | null;
  docs: { a: RetrievedDoc[]; b: RetrievedDoc[]; onlyA: string[]; onlyB: string[] } | null;
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
  /** Over the aligned retrievers: the same documents, or not. */
  documents: { identical: boolean; spans: number } | null;
}
