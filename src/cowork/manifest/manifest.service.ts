import { CoworkError, describeError } from '../cowork.errors';
import type { ManifestPublicKey } from '../cowork.types';
import { describeResponse, type GatewayRepository } from '../gateway.repository';
import { manifestDigest, samePublicKey, verifyManifestSignature } from './manifest-signature.service';
import type { ManifestStoreRepository } from './manifest-store.repository';
import { toManifestPublicKey, toSignedManifest } from './manifest.schema';

export const MANIFEST_PATH = '/v1/bridge/manifest';
export const PUBKEY_PATH = '/v1/bridge/pubkey';

/** `[manifest] public_key` of cowork.toml, and the file it came from (for messages). */
export interface PinnedKey {
  readonly pem: string;
  readonly source: string;
}

export interface ManifestSummary {
  readonly command: 'sync' | 'validate';
  readonly status: 'ok';
  readonly target: string;
  readonly key_id: string;
  readonly manifest_sha256: string;
  readonly files: readonly string[];
}

/** sync and validate: nothing reaches the target folder, or is reported valid, unless it verifies. */
export class ManifestService {
  constructor(
    private readonly store: ManifestStoreRepository,
    private readonly pinned: PinnedKey | null,
    private readonly note: (line: string) => void,
  ) {}

  async sync(gateway: GatewayRepository, bearer: string): Promise<ManifestSummary> {
    const res = await gateway.get(MANIFEST_PATH, { bearer });
    if (res.status !== 200) throw new CoworkError('GATEWAY_REJECTED', `GET ${MANIFEST_PATH}: ${describeResponse(res)}`);
    const signed = toSignedManifest(res.body, `GET ${MANIFEST_PATH}`);
    const publicKeyPem = await this.verificationKey(gateway, bearer, signed.key_id);
    if (!verifyManifestSignature(signed.manifest, signed.signature, publicKeyPem)) {
      throw new CoworkError('MANIFEST_INVALID', `the manifest signature (key ${signed.key_id}) does not verify; nothing was written`);
    }
    const files = await this.store.write({
      manifest: signed.manifest,
      signature: { signature: signed.signature, key_id: signed.key_id, public_key_pem: publicKeyPem },
    });
    return this.summary('sync', signed.key_id, signed.manifest, files);
  }

  async validate(): Promise<ManifestSummary> {
    const { manifest, signature } = await this.store.read();
    this.refuseUnpinned(signature.public_key_pem, signature.key_id);
    if (!verifyManifestSignature(manifest, signature.signature, signature.public_key_pem)) {
      throw new CoworkError('MANIFEST_INVALID', `${this.store.manifestFile}: the signature (key ${signature.key_id}) does not verify`);
    }
    return this.summary('validate', signature.key_id, manifest, [this.store.manifestFile, this.store.signatureFile]);
  }

  /**
   * The key to verify with: the gateway's published key, which must be the pinned one when a
   * key is pinned. A pinned key also lets sync proceed when the pubkey endpoint is down.
   */
  private async verificationKey(gateway: GatewayRepository, bearer: string, signedWith: string): Promise<string> {
    let published: ManifestPublicKey;
    try {
      const res = await gateway.get(PUBKEY_PATH, { bearer });
      if (res.status !== 200) throw new CoworkError('GATEWAY_REJECTED', `GET ${PUBKEY_PATH}: ${describeResponse(res)}`);
      published = toManifestPublicKey(res.body, `GET ${PUBKEY_PATH}`);
    } catch (error) {
      if (this.pinned === null) throw error;
      this.note(`${describeError(error)}; verifying with the key pinned in ${this.pinned.source}`);
      return this.pinned.pem;
    }
    if (published.key_id !== signedWith) {
      throw new CoworkError('MANIFEST_INVALID', `the manifest is signed with key ${signedWith} but the gateway publishes key ${published.key_id}`);
    }
    this.refuseUnpinned(published.public_key_pem, published.key_id);
    return this.pinned?.pem ?? published.public_key_pem;
  }

  private refuseUnpinned(publicKeyPem: string, keyId: string): void {
    if (this.pinned === null || samePublicKey(this.pinned.pem, publicKeyPem)) return;
    throw new CoworkError(
      'KEY_MISMATCH',
      `the manifest key ${keyId} is not the key pinned in ${this.pinned.source} ([manifest] public_key); refusing it`,
    );
  }

  private summary(command: ManifestSummary['command'], keyId: string, manifest: unknown, files: readonly string[]): ManifestSummary {
    return { command, status: 'ok', target: this.store.dir, key_id: keyId, manifest_sha256: manifestDigest(manifest), files };
  }
}
