/**
 * No tracked file holds a string that a secret scanner flags. Every install of the skill copies
 * the whole repository (tests, fixtures, seeders) into the user's project, where GitHub push
 * protection, gitleaks or trufflehog would stop the user's own push. Test secrets are built at
 * run time from fragments (testbed/seed_secrets.py, the redaction tests).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../support/helpers.js';

/** The shapes scanners match on their own (gitleaks / GitHub secret scanning rules, simplified). */
export const SCANNER_PATTERNS: Record<string, RegExp> = {
  'aws-access-key': /(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])/,
  'openai-key': /(?<![\w-])sk-(?:proj-|svcacct-|admin-|ant-(?:api|admin)\d\d-)?[A-Za-z0-9_-]{20,}/,
  'github-token': /(?<!\w)(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})/,
  'slack-token': /(?<!\w)xox[abposr]-[0-9A-Za-z-]{10,}/,
  jwt: /(?<![\w-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/,
  'private-key': /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/,
  'google-api-key': /(?<![\w-])AIza[0-9A-Za-z_-]{35}/,
  'stripe-key': /(?<!\w)[sr]k_live_[0-9A-Za-z]{20,}/,
  'databricks-token': /(?<!\w)dapi[0-9a-h]{32}/,
};

/** Each line of `text` that matches a pattern, as `kind: line`. */
export function scannerHits(text: string): string[] {
  const hits: string[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    for (const [kind, re] of Object.entries(SCANNER_PATTERNS)) if (re.test(line)) hits.push(`${i + 1}: ${kind}: ${line.trim().slice(0, 120)}`);
  }
  return hits;
}

describe('secret scanners', () => {
  it('would flag the real shapes (the patterns are not vacuous)', () => {
    // Built from fragments, as the seeders and redaction tests build theirs.
    const samples = [
      ['AK', 'IAZ7QX3MPL4EXAMPLE'],
      ['sk-', 'proj-', 'T3stOnlyKey9x8c7v6b5n4m3QWERty'],
      ['gh', 'p_', 'T3stOnly0123456789abcdefghijABCDEFGHij'],
      ['xo', 'xb-', '1234567890-0987654321-T3stOnly'],
      ['ey', 'JhbGciOiJIUzI1NiJ9.', 'ey', 'JzdWIiOiJ0ZXN0In0.c2lnbmF0dXJl'],
      ['-----BEGIN RSA ', 'PRIVATE KEY-----'],
      ['AI', 'za', 'SyA1234567890abcdefghijklmnopqrstuv'],
      ['sk', '_live_', '0123456789abcdefghijKLMN'],
      ['da', 'pi', '0123456789abcdef0123456789abcdef'],
    ];
    for (const parts of samples) expect(scannerHits(parts.join('')), parts.join('')).toHaveLength(1);
  });

  it('match no tracked file', async () => {
    const { stdout } = await execa('git', ['ls-files', '-co', '--exclude-standard'], { cwd: ROOT });
    const found: string[] = [];
    for (const file of stdout.split('\n').filter(Boolean)) {
      let text: string;
      try {
        text = readFileSync(join(ROOT, file), 'utf8');
      } catch {
        continue; // listed but deleted in the working tree, or a directory link
      }
      for (const hit of scannerHits(text)) found.push(`${file}:${hit}`);
    }
    expect(found, 'build these at run time from fragments').toEqual([]);
  });
});
