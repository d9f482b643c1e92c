import type { IssuedToken } from '../cowork.types';
import type { GatewayRepository } from '../gateway.repository';
import { type CredentialProvider, exchangePath } from './credential-provider.types';
import { toIssuedToken } from './issued-token.schema';

/**
 * The `session` and `pat` providers: both present a secret as `Authorization: Bearer …` and
 * differ only in the endpoint, so they are one class with two names.
 */
export class BearerExchangeProvider implements CredentialProvider {
  constructor(
    readonly name: 'session' | 'pat',
    private readonly secret: string,
  ) {}

  cacheIdentity(): Promise<string> {
    return Promise.resolve(this.secret);
  }

  async exchange(gateway: GatewayRepository): Promise<IssuedToken> {
    return toIssuedToken(await gateway.post(exchangePath(this.name), { bearer: this.secret }));
  }
}
