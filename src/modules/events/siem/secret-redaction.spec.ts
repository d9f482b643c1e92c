import { REDACTED, redactSecrets } from './secret-redaction';

describe('redactSecrets', () => {
  it.each([
    ['a PAT', `token sp-live-0123456789ab.${'c'.repeat(52)} used`],
    ['a JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dBjftJeZ4CVPmB92K27uhbUJU1p1r_wW1gFWFOEjXk'],
    ['a bearer header', 'Authorization: Bearer abcdefghijklmnop'],
    ['an Anthropic key', 'sk-ant-api03-abcdefghijklmnopqrstuvwxyz'],
    ['an AWS key id', 'AKIAIOSFODNN7EXAMPLE'],
    ['a GitHub token', `ghp_${'a'.repeat(36)}`],
  ])('masks %s inside strings', (_what, text) => {
    const out = redactSecrets({ reason: text });
    expect(out.reason).toContain(REDACTED);
    expect(out.reason).not.toContain(text.slice(-12));
  });

  it('keeps the user of a URL and hides its password', () => {
    expect(redactSecrets('postgres://app:hunter2@db:5432/x')).toBe(`postgres://app:${REDACTED}@db:5432/x`);
  });

  it('masks credential-named keys at any depth, and leaves token counts alone', () => {
    const out = redactSecrets({ input_tokens: 5, token_id: 'abc', nested: [{ password: 'p', api_key: 'k', ok: 'fine' }], headers: { authorization: 'x' } });
    expect(out).toEqual({ input_tokens: 5, token_id: 'abc', nested: [{ password: REDACTED, api_key: REDACTED, ok: 'fine' }], headers: { authorization: REDACTED } });
  });

  it('hands back a payload with nothing to redact as it is, and copies one that has something', () => {
    const clean = { trace_id: 't1', tool: 'Bash', nested: [{ n: 1 }], reason: null };
    expect(redactSecrets(clean)).toBe(clean);
    const dirty = { trace_id: 't1', nested: [{ reason: 'sk-ant-api03-abcdefghijklmnopqrstuvwxyz' }] };
    const out = redactSecrets(dirty);
    expect(out).not.toBe(dirty);
    expect(out.nested[0]!.reason).toBe(REDACTED);
    expect(dirty.nested[0]!.reason).toBe('sk-ant-api03-abcdefghijklmnopqrstuvwxyz');
  });
});
