import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Personal access tokens: `sp-live-<12 hex>.<52 hex>` = 32 random bytes in hex, split after the
 * 12-digit public prefix (used for look-up and display). Only the SHA-256 of the whole token
 * is stored.
 */
export const PAT_PATTERN = /^sp-live-([0-9a-f]{12})\.([0-9a-f]{52})$/;

export interface ParsedPat {
  prefix: string;
  token: string;
}

export function generatePat(): ParsedPat {
  const hex = randomBytes(32).toString('hex');
  const prefix = hex.slice(0, 12);
  return { prefix, token: `sp-live-${prefix}.${hex.slice(12)}` };
}

export function parsePat(token: string): ParsedPat | null {
  const match = PAT_PATTERN.exec(token);
  return match ? { prefix: match[1]!, token } : null;
}

/** One-shot `crypto.hash`: runs on every authenticated request, at less than half createHash's cost. */
export function hashPat(token: string): string {
  return hash('sha256', token, 'hex');
}

/** Constant-time comparison of two hex digests. */
export function digestsEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}
