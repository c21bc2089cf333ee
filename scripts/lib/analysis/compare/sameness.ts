/** What is the same across the aligned pairs, said outright: the model parameters set, the documents retrieved (ids and texts). */
import type { ModelParams } from '../trace/model-params.js';
import type { PairDiff, Sameness } from './comparison.js';
import { docsDiffer } from './docs-diff.js';

const PARAM_NAMES: Record<keyof ModelParams, string> = { model: 'model', temperature: 'temperature', maxTokens: 'max_tokens', topP: 'top_p', tools: 'tools' };

export function samenessOf(pairs: readonly PairDiff[]): Sameness {
  const models = pairs.filter((p) => p.model);
  const docs = pairs.filter((p) => p.docs);
  const keys = Object.keys(PARAM_NAMES) as Array<keyof ModelParams>;
  const isSet = (m: ModelParams, k: keyof ModelParams) => (Array.isArray(m[k]) ? (m[k] as string[]).length > 0 : m[k] !== null && m[k] !== undefined);
  const set = keys.filter((k) => models.some((p) => p.model && (isSet(p.model.a, k) || isSet(p.model.b, k))));
  const differ = [...new Set(models.flatMap((p) => p.model?.differs ?? []))];
  return {
    modelParams: models.length ? { identical: differ.length === 0, set: set.map((k) => PARAM_NAMES[k]), differ: differ.map((k) => PARAM_NAMES[k]) } : null,
    documents: docs.length
      ? {
          identical: docs.every((p) => p.docs && !docsDiffer(p.docs)),
          reordered: docs.some((p) => p.docs?.reordered),
          changed: [...new Set(docs.flatMap((p) => p.docs?.changed.map((c) => c.doc) ?? []))],
          spans: docs.length,
        }
      : null,
  };
}
