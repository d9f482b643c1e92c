import { generateKeyPairSync, sign } from 'node:crypto';
import canonicalize from 'canonicalize';
import { manifestDigest, samePublicKey, verifyManifestSignature } from './manifest-signature.service';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
const otherPem = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString();
const manifest = { version: 1, agents: [{ name: 'helper', ratio: 0.5 }], skills: ['é'], z: null };
const signature = sign(null, Buffer.from(canonicalize(manifest) ?? ''), privateKey).toString('base64url');

describe('verifyManifestSignature', () => {
  it('accepts the signature of the canonical JSON, whatever the key order', () => {
    const reordered = { z: null, skills: ['é'], agents: [{ ratio: 0.5, name: 'helper' }], version: 1 };
    expect(verifyManifestSignature(reordered, signature, pem)).toBe(true);
  });

  it.each([
    ['a changed value', { ...manifest, version: 2 }, signature, pem],
    ['an added key', { ...manifest, extra: true }, signature, pem],
    ['another key', manifest, signature, otherPem],
    ['a truncated signature', manifest, signature.slice(0, 40), pem],
    ['a non-base64url signature', manifest, `${signature.slice(0, -1)}+`, pem],
    ['a non-canonicalisable manifest', { n: Number.NaN }, signature, pem],
  ])('rejects %s', (_, value, sig, key) => {
    expect(verifyManifestSignature(value, sig, key)).toBe(false);
  });

  it('refuses a key that is not Ed25519', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(() => verifyManifestSignature(manifest, signature, rsa)).toThrow('not Ed25519');
  });
});

describe('samePublicKey', () => {
  it('compares key material, not PEM text', () => {
    expect(samePublicKey(pem, `\n${pem.trim()}\n\n`)).toBe(true);
    expect(samePublicKey(pem, otherPem)).toBe(false);
  });
});

describe('manifestDigest', () => {
  it('is stable across key order', () => {
    expect(manifestDigest({ a: 1, b: 2 })).toBe(manifestDigest({ b: 2, a: 1 }));
  });
});
