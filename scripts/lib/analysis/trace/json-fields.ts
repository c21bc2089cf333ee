/** Reading fields of logged JSON whose shape varies by library: an object, a non-blank string, a finite number. */
export type Json = unknown;
export const isObj = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A non-blank string, or a number as text (ids are logged either way). */
export const str = (v: Json): string | null => (typeof v === 'string' && v.trim() ? v : typeof v === 'number' ? String(v) : null);
/** A finite number, or a string that reads as one. */
export const num = (v: Json): number | null => {
  const n = typeof v === 'string' && v.trim() ? Number(v) : v;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
};
