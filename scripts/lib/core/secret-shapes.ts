/**
 * Secrets recognisable by their shape alone: provider keys and tokens (sk-…, AKIA…, ghp_…, JWTs),
 * private key blocks, passwords in URLs, Bearer/Basic credentials, and what a cut left of one.
 */
import { MARKER_START, type RedactionTally } from './redaction-tally.js';

/** A rule: `re` must be global; with `keep`, group 1 is kept (e.g. "Bearer ") and the rest masked. */
interface ShapeRule {
  kind: string;
  re: RegExp;
  keep?: boolean;
  /** A further check on the secret part (shapes that ordinary words can take). */
  accept?: (secret: string) => boolean;
}

const B = String.raw`(?<![A-Za-z0-9_-])`; // not glued to a longer token
const mixed = (s: string) => /[A-Z]/.test(s.slice(1)) || /[0-9=+/._~-]/.test(s);
const awsSecretLike = (s: string) => /[A-Z]/.test(s) && /[a-z]/.test(s) && /[0-9]/.test(s) && !s.startsWith('/') && (s.match(/\//g)?.length ?? 0) <= 3;
const SEP = String.raw`(?:\s|\\[nr])`; // a line break, raw or as a JSON escape

export const PRIVATE_KEY_RULES: ShapeRule[] = [
  // Whole block.
  {
    kind: 'private-key',
    re: new RegExp(String.raw`-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----[\s\S]*?-----END ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----`, 'g'),
  },
  // A block cut short (a preview, a page): the header and every base64 line after it.
  { kind: 'private-key', re: new RegExp(String.raw`-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----(?:${SEP}+[A-Za-z0-9+/=:,-]{2,})*`, 'g') },
  // The tail of a block whose start was on an earlier page.
  { kind: 'private-key', re: new RegExp(String.raw`(?:[A-Za-z0-9+/=]{16,}${SEP}+)+-----END ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----`, 'g') },
];

export const SHAPE_RULES: ShapeRule[] = [
  // The signature is optional: a view cut after the payload still holds a token (the 40-character
  // payload run would otherwise go to aws-secret-key and leave the header showing).
  { kind: 'jwt', re: new RegExp(String.raw`${B}eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]*)?`, 'g') },
  { kind: 'anthropic-key', re: new RegExp(String.raw`${B}sk-ant-[A-Za-z0-9_-]{20,}`, 'g') },
  { kind: 'openai-key', re: new RegExp(String.raw`${B}sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}`, 'g') },
  { kind: 'stripe-key', re: /(?<![A-Za-z0-9])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,}/g },
  { kind: 'github-token', re: /(?<![A-Za-z0-9])(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{20,})/g },
  { kind: 'slack-token', re: /(?<![A-Za-z0-9])(?:xox[abposr]|xapp)-[A-Za-z0-9-]{10,}/g },
  { kind: 'google-api-key', re: new RegExp(String.raw`${B}AIza[0-9A-Za-z_-]{30,}`, 'g') },
  { kind: 'aws-access-key', re: /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z0-9]{16}(?![A-Z0-9])/g },
  { kind: 'bearer-token', re: /(\b(?:[Bb]earer|BEARER)\s+)([A-Za-z0-9._~+/=-]{8,})/g, keep: true, accept: mixed },
  { kind: 'basic-credentials', re: /(\b(?:[Bb]asic|BASIC)\s+)([A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=])/g, keep: true, accept: mixed },
  // scheme://user:password@host keeps the user; a bare userinfo that long is a token.
  { kind: 'url-password', re: /(\b[a-z][a-z0-9+.-]*:\/\/[^\s/@:'"\\]+:)([^\s/@'"\\]+)(?=@)/gi, keep: true },
  { kind: 'url-credentials', re: /(\b[a-z][a-z0-9+.-]*:\/\/)([^\s/@:'"\\]{16,})(?=@)/gi, keep: true },
  // Query parameters named like credentials (?token=, &sig=, &X-Amz-Signature=…).
  { kind: 'url-param', re: /([?&;][\w.-]*(?:token|password|passwd|secret|key|signature|sig|auth|credential)[\w.-]*=)([^&\s'"#\\[]+)/gi, keep: true },
  // An AWS secret access key: 40 base64 characters of mixed case and digits, standing alone.
  { kind: 'aws-secret-key', re: /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g, accept: awsSecretLike },
];

/**
 * What a cut (`…` from clip, a page or the budget) left of a secret: a known prefix, or a
 * long mixed-case-and-digits run, right before the ellipsis.
 */
export const CUT_RULES: ShapeRule[] = [
  { kind: 'cut-secret', re: /(?<![A-Za-z0-9_\-/+])(?:sk-|sk_|rk_|gh[pousr]_|github_pat_|xox[abposr]-|AIza|AKIA|ASIA|eyJ)[A-Za-z0-9_\-./+=]*(?=\s*…)/g },
  { kind: 'cut-secret', re: /(?<![A-Za-z0-9_\-/+])[A-Za-z0-9_\-/+]{16,}(?=\s*…)/g, accept: (s) => /[A-Z]/.test(s) && /[a-z]/.test(s) && /[0-9]/.test(s) },
];

export function applyShapes(text: string, rules: ShapeRule[], tally: RedactionTally): string {
  let out = text;
  for (const rule of rules) {
    rule.re.lastIndex = 0;
    out = out.replace(rule.re, (whole: string, ...groups: unknown[]) => {
      const kept = rule.keep ? String(groups[0] ?? '') : '';
      const secret = whole.slice(kept.length);
      if (secret.startsWith(MARKER_START) || (rule.accept && !rule.accept(secret))) return whole;
      return kept + tally.add(rule.kind);
    });
  }
  return out;
}

/** The kind of a value that is, as a whole, a recognisable secret; null otherwise. */
export function shapeKindOf(value: string): string | null {
  const v = value.trim().replace(/^(?:[Bb]earer|[Bb]asic|Token)\s+/, '');
  for (const rule of SHAPE_RULES) {
    if (rule.keep) continue;
    const re = new RegExp(`^(?:${rule.re.source})$`, rule.re.flags.replace('g', ''));
    if (re.test(v) && (!rule.accept || rule.accept(v))) return rule.kind;
  }
  return null;
}

/** A cheap test before the shape rules run: a known prefix, a URL, a query parameter or a long run. */
/** The prefixes of AWS key ids (AKIA…, ASIA…): one of them, or another hint, before the shape rules run. */
const AWS_ID_PREFIXES = 'AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA';
export const SHAPE_HINT = new RegExp(
  String.raw`sk-|sk_|rk_|gh[pousr]_|github_pat_|xox|xapp-|AIza|${AWS_ID_PREFIXES}|eyJ|bearer|basic|:\/\/|[?&;][\w.-]*=|[A-Za-z0-9/+]{40}`,
  'i',
);
