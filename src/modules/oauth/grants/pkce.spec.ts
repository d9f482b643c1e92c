import { s256, verifierMatches } from './pkce';

describe('PKCE S256', () => {
  // RFC 7636 Appendix B.
  const verifier = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
  const challenge = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

  it('computes the RFC 7636 example challenge', () => {
    expect(s256(verifier)).toBe(challenge);
  });

  it('accepts the matching verifier only', () => {
    expect(verifierMatches(verifier, challenge)).toBe(true);
    expect(verifierMatches(`${verifier.slice(0, -1)}A`, challenge)).toBe(false);
  });

  it('refuses the plain method (verifier equal to the challenge) and malformed verifiers', () => {
    expect(verifierMatches(challenge, challenge)).toBe(false);
    expect(verifierMatches('short', s256('short'))).toBe(false);
    expect(verifierMatches(`${'a'.repeat(43)}!`, s256(`${'a'.repeat(43)}!`))).toBe(false);
  });
});
