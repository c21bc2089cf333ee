/**
 * Prices for models whose spans carry no cost (`mlflow.llm.cost` absent: a Databricks or client
 * that computes none, a model MLflow's table did not know at ingest). The built-in table is dated
 * and says its source; `--prices FILE` (JSON, checked with zod) replaces or adds models. A model in
 * neither is unknown: said so, never priced.
 */
import { z } from 'zod';
import { SkillError } from '../../core/errors.js';
import { readJsonFile } from '../../core/read-json.js';

export interface PriceTable {
  /** Where the prices come from, as printed beside every figure computed from them. */
  source: string;
  /** The same, short: "the built-in price table (2026-11)", "prices.json (as of 2026-10-01)". */
  name: string;
  /** USD per million tokens. */
  models: Record<string, { input: number; output: number }>;
}

/** MLflow 3.17.2's bundled price data (mlflow/utils/providers.py `cost_per_token`), as of its release. */
export const BUILTIN_PRICES: PriceTable = {
  source: 'built-in price table, USD per 1M tokens, from MLflow 3.17.2 bundled model prices (2026-11)',
  name: 'the built-in price table (2026-11)',
  models: {
    'gpt-4o': { input: 2.5, output: 10 },
    'gpt-4o-mini': { input: 0.15, output: 0.6 },
    'gpt-4.1': { input: 2, output: 8 },
    'gpt-4.1-mini': { input: 0.4, output: 1.6 },
    'gpt-4.1-nano': { input: 0.1, output: 0.4 },
    'o3-mini': { input: 1.1, output: 4.4 },
    'claude-sonnet-4-20250514': { input: 3, output: 15 },
    'gemini-2.0-flash': { input: 0.1, output: 0.4 },
    'text-embedding-3-small': { input: 0.02, output: 0 },
  },
};

const PriceFile = z
  .object({
    as_of: z.string().min(1, 'as_of: the date the prices were read, e.g. "2026-11-30"'),
    currency: z.literal('USD').optional(),
    per: z.literal('1M tokens').optional(),
    models: z.record(z.string().min(1), z.object({ input: z.number().nonnegative(), output: z.number().nonnegative() }).strict()),
  })
  .strict();

const PRICE_HINT = 'Expected {"as_of": "2026-11-30", "models": {"gpt-4o": {"input": 2.5, "output": 10}}} with USD per 1M tokens.';

/** The file's JSON; a missing, empty or unparsable file is a usage error (exit 2) with the expected shape. */
function readPriceJson(file: string): unknown {
  try {
    return readJsonFile(file, 'the --prices file');
  } catch (err) {
    if (!(err instanceof SkillError)) throw err;
    throw new SkillError('usage', `--prices ${file}: ${err.message.replace(/\.$/, '')}.`, { hint: PRICE_HINT });
  }
}

/** `--prices FILE`: its models over the built-in ones; an invalid file is a usage error naming the field. */
export function loadPrices(file: string | undefined): PriceTable {
  if (!file) return BUILTIN_PRICES;
  const parsed = PriceFile.safeParse(readPriceJson(file));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SkillError('usage', `--prices ${file}: ${issue ? `${issue.path.join('.') || '(top level)'}: ${issue.message}` : 'not a price file'}.`, {
      hint: PRICE_HINT,
    });
  }
  return {
    source: `${file} (as of ${parsed.data.as_of}, USD per 1M tokens) over the built-in table`,
    name: `${file} (as of ${parsed.data.as_of}) over the built-in table`,
    models: { ...BUILTIN_PRICES.models, ...parsed.data.models },
  };
}

/** A model's price: exact name, else the name without a date suffix (gpt-4o-2024-08-06 → gpt-4o), else a provider prefix dropped. */
export function priceOf(table: PriceTable, model: string): { input: number; output: number } | null {
  const bare = model.replace(/^[\w-]+[:/]+/, '');
  for (const m of [model, bare, bare.replace(/-\d{4}-\d{2}-\d{2}$/, '')]) {
    const p = table.models[m];
    if (p) return p;
  }
  return null;
}

/** USD for one call, or null for a model the table does not know. */
export function callCost(table: PriceTable, model: string, input: number | null, output: number | null): number | null {
  const p = priceOf(table, model);
  if (!p) return null;
  return ((input ?? 0) * p.input + (output ?? 0) * p.output) / 1_000_000;
}
