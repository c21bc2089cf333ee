/**
 * The raw JSON's ids, times and values made uniform: span ids as hex, nanoseconds as ms, status
 * as OK / ERROR / UNSET, tags as strings, attribute values JSON-decoded on first use (a 50 MB
 * trace is mostly attribute text that most analyses never read).
 */
import type { Span, SpanStatus } from './types.js';

const B64_SPAN_ID = /^[A-Za-z0-9+/]{11}=$/;
export const HEX_SPAN_ID = /^(?:0x)?([0-9a-fA-F]{16})$/;

/** 3.x prints base64 span ids, 3.5.0 and 2.x hex, assessments always hex: normalise to hex. */
export function normaliseSpanId(id: string): string {
  const hex = HEX_SPAN_ID.exec(id);
  if (hex?.[1]) return hex[1].toLowerCase();
  if (B64_SPAN_ID.test(id)) return base64SpanIdToHex(id);
  return id;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < B64.length; i++) B64_VALUE[B64.charCodeAt(i)] = i;
const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Eight bytes in base64 (11 characters and '=', B64_SPAN_ID) as hex: a third of Buffer's cost, paid by every span of a 30,000-span trace. */
function base64SpanIdToHex(id: string): string {
  let hex = '';
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < 11; i++) {
    acc = ((acc << 6) | (B64_VALUE[id.charCodeAt(i)] as number)) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      hex += HEX_BYTE[(acc >> bits) & 0xff];
    }
  }
  return hex;
}

export const nsToMs = (ns: number | null | undefined): number | null => (typeof ns === 'number' && Number.isFinite(ns) ? ns / 1e6 : null);

/** Attribute values are JSON-encoded strings (`"\"LLM\""`); anything else is taken as it is. */
export function decodeValue(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  if (PLAIN_QUOTED.test(raw)) return raw.slice(1, -1);
  const c = raw.trimStart()[0];
  if (c === undefined) return raw;
  if (c === '"' || c === '{' || c === '[' || c === '-' || (c >= '0' && c <= '9') || raw === 'true' || raw === 'false' || raw === 'null') {
    try {
      return JSON.parse(raw);
    } catch {
      return raw;
    }
  }
  return raw;
}

/** A short JSON string with nothing to unescape (`"TOOL"`, a span kind): its text without JSON.parse. */
const PLAIN_QUOTED = /^"[^"\\\u0000-\u001f]{0,62}"$/;

const decoded = new WeakMap<Span, Map<string, unknown>>();

/** A span attribute, JSON-decoded once and cached. */
export function attr(span: Span, key: string): unknown {
  if (!(key in span.rawAttributes)) return undefined;
  let cache = decoded.get(span);
  if (!cache) decoded.set(span, (cache = new Map()));
  if (!cache.has(key)) cache.set(key, decodeValue(span.rawAttributes[key]));
  return cache.get(key);
}

/** A span attribute as `attr` reads it, not kept: timing's repeats read every span's inputs once, and keeping them all cost 130 MB on 30,000 spans. */
export function attrUnkept(span: Span, key: string): unknown {
  if (!(key in span.rawAttributes)) return undefined;
  const cache = decoded.get(span);
  return cache?.has(key) ? cache.get(key) : decodeValue(span.rawAttributes[key]);
}

/** Tags and metadata as strings. Nearly always they are already: then the parsed object itself, not a copy per trace. */
export const toStringMap = (m: Record<string, unknown> | null | undefined): Record<string, string> => {
  if (!m) return {};
  if (Object.values(m).every((v) => typeof v === 'string')) return m as Record<string, string>;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(m)) out[k] = typeof v === 'string' ? v : JSON.stringify(v);
  return out;
};

export function statusOf(code: string | null | undefined): SpanStatus {
  const c = (code ?? '').toUpperCase().replace(/^STATUS_CODE_/, '');
  return c === 'OK' ? 'OK' : c === 'ERROR' ? 'ERROR' : 'UNSET';
}
