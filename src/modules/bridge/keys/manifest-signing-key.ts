import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';

/** The Ed25519 key that signs manifests, with what `/v1/bridge/pubkey` publishes of it. */
export interface ManifestSigningKey {
  /** First 16 hex digits of the SHA-256 of the public key (SPKI DER). */
  readonly keyId: string;
  readonly privateKey: KeyObject;
  readonly publicKeyPem: string;
}

export function signingKeyFrom(privateKey: KeyObject): ManifestSigningKey {
  const publicKey = createPublicKey(privateKey);
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return {
    keyId: createHash('sha256').update(der).digest('hex').slice(0, 16),
    privateKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** An Ed25519 private key from PKCS#8 (PEM text or DER bytes), or null for anything else. */
export function parseEd25519PrivateKey(key: string | Buffer): KeyObject | null {
  try {
    const parsed = typeof key === 'string' ? createPrivateKey({ key, format: 'pem' }) : createPrivateKey({ key, format: 'der', type: 'pkcs8' });
    return parsed.asymmetricKeyType === 'ed25519' ? parsed : null;
  } catch {
    return null;
  }
}
