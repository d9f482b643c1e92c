import type { FactoryProvider } from '@nestjs/common';
import { BootstrapError } from '../../../bootstrap/bootstrap.error';
import type { AppConfig } from '../../../bootstrap/config/app-config';
import { APP_CONFIG } from '../../../bootstrap/bootstrap.tokens';
import { CONFIGURED_SIGNING_KEY } from '../bridge.tokens';
import { type ManifestSigningKey, parseEd25519PrivateKey, signingKeyFrom } from './manifest-signing-key';

/** A configured key that is not an Ed25519 private key stops the start, naming the field. */
export function configuredSigningKey(config: AppConfig): ManifestSigningKey | null {
  const pem = config.secrets.manifest_signing_key;
  if (pem === undefined) return null;
  const key = parseEd25519PrivateKey(pem);
  if (!key) throw new BootstrapError('config', config.secretsSource, 'manifest_signing_key', 'must be an Ed25519 private key in PKCS#8 PEM (-----BEGIN PRIVATE KEY-----)');
  return signingKeyFrom(key);
}

/** Depends on the config only, so a bad key is refused before the database is even opened. */
export const configuredSigningKeyProvider: FactoryProvider<ManifestSigningKey | null> = {
  provide: CONFIGURED_SIGNING_KEY,
  inject: [APP_CONFIG],
  useFactory: configuredSigningKey,
};
