import { readFile } from 'node:fs/promises';
import { CoworkError, describeError } from '../cowork.errors';
import type { IssuedToken } from '../cowork.types';
import { type GatewayRepository, loadUndici } from '../gateway.repository';
import { type CredentialProvider, exchangePath } from './credential-provider.types';
import { toIssuedToken } from './issued-token.schema';

/**
 * The device-certificate provider: the TLS handshake itself is the credential, so the request
 * carries no Authorization header. The files are read per exchange, so a certificate renewed
 * by MDM is picked up without restarting anything. Over plain http no certificate is sent and
 * the gateway decides (it refuses); a private CA is trusted with NODE_EXTRA_CA_CERTS.
 */
export class MtlsProvider implements CredentialProvider {
  readonly name = 'mtls';

  constructor(
    private readonly certFile: string,
    private readonly keyFile: string,
  ) {}

  /** The certificate identifies the device; the private key never enters the cache key. */
  cacheIdentity(): Promise<Buffer> {
    return this.read(this.certFile, 'cert');
  }

  async exchange(gateway: GatewayRepository): Promise<IssuedToken> {
    const [cert, key] = await Promise.all([this.read(this.certFile, 'cert'), this.read(this.keyFile, 'key')]);
    const { Agent } = await loadUndici();
    const agent = new Agent({ connect: { cert, key } });
    try {
      return toIssuedToken(await gateway.post(exchangePath(this.name), { dispatcher: agent }));
    } finally {
      await agent.close();
    }
  }

  private async read(file: string, field: 'cert' | 'key'): Promise<Buffer> {
    try {
      return await readFile(file);
    } catch (error) {
      throw new CoworkError('PROVIDER_FAILED', `cannot read mtls.${field} ${file} (${describeError(error)})`);
    }
  }
}
