/** The one typed trace model every analysis works on, whatever MLflow version printed the JSON (trace.ts parses into it). */
export type SpanStatus = 'OK' | 'ERROR' | 'UNSET';
export type TraceFormat = '3.x' | '3.5.0' | '2.x';

export interface SpanEvent {
  name: string;
  timeMs: number | null;
  attributes: Record<string, unknown>;
}

export interface Span {
  id: string;
  parentId: string | null;
  name: string;
  startMs: number;
  endMs: number | null;
  status: SpanStatus;
  statusMessage: string;
  rawAttributes: Record<string, unknown>;
  events: SpanEvent[];
}

export interface Assessment {
  id: string | null;
  name: string;
  kind: 'feedback' | 'expectation' | 'issue' | 'unknown';
  value: unknown;
  error: { code: string; message: string; stackTrace: string | null } | null;
  rationale: string | null;
  sourceType: string;
  sourceId: string | null;
  spanId: string | null;
  valid: boolean;
  overrides: string | null;
  metadata: Record<string, string>;
  /** Logged by a session-level scorer: its metadata names the session. */
  sessionLevel: boolean;
  createTime: string | null;
}

export interface TraceInfo {
  traceId: string;
  experimentId: string | null;
  requestTimeMs: number | null;
  durationMs: number | null;
  state: string;
  requestPreview: string | null;
  responsePreview: string | null;
  metadata: Record<string, string>;
  tags: Record<string, string>;
  assessments: Assessment[];
  sessionId: string | null;
  userId: string | null;
}

export interface Trace {
  info: TraceInfo;
  spans: Span[];
  format: TraceFormat;
}
