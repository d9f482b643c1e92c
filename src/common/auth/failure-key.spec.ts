import { failureKey } from './failure-key';

describe('failureKey', () => {
  it('keys a PAT by its public prefix, so every secret tried for it counts together', () => {
    expect(failureKey('10.0.0.1', `sp-live-0123456789ab.${'0'.repeat(52)}`)).toBe('10.0.0.1|pat:0123456789ab');
    expect(failureKey('10.0.0.1', `sp-live-0123456789ab.${'f'.repeat(52)}`)).toBe('10.0.0.1|pat:0123456789ab');
  });

  it('keys other tokens by a hash (never the token itself), and no credential as "none"', () => {
    const key = failureKey('10.0.0.1', 'eyJhbGciOiJIUzI1NiJ9.e30.signature');
    expect(key).toMatch(/^10\.0\.0\.1\|tok:[0-9a-f]{16}$/);
    expect(key).not.toContain('eyJ');
    expect(failureKey('10.0.0.1', null)).toBe('10.0.0.1|none');
    expect(failureKey('10.0.0.2', null)).not.toBe(failureKey('10.0.0.1', null));
  });
});
