import type { CoworkConfig } from '../cowork.types';
import { BearerExchangeProvider } from './bearer-exchange.provider';
import type { CredentialProvider } from './credential-provider.types';
import { MtlsProvider } from './mtls.provider';

/** The configured providers in the order they are tried; an unconfigured one is left out. */
export function createCredentialProviders(config: CoworkConfig): CredentialProvider[] {
  const providers: CredentialProvider[] = [];
  if (config.mtls !== null) providers.push(new MtlsProvider(config.mtls.cert, config.mtls.key));
  if (config.session !== null) providers.push(new BearerExchangeProvider('session', config.session.token));
  if (config.pat !== null) providers.push(new BearerExchangeProvider('pat', config.pat));
  return providers;
}
