/**
 * Options as data: each one knows its kind, its help line and a zod schema that turns what was
 * typed into a typed value, so help, parsing and validation can never drift apart.
 */
import { z } from 'zod';

export type OptionKind = 'flag' | 'value' | 'list';

export interface OptionDef<T = unknown> {
  kind: OptionKind;
  /** The value's placeholder in help (`--since AGE|DATE`); flags have none. */
  metavar?: string;
  help: string;
  /** Validates the raw input: a boolean (flag), a string (value), a string[] (list). */
  schema: z.ZodType<T>;
  /** What the value must be, for the one-line error: "a positive whole number". */
  expects?: string;
  /** A value that works, for the error's hint. */
  example?: string;
  /** Left out of --help (an argument's --flag form, listed under Arguments). */
  hidden?: boolean;
  /** The heading it is listed under in --help (default: Options). */
  group?: string;
}

export type OptionShape = Record<string, OptionDef>;
export type OptionValues<S extends OptionShape> = { [K in keyof S]: S[K] extends OptionDef<infer T> ? T : never };

/** `maxChars` → `max-chars`: option keys are camelCase in code, kebab-case on the command line. */
export const flagName = (key: string): string => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export const flag = (help: string): OptionDef<boolean> => ({ kind: 'flag', help, schema: z.boolean().default(false) });

export const text = (metavar: string, help: string): OptionDef<string | undefined> => ({
  kind: 'value',
  metavar,
  help,
  schema: z.string().optional(),
});

/** A positive whole number (at most `max`), with a default when the option is left out. */
export function count(metavar: string, help: string, fallback: number, max?: number): OptionDef<number>;
export function count(metavar: string, help: string): OptionDef<number | undefined>;
export function count(metavar: string, help: string, fallback?: number, max = Number.MAX_SAFE_INTEGER): OptionDef<number | undefined> {
  const n = z
    .string()
    .regex(/^\d+$/)
    .transform(Number)
    .refine((v) => v > 0 && v <= max);
  return {
    kind: 'value',
    metavar,
    help,
    expects: max < Number.MAX_SAFE_INTEGER ? `a positive whole number up to ${max.toLocaleString('en-US')}` : 'a positive whole number',
    example: String(fallback ?? 10),
    schema: fallback === undefined ? n.optional() : n.default(fallback),
  };
}

/** A whole number where 0 means "none" (--slices 0: no sample). */
export const whole = (metavar: string, help: string, fallback: number): OptionDef<number> => ({
  kind: 'value',
  metavar,
  help,
  expects: 'a whole number (0 or more)',
  example: String(fallback),
  schema: z.string().regex(/^\d+$/).transform(Number).default(fallback),
});

/** A repeatable option: every occurrence is kept, in order. */
export const list = (metavar: string, help: string): OptionDef<string[]> => ({
  kind: 'list',
  metavar,
  help,
  schema: z.array(z.string()).default([]),
});

/** The same options, listed under their own heading in --help. */
export function grouped<S extends OptionShape>(group: string, shape: S): S {
  return Object.fromEntries(Object.entries(shape).map(([k, d]) => [k, { ...d, group }])) as S;
}
