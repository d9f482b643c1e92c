import { createHash } from 'node:crypto';
import { digestsEqual, generatePat, hashPat, parsePat, PAT_PATTERN } from './personal-access-token';

describe('personal access tokens', () => {
  it('generates sp-live-<12 hex>.<52 hex> with the prefix as its first 12 hex digits', () => {
    const { token, prefix } = generatePat();
    expect(token).toMatch(PAT_PATTERN);
    expect(token.slice(8, 20)).toBe(prefix);
    expect(token.replace('sp-live-', '').replace('.', '')).toHaveLength(64);
  });

  it('generates distinct tokens', () => {
    const tokens = new Set(Array.from({ length: 200 }, () => generatePat().token));
    expect(tokens.size).toBe(200);
  });

  it.each(['sp-live-abc.def', 'sp-live-0123456789ab.' + 'g'.repeat(52), 'sp-test-0123456789ab.' + '0'.repeat(52), ''])('rejects %s', (value) => {
    expect(parsePat(value)).toBeNull();
  });

  it('hashes the whole token with SHA-256', () => {
    const { token } = generatePat();
    expect(hashPat(token)).toBe(createHash('sha256').update(token).digest('hex'));
  });

  it('compares digests in constant time and only equal ones match', () => {
    const a = hashPat(generatePat().token);
    const b = hashPat(generatePat().token);
    expect(digestsEqual(a, a)).toBe(true);
    expect(digestsEqual(a, b)).toBe(false);
    expect(digestsEqual(a, a.slice(0, 10))).toBe(false);
    expect(digestsEqual('', '')).toBe(false);
  });
});
