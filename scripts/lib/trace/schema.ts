/**
 * zod schemas for what `mlflow traces get` and `mlflow traces search --output json` print, in
 * every shape seen in the wild: MLflow 3.x (base64 span ids, STATUS_CODE_*), the 3.5.0 variant
 * (hex ids, "OK"), and 2.x-era `trace.to_json()` (span `context`, `request_id`). Objects are
 * loose: unknown keys pass through, because MLflow adds fields between releases.
 */
import { z } from 'zod';

/** ns timestamps: numbers (rounded above 2^53 by JSON.parse; sub-µs loss) or numeric strings. */
const NanoTime = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]);
/**
 * Any JSON object. Not z.record: parsed JSON keys are strings already, and a record copies every
 * key of every span's attributes: a fifth of a 10,000-trace triage's CPU went to that copy.
 */
const JsonObject = z.custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), 'expected an object');
const Attributes = JsonObject;
const StringMap = JsonObject;

const EventV3 = z.looseObject({
  name: z.string().default(''),
  time_unix_nano: NanoTime.nullish(),
  attributes: Attributes.nullish(),
});

export const SpanV3 = z.looseObject({
  trace_id: z.string().nullish(),
  span_id: z.string(),
  parent_span_id: z.string().nullish(),
  name: z.string().default(''),
  start_time_unix_nano: NanoTime,
  end_time_unix_nano: NanoTime.nullish(),
  status: z.looseObject({ code: z.string().nullish(), message: z.string().nullish() }).nullish(),
  attributes: Attributes.nullish(),
  events: z.array(EventV3).nullish(),
});

export const SpanV2 = z.looseObject({
  context: z.looseObject({ span_id: z.string(), trace_id: z.string().nullish() }),
  parent_id: z.string().nullish(),
  name: z.string().default(''),
  start_time: NanoTime,
  end_time: NanoTime.nullish(),
  status_code: z.string().nullish(),
  status_message: z.string().nullish(),
  attributes: Attributes.nullish(),
  events: z.array(z.looseObject({ name: z.string().default(''), timestamp: NanoTime.nullish(), attributes: Attributes.nullish() })).nullish(),
});

export const RawAssessment = z.looseObject({
  assessment_id: z.string().nullish(),
  assessment_name: z.string().nullish(),
  /** 2.x entities used `name`. */
  name: z.string().nullish(),
  trace_id: z.string().nullish(),
  span_id: z.string().nullish(),
  source: z.looseObject({ source_type: z.string().nullish(), source_id: z.string().nullish() }).nullish(),
  create_time: z.string().nullish(),
  create_time_ms: z.number().nullish(),
  feedback: z
    .looseObject({
      value: z.unknown().optional(),
      error: z.looseObject({ error_code: z.string().nullish(), error_message: z.string().nullish(), stack_trace: z.string().nullish() }).nullish(),
    })
    .nullish(),
  expectation: z
    .looseObject({
      value: z.unknown().optional(),
      serialized_value: z.looseObject({ serialization_format: z.string().nullish(), value: z.string().nullish() }).nullish(),
    })
    .nullish(),
  issue: z.looseObject({ issue_name: z.string().nullish() }).nullish(),
  /** 2.x kept a top-level error. */
  error: z.unknown().optional(),
  rationale: z.string().nullish(),
  metadata: StringMap.nullish(),
  overrides: z.string().nullish(),
  valid: z.boolean().nullish(),
});

export const InfoV3 = z.looseObject({
  trace_id: z.string(),
  trace_location: z
    .looseObject({
      type: z.string().nullish(),
      mlflow_experiment: z.looseObject({ experiment_id: z.string().nullish() }).nullish(),
    })
    .nullish(),
  request_preview: z.string().nullish(),
  response_preview: z.string().nullish(),
  request_time: z.string().nullish(),
  execution_duration_ms: z.number().nullish(),
  state: z.string().nullish(),
  trace_metadata: StringMap.nullish(),
  tags: StringMap.nullish(),
  assessments: z.array(RawAssessment).nullish(),
});

export const InfoV2 = z.looseObject({
  request_id: z.string(),
  experiment_id: z.string().nullish(),
  timestamp_ms: z.number().nullish(),
  execution_time_ms: z.number().nullish(),
  status: z.string().nullish(),
  request_metadata: StringMap.nullish(),
  tags: StringMap.nullish(),
  assessments: z.array(RawAssessment).nullish(),
});

export const RawTrace = z.looseObject({
  info: z.union([InfoV3, InfoV2]),
  /** `--no-include-spans` prints `{"spans": []}`; `--extract-fields` may drop `data` entirely. */
  data: z.looseObject({ spans: z.array(z.union([SpanV3, SpanV2])).nullish() }).nullish(),
});

export const SearchResult = z.looseObject({
  traces: z.array(RawTrace),
  next_page_token: z.string().nullish(),
});

export type RawTrace = z.infer<typeof RawTrace>;
export type RawSpanV3 = z.infer<typeof SpanV3>;
export type RawSpanV2 = z.infer<typeof SpanV2>;
export type RawAssessment = z.infer<typeof RawAssessment>;
export type SearchResult = z.infer<typeof SearchResult>;
