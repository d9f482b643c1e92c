import { createHash, createPublicKey, type KeyObject, verify } from 'node:crypto';
import canonicalize from 'canonicalize';
import { CoworkError } from '../cowork.errors';

const SIGNATURE_BYTES = 64;
const BASE64URL = /^[A-Za-z0-9_-]+={0,2}$/;

/**
 * True when `signature` (base64url) is the Ed25519 signature of the RFC 8785 canonical JSON of
 * `manifest` under `publicKeyPem`. Canonical JSON makes the check independent of key order
 * and whitespace, so the manifest can be stored pretty-printed and still verify.
 */
export function verifyManifestSignature(manifest: unknown, signature: string, publicKeyPem: string): boolean {
  const canonical = canonicalJson(manifest);
  const bytes = BASE64URL.test(signature) ? Buffer.from(signature, 'base64url') : null;
  if (canonical === null || bytes === null || bytes.length !== SIGNATURE_BYTES) return false;
  return verify(null, Buffer.from(canonical, 'utf8'), ed25519PublicKey(publicKeyPem), bytes);
}

/** SHA-256 (hex) of the canonical manifest: a stable fingerprint for summaries. */
export function manifestDigest(manifest: unknown): string {
  return createHash('sha256').update(canonicalJson(manifest) ?? '').digest('hex');
}

/** Compares key material, not PEM text, so line wrapping or a trailing newline does not matter. */
export function samePublicKey(aPem: string, bPem: string): boolean {
  const der = (pem: string): Buffer => ed25519PublicKey(pem).export({ type: 'spki', format: 'der' });
  return der(aPem).equals(der(bPem));
}

/** Parses an Ed25519 public key; anything else is refused rather than verified against. */
export function ed25519PublicKey(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    throw new CoworkError('MANIFEST_INVALID', 'the public key is not a PEM public key');
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new CoworkError('MANIFEST_INVALID', `the public key is ${key.asymmetricKeyType ?? 'of an unknown type'}, not Ed25519`);
  }
  return key;
}

function canonicalJson(value: unknown): string | null {
  try {
    return canonicalize(value) ?? null;
  } catch {
    // NaN or Infinity cannot be canonicalised; such a manifest cannot have been signed.
    return null;
  }
}
